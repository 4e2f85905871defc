// Counts French literals (accented letters, « ») in src/ the way test/unit/french-literals.test.ts
// finds them (comments and developer "[mssante]" logs excluded; data tables and the CLI counted
// here, listed apart): `npx tsx scripts/french-literals.ts [project root] [-v]`.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { frenchInHtml, frenchLiterals } from "../test/unit/support/french-literals.ts";

const root = process.argv[2] && !process.argv[2].startsWith("-") ? process.argv[2] : join(import.meta.dirname, "..");
const verbose = process.argv.includes("-v");

function* files(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const perFile = new Map<string, number>();
for (const f of files(join(root, "src"))) {
  const rel = relative(root, f).split(sep).join("/");
  const text = readFileSync(f, "utf8");
  const found = /\.(ts|mts|js|mjs)$/.test(f) ? frenchLiterals(rel, text) : f.endsWith(".html") ? frenchInHtml(rel, text) : [];
  if (found.length) perFile.set(rel, found.length);
  if (verbose) for (const x of found) console.log(`${x.file}:${x.line}: ${x.text}`);
}
const rows = [...perFile].sort((a, b) => b[1] - a[1]);
for (const [f, n] of rows) console.log(`${String(n).padStart(4)}  ${f}`);
const cli = rows.filter(([f]) => f.startsWith("src/cli/")).reduce((s, [, n]) => s + n, 0);
const all = rows.reduce((s, [, n]) => s + n, 0);
console.log(`total ${all} (src/cli ${cli}, elsewhere ${all - cli})`);
