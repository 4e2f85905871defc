#!/usr/bin/env node
// Result lists of the directory search, this working tree against a git revision, on the same
// index and queries: what a search optimisation must leave unchanged (and what a new ranking rule
// changes, to be explained). Run bench/directory.mjs once first: it leaves the index, the queries
// and the usual correspondents in its cache.
//   node bench/directory-compare.mjs [--rev HEAD] [--rows 1000000] [--seed 1] [--limit 10]
//                                    [--cache /tmp/mssante-directory-bench] [--show 20]
// Each query is compared plain and with the bench's 200 usual correspondents (rule 4), at the
// bench's limit and at 100: first with rule 5 (first names) switched off (on both sides when the
// revision has it), where nothing may differ, then as it is, where each difference must be one
// rule 5 explains. Exit code 1 otherwise.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const rev = option("rev", "HEAD");
const rows = Number(option("rows", "1000000"));
const seed = Number(option("seed", "1"));
const limit = Number(option("limit", "10"));
const cache = option("cache", "/tmp/mssante-directory-bench");
const show = Number(option("show", "20"));

async function bundle(srcRoot, out) {
  // The revision's sources live outside the tree: its packages are this tree's.
  await build({ entryPoints: [join(srcRoot, "src/core/directory/index.ts")], outfile: out, bundle: true, format: "esm", platform: "node", target: ["node20"], logLevel: "warning", nodePaths: [join(root, "node_modules")] });
  return import(pathToFileURL(out).href);
}

const work = mkdtempSync(join(tmpdir(), "directory-compare-"));
try {
  // The revision's sources, unpacked beside (git archive: no checkout of this tree is touched).
  const old = join(work, "old");
  execFileSync("sh", ["-c", `mkdir -p "${old}" && git -C "${root}" archive "${rev}" src _locales | tar -x -C "${old}"`]);
  const before = await bundle(old, join(work, "old.mjs"));
  const after = await bundle(root, join(work, "new.mjs"));

  const db = join(cache, `ours-${rows}`);
  const manifest = JSON.parse(readFileSync(join(db, "manifest.json"), "utf8"));
  const data = readFileSync(join(db, manifest.dataFile));
  const a = before.DirectoryIndex.load(data);
  const b = after.DirectoryIndex.load(data);
  const queries = readFileSync(join(cache, `queries-${rows}-s${seed}.txt`), "utf8").split("\n").filter(Boolean);
  const addresses = readFileSync(join(cache, `prefer-${rows}-s${seed}.txt`), "utf8").split("\n").filter(Boolean);
  const usual = new Map(addresses.map((x, i) => [x, 2 + (i % 7)]));
  const preferA = before.preferredIds(a, usual);
  const preferB = after.preferredIds(b, usual);

  const label = (index, id) => {
    const e = index.entry(id);
    return `${id} ${e.firstName} ${e.lastName} <${e.email}> ${e.postalCode} ${e.city} | ${e.profession} | ${e.organisation}`;
  };
  const { foldWords, queryTokens } = after;
  /** Rule 5 (first names) moves entries whose first name holds a query word before the others of their tier. */
  const firstNameHolds = (index, id, words) => foldWords(index.entry(id).firstName).some((f) => words.some((w) => f.startsWith(w)));
  const cases = [[limit, undefined, undefined, ""], [100, undefined, undefined, " (limit 100)"], [limit, preferA, preferB, " (correspondents)"]];
  const run = () => {
    const diffs = [];
    for (const q of queries) {
      for (const [lim, pa, pb, tag] of cases) {
        const x = a.searchIds(q, lim, pa);
        const y = b.searchIds(q, lim, pb);
        if (x.length !== y.length || x.some((id, i) => id !== y[i])) diffs.push({ q, tag, x, y });
      }
    }
    return diffs;
  };
  const print = (list) => {
    for (const d of list.slice(0, show)) {
      process.stdout.write(`\n${JSON.stringify(d.q)}${d.tag}\n  ${rev}:\n${d.x.map((id) => `    ${label(a, id)}`).join("\n")}\n  now:\n${d.y.map((id) => `    ${label(b, id)}`).join("\n")}\n`);
    }
  };
  const total = queries.length * cases.length;

  // 1. Rule 5 switched off in the new code (and in the revision's, when it has it already):
  //    the optimisations alone must change nothing.
  const protos = [Object.getPrototypeOf(b), Object.getPrototypeOf(a)].filter((p) => typeof p.inFirstName === "function");
  const saved = protos.map((p) => p.inFirstName);
  for (const p of protos) p.inFirstName = () => null;
  const same = run();
  protos.forEach((p, i) => (p.inFirstName = saved[i]));
  process.stdout.write(`rule 5 off: ${total} result lists (${queries.length} queries × ${cases.length}) compared against ${rev}: ${same.length} differ\n`);
  print(same);

  // 2. As it is: each difference must be rule 5's, that is an order within tiers, entries whose
  //    first name holds a query word brought forward: at a limit the ones that enter hold one, and
  //    with every result listed (limit 1000) both lists hold the same entries.
  const diffs = run();
  const sameSet = (q) => {
    const x = a.searchIds(q, 1000);
    const y = b.searchIds(q, 1000);
    return x.length === 1000 || (x.length === y.length && new Set([...x, ...y]).size === x.length);
  };
  const unexplained = diffs.filter(({ q, x, y }) => {
    const words = queryTokens(q);
    return !(y.filter((id) => !x.includes(id)).every((id) => firstNameHolds(b, id, words)) && sameSet(q));
  });
  process.stdout.write(`rule 5 on: ${diffs.length} of ${total} differ, ${diffs.length - unexplained.length} as rule 5 says, ${unexplained.length} otherwise\n`);
  if (unexplained.length > 0) print(unexplained);
  else print(diffs.slice(0, Math.min(show, 5)));
  process.exitCode = same.length > 0 || unexplained.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
