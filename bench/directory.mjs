#!/usr/bin/env node
// Directory search benchmark: our index (src/core/directory through dist/cli.js) side by side with
// SQLite FTS5 (unicode61 remove_diacritics 2, prefix queries "tok"* ANDed, ORDER BY rank), on the
// same synthetic extraction and the same queries. The extraction is bench/directory-data.mjs's
// realistic one (Zipf surnames and first names, unique addresses, establishments with their
// services, arrondissements); its planted homonym queries (PLANTED there, each with the ranking
// rule that justifies its expected first answer) are checked on both sides. Our queries are also
// timed with 200 usual correspondents (ranking rule 4) to show what that costs.
//   node bench/directory.mjs [--rows 1000000] [--real-rows 535000] [--queries 10000] [--limit 10]
//                            [--seed 1] [--no-fts] [--cache /tmp/mssante-directory-bench]
// Needs: /usr/bin/time (GNU time) and the sqlite3 command line (Debian's has FTS5).
// Each measured side runs in its own child process, so memory figures are that process's own.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// The generator's seeded generator, so the queries are the same on every run.
import { rng } from "../scripts/gen-directory.mjs";
import { meets, PLANTED, writeRealisticFile } from "./directory-data.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** Each query is timed this many times: the first pass as is, and the best of all passes, which
 *  leaves out the pauses caused by other processes on a busy machine (both are reported). */
const PASSES = 3;

// ---------------------------------------------------------------- worker: our index, in a child
if (process.argv[2] === "--worker") {
  const [, , , bundle, dataFile, queriesFile, limitText, preferFile, outFile] = process.argv;
  const status = () => readFileSync("/proc/self/status", "utf8");
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status())[1]);
  const core = await import(pathToFileURL(bundle).href);
  const queries = readFileSync(queriesFile, "utf8").split("\n").filter(Boolean);
  const limit = Number(limitText);
  const rssBefore = kb("VmRSS");
  const t0 = process.hrtime.bigint();
  const index = core.DirectoryIndex.load(readFileSync(dataFile));
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssLoaded = kb("VmRSS");
  for (const q of queries.slice(0, 1000)) index.search(q, { limit });
  // The planted homonym queries: the first answer against its expectation.
  const planted = PLANTED.map((p) => {
    const prefer = core.preferredIds(index, new Map(p.prefer ?? []));
    const t = process.hrtime.bigint();
    const found = index.search(p.query, { limit, prefer });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const e = found[0];
    return { hit: Boolean(e && meets(p.expect, e)), got: e ? `${e.firstName} ${e.lastName} <${e.email}> ${e.postalCode}` : "(rien)", ms };
  });
  // Rule 4's cost: every query again with 200 usual correspondents (addresses of the file).
  const preferAddresses = readFileSync(preferFile, "utf8").split("\n").filter(Boolean);
  const prefer = core.preferredIds(index, new Map(preferAddresses.map((a, i) => [a, 2 + (i % 7)])));
  const withPrefer = new Float64Array(queries.length).fill(Infinity);
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < queries.length; i++) {
      const t = process.hrtime.bigint();
      index.search(queries[i], { limit, prefer });
      withPrefer[i] = Math.min(withPrefer[i], Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const times = new Float64Array(queries.length);
  const best = new Float64Array(queries.length).fill(Infinity);
  let withResults = 0;
  let results = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < queries.length; i++) {
      const t = process.hrtime.bigint();
      const found = index.search(queries[i], { limit });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (pass === 0) {
        times[i] = ms;
        results += found.length;
        if (found.length > 0) withResults++;
      }
      best[i] = Math.min(best[i], ms);
    }
  }
  // To a file: a large answer on a pipe would be cut short by process.exit.
  writeFileSync(outFile,
    JSON.stringify({ planted, preferResolved: prefer.size, withPrefer: Array.from(withPrefer), loadMs, rssBefore, rssLoaded, rssAfter: kb("VmRSS"), hwm: kb("VmHWM"), times: Array.from(times), best: Array.from(best), withResults, results }),
  );
  process.exit(0);
}

// ---------------------------------------------------------------- helpers
const rows = Number(option("rows", "1000000"));
const realRows = Number(option("real-rows", "535000"));
const queryCount = Number(option("queries", "10000"));
const limit = Number(option("limit", "10"));
const seed = Number(option("seed", "1"));
const cache = option("cache", "/tmp/mssante-directory-bench");
const withFts = !flag("no-fts");
mkdirSync(cache, { recursive: true });

function timeV(cmd, args, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { input, encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, peakMb: peakKb / 1024, stdout: r.stdout };
}

function dirBytes(path) {
  if (statSync(path).isFile()) return statSync(path).size;
  return readdirSync(path).reduce((t, n) => t + statSync(join(path, n)).size, 0);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function summary(times) {
  const s = Float64Array.from(times).sort();
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1], mean };
}

const dataStats = new Map();
function generated(n) {
  const file = join(cache, `realistic-v2-${n}-s${seed}.txt`);
  const statsFile = `${file}.json`;
  if (!existsSync(file) || !existsSync(statsFile)) {
    log(`generating ${n} rows → ${file}`);
    writeFileSync(statsFile, JSON.stringify(writeRealisticFile(file, n, seed)));
  }
  dataStats.set(n, JSON.parse(readFileSync(statsFile, "utf8")));
  return file;
}

/** 200 addresses of personal mailboxes of the file, spread through it: the usual correspondents of rule 4's timing. */
function preferAddresses(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const out = [];
  for (let i = 1; i < lines.length && out.length < 200; i += Math.max(1, Math.floor(lines.length / 400))) {
    const f = lines[i].split("|");
    if (f[0] === "PER" && f[1]) out.push(f[1]);
  }
  return out;
}

const stripAccents = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
/** Accents dropped, or moved to the wrong letter, as people type them. */
function misspell(r, s) {
  const plain = stripAccents(s);
  if (r.next() < 0.5) return plain;
  return plain.replace(/e/i, (c) => (c === "e" ? "è" : "È"));
}

const PROFESSION_WORDS = {
  "Médecin": ["medecin", "méd", "dr", "docteur"],
  "Infirmier": ["ide", "infirmier", "infirmière", "inf"],
  "Pharmacien": ["pharma", "pharmacien"],
  "Masseur-kinésithérapeute": ["kiné", "kine", "mk", "masseur"],
  "Chirurgien-dentiste": ["dentiste", "chirurgien-dentiste"],
  "Sage-femme": ["sf", "sage-femme", "sage femme"],
  "Pédicure-podologue": ["podologue", "pedicure"],
};
const SPECIALTY_WORDS = { "Médecine générale": ["généraliste", "generaliste", "médecine générale"], "Cardiologie et maladies vasculaires": ["cardio", "cardiologue"], "Pédiatrie": ["pédiatre", "pediatrie"], "Psychiatrie": ["psychiatre", "psy"] };

/** 1–4-token queries made from random rows: names, places, professions, organisations, addresses. */
function makeQueries(file, count) {
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const header = lines[0].split("|");
  const col = (name) => header.indexOf(name);
  const c = {
    type: col("Type de BAL"), email: col("Adresse BAL"), last: col("Nom d'exercice"), first: col("Prénom d'exercice"),
    prof: col("Libellé Profession"), spec: col("Libellé savoir-faire"), org: col("Raison Sociale structure BAL"),
    l6: col("L6LIGNEACHEMINEMENT structure BAL"), cp: col("Code postal structure BAL"), service: col("Service de rattachement"),
  };
  const r = rng(seed * 7919 + 17);
  const pre = (s, min, max) => s.slice(0, Math.min(s.length, min + r.int(max - min + 1)));
  const queries = [];
  while (queries.length < count) {
    const f = lines[1 + r.int(lines.length - 2)].split("|");
    if (f.length !== 31 || !f[c.email]) continue;
    const city = f[c.l6].replace(/^\d{5} /, "").replace(/ CEDEX.*$/, "").toLowerCase();
    const last = f[c.last];
    const first = f[c.first];
    const cityWord = pre(city, 3, 8);
    let q;
    if (f[c.type] !== "PER" || !last) {
      const orgWords = f[c.org].toLowerCase().split(" ");
      const kind = r.int(3);
      if (kind === 0) q = `${pre(orgWords[0], 3, 6)} ${cityWord}`;
      else if (kind === 1) q = `${pre(f[c.service].split(" ").pop() ?? "", 4, 8)} ${cityWord}`;
      else q = `${f[c.email].split("@")[0].slice(0, 6)} ${pre(f[c.email].split("@")[1].split(".")[0], 3, 6)}`;
    } else {
      const profWords = PROFESSION_WORDS[f[c.prof]] ?? [f[c.prof].toLowerCase()];
      const specWords = SPECIALTY_WORDS[f[c.spec]];
      const kind = r.int(12);
      if (kind === 0) q = pre(last, 2, 4);
      else if (kind === 1) q = pre(last, 3, 6);
      else if (kind === 2) q = last;
      else if (kind === 3) q = `${pre(last, 3, 5)} ${cityWord}`;
      else if (kind === 4) q = `${pre(first, 3, 6)} ${pre(last, 3, 6)}`;
      else if (kind === 5) q = `${pre(last, 3, 5)} ${pre(first, 2, 4)} ${cityWord}`;
      else if (kind === 6) q = `${r.pick(specWords ?? profWords)} ${cityWord}`;
      else if (kind === 7) q = `${misspell(r, first)} ${misspell(r, pre(last, 4, 8))}`;
      else if (kind === 8) q = `${f[c.cp]} ${pre(r.pick(profWords), 3, 5)}`;
      else if (kind === 9) q = `${r.pick(profWords)} ${pre(first, 3, 5)} ${pre(last, 2, 4)} ${cityWord}`;
      else if (kind === 10) q = f[c.email].split("@")[0].slice(0, 4 + r.int(8));
      else q = `${pre(last, 2, 3)} ${pre(first, 1, 2)}`;
    }
    if (r.next() < 0.2) q = q.toUpperCase();
    q = q.trim();
    if (q) queries.push(q);
  }
  return queries;
}

async function bundleCore() {
  const { build } = await import("esbuild");
  const out = join(cache, "core-bundle.mjs");
  await build({ entryPoints: [join(root, "src/core/directory/index.ts")], outfile: out, bundle: true, format: "esm", platform: "node", target: ["node20"], logLevel: "warning" });
  return out;
}

function importOurs(file, db) {
  rmSync(db, { recursive: true, force: true });
  const run = timeV(process.execPath, [join(root, "dist/cli.js"), "directory", "import", file, "--db", db, "--json"]);
  const stats = JSON.parse(run.stdout);
  return { ...run, bytes: dirBytes(db), stats };
}

function measureOurs(bundle, db, queriesFile, preferFile) {
  const manifest = JSON.parse(readFileSync(join(db, "manifest.json"), "utf8"));
  const outFile = join(cache, "worker-result.json");
  rmSync(outFile, { force: true });
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--worker", bundle, join(db, manifest.dataFile), queriesFile, String(limit), preferFile, outFile], { stdio: ["ignore", "ignore", "inherit"] });
  const w = JSON.parse(readFileSync(outFile, "utf8"));
  return { ...w, lat: summary(w.times), bestLat: summary(w.best), preferLat: summary(w.withPrefer) };
}

// ---------------------------------------------------------------- SQLite FTS5
const FTS_PREFIX = "2 3";

function importFts(file, dbFile) {
  rmSync(dbFile, { force: true });
  const cols = Array.from({ length: 31 }, (_, i) => `c${i + 1} TEXT`).join(", ");
  // Columns by official position: 2 Adresse BAL, 10 Nom, 11 Prénom, 15 Profession, 17 Savoir-faire,
  // 19 Raison sociale, 20 Enseigne, 28 L6 ("69003 LYON"), 29 Code postal.
  const script = `PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
CREATE TEMP TABLE raw(${cols});
.mode list
.separator "|" "\\n"
.import --skip 1 ${file} raw
CREATE VIRTUAL TABLE fts USING fts5(email, nom, prenom, profession, specialite, organisation, ville, cp, tokenize = "unicode61 remove_diacritics 2", prefix = '${FTS_PREFIX}');
INSERT INTO fts SELECT c2, c10, c11, c15, c17, coalesce(nullif(c19, ''), c20), trim(substr(c28, 6)), c29 FROM raw WHERE c2 <> '';
INSERT INTO fts(fts) VALUES('optimize');
DROP TABLE raw;
`;
  const run = timeV("sqlite3", [dbFile], script);
  return { ...run, bytes: statSync(dbFile).size };
}

async function measureFts(dbFile, queries, fold) {
  const p = spawn("sqlite3", ["-batch", dbFile], { stdio: ["pipe", "pipe", "inherit"] });
  const SENTINEL = "@@END@@\n";
  let buf = "";
  let waiting = null;
  p.stdout.setEncoding("utf8");
  p.stdout.on("data", (d) => {
    buf += d;
    const i = buf.indexOf(SENTINEL);
    if (waiting && i >= 0) {
      const out = buf.slice(0, i);
      buf = buf.slice(i + SENTINEL.length);
      const w = waiting;
      waiting = null;
      w(out);
    }
  });
  const ask = (sql) =>
    new Promise((resolve) => {
      waiting = resolve;
      p.stdin.write(`${sql}\nSELECT '@@END@@';\n`);
    });
  // Give FTS5 its best chance: the whole database memory-mapped, a large page cache.
  await ask("PRAGMA mmap_size=4294967296;\nPRAGMA cache_size=-262144;\n.mode list");
  const sqlOf = (q) => {
    const tokens = fold(q);
    if (tokens.length === 0) return "SELECT 1 WHERE 0;";
    const match = tokens.map((t) => `"${t}"*`).join(" AND ");
    return `SELECT email, nom, prenom, profession, specialite, organisation, cp, ville FROM fts WHERE fts MATCH '${match}' ORDER BY rank LIMIT ${limit};`;
  };
  for (const q of queries.slice(0, 1000)) await ask(sqlOf(q));
  const overhead = [];
  for (let i = 0; i < 2000; i++) {
    const t = process.hrtime.bigint();
    await ask("SELECT 1;");
    overhead.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  // The planted homonym queries, first row against the expectation (FTS5 knows no correspondents).
  const planted = [];
  for (const pq of PLANTED) {
    const first = (await ask(sqlOf(pq.query))).split("\n")[0] ?? "";
    const [email = "", nom = "", prenom = "", , , , cp = ""] = first.split("|");
    planted.push({ hit: Boolean(first) && meets(pq.expect, { email, lastName: nom, firstName: prenom, postalCode: cp }), got: first ? `${prenom} ${nom} <${email}> ${cp}` : "(rien)" });
  }
  const times = [];
  const best = new Float64Array(queries.length).fill(Infinity);
  let withResults = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < queries.length; i++) {
      const sql = sqlOf(queries[i]);
      const t = process.hrtime.bigint();
      const out = await ask(sql);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (pass === 0) {
        times.push(ms);
        if (out.trim()) withResults++;
      }
      best[i] = Math.min(best[i], ms);
    }
  }
  const statusText = readFileSync(`/proc/${p.pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(statusText)[1]);
  const rss = kb("VmRSS");
  const hwm = kb("VmHWM");
  p.stdin.end();
  await new Promise((resolve) => p.on("close", resolve));
  return { lat: summary(times), bestLat: summary(best), overhead: summary(overhead), withResults, rss, hwm, planted };
}

// ---------------------------------------------------------------- main
const fmtMs = (v) => (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));
const fmtMb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;

const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(" ");
log("building dist/cli.js and the core bundle");
execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "cli"], { stdio: ["ignore", "ignore", "inherit"] });
const bundle = await bundleCore();
const { foldWords } = await import(pathToFileURL(bundle).href);

const big = generated(rows);
const real = realRows > 0 && realRows !== rows ? generated(realRows) : null;
log(`deriving ${queryCount} queries`);
const queries = makeQueries(big, queryCount);
const queriesFile = join(cache, `queries-${rows}-s${seed}.txt`);
writeFileSync(queriesFile, `${queries.join("\n")}\n`);

log(`our import of ${rows} rows`);
const preferFile = join(cache, `prefer-${rows}-s${seed}.txt`);
writeFileSync(preferFile, `${preferAddresses(big).join("\n")}\n`);
const oursDb = join(cache, `ours-${rows}`);
const oursImport = importOurs(big, oursDb);
log(`our queries (${queries.length})`);
const ours = measureOurs(bundle, oursDb, queriesFile, preferFile);

let realImport = null;
let realRun = null;
if (real) {
  log(`our import of ${realRows} rows`);
  const realDb = join(cache, `ours-${realRows}`);
  realImport = importOurs(real, realDb);
  const realQueries = join(cache, `queries-${realRows}-s${seed}.txt`);
  writeFileSync(realQueries, `${makeQueries(real, queryCount).join("\n")}\n`);
  const realPrefer = join(cache, `prefer-${realRows}-s${seed}.txt`);
  writeFileSync(realPrefer, `${preferAddresses(real).join("\n")}\n`);
  realRun = measureOurs(bundle, realDb, realQueries, realPrefer);
}

let fts = null;
let ftsImport = null;
if (withFts) {
  log(`SQLite FTS5 import of ${rows} rows`);
  const ftsDb = join(cache, `fts5-${rows}.db`);
  ftsImport = importFts(big, ftsDb);
  log("SQLite FTS5 queries");
  fts = await measureFts(ftsDb, queries, (q) => foldWords(q).slice(0, 8));
}

const rowsOut = [];
const line = (label, a, b = "") => rowsOut.push([label, a, b]);
line(`rows in the file`, String(rows), String(rows));
line("entries indexed", String(oursImport.stats.indexed), "");
line("import time", `${oursImport.seconds.toFixed(1)} s`, ftsImport ? `${ftsImport.seconds.toFixed(1)} s` : "-");
line("import peak memory (RSS)", `${oursImport.peakMb.toFixed(0)} MB`, ftsImport ? `${ftsImport.peakMb.toFixed(0)} MB` : "-");
line("index size on disk", fmtMb(oursImport.bytes), ftsImport ? fmtMb(ftsImport.bytes) : "-");
line("index load time", `${fmtMs(ours.loadMs)} ms`, "(opened lazily)");
line("resident memory, index loaded", `${(ours.rssLoaded / 1024).toFixed(0)} MB`, "");
line("resident memory after queries", `${(ours.rssAfter / 1024).toFixed(0)} MB`, fts ? `${(fts.rss / 1024).toFixed(0)} MB (+ OS page cache)` : "-");
line(`queries (1-4 tokens, limit ${limit})`, String(queries.length), String(queries.length));
line("query latency p50", `${fmtMs(ours.lat.p50)} ms`, fts ? `${fmtMs(fts.lat.p50)} ms` : "-");
line("query latency p90", `${fmtMs(ours.lat.p90)} ms`, fts ? `${fmtMs(fts.lat.p90)} ms` : "-");
line("query latency p99", `${fmtMs(ours.lat.p99)} ms`, fts ? `${fmtMs(fts.lat.p99)} ms` : "-");
line("query latency max", `${fmtMs(ours.lat.max)} ms`, fts ? `${fmtMs(fts.lat.max)} ms` : "-");
line("query latency mean", `${fmtMs(ours.lat.mean)} ms`, fts ? `${fmtMs(fts.lat.mean)} ms` : "-");
line(`best of ${PASSES} per query: p50`, `${fmtMs(ours.bestLat.p50)} ms`, fts ? `${fmtMs(fts.bestLat.p50)} ms` : "-");
line(`best of ${PASSES} per query: p99`, `${fmtMs(ours.bestLat.p99)} ms`, fts ? `${fmtMs(fts.bestLat.p99)} ms` : "-");
line(`best of ${PASSES} per query: max`, `${fmtMs(ours.bestLat.max)} ms`, fts ? `${fmtMs(fts.bestLat.max)} ms` : "-");
line("queries with ≥ 1 result", `${((100 * ours.withResults) / queries.length).toFixed(1)} %`, fts ? `${((100 * fts.withResults) / queries.length).toFixed(1)} %` : "-");
if (fts) line("  (FTS5: pipe round trip included, median)", "", `${fmtMs(fts.overhead.p50)} ms`);
line(`with ${ours.preferResolved} usual correspondents (rule 4), best of ${PASSES}: p50`, `${fmtMs(ours.preferLat.p50)} ms`, "-");
line(`with ${ours.preferResolved} usual correspondents (rule 4), best of ${PASSES}: p99`, `${fmtMs(ours.preferLat.p99)} ms`, "-");
const hits = (p) => `${p.filter((x) => x.hit).length}/${p.length}`;
line("planted homonym queries answered as the rules say", hits(ours.planted), fts ? `${hits(fts.planted)} (no rule 4: ${PLANTED.filter((p) => p.prefer).length} need correspondents)` : "-");
if (fts) {
  line("p50 ratio FTS5 / ours", `${(fts.lat.p50 / ours.lat.p50).toFixed(0)}×`, "");
  line("p99 ratio FTS5 / ours", `${(fts.lat.p99 / ours.lat.p99).toFixed(0)}×`, "");
}

const ds = dataStats.get(rows);
if (ds) line("data: distinct surnames / address repeats", `${ds.distinctSurnames} / ${ds.addressRepeats}`, `top 100 surnames ${ds.top100Share} of people; ${ds.topSurnames.slice(0, 3).join(", ")}`);
const w0 = Math.max(...rowsOut.map((r) => r[0].length)) + 2;
const w1 = Math.max(14, ...rowsOut.map((r) => r[1].length)) + 2;
const out = [];
out.push(`\nDirectory search benchmark — ${rows} synthetic rows (seed ${seed}); ${cpus().length} CPUs, load average at start ${loadAtStart}, at end ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
out.push(`${"".padEnd(w0)}${"ours".padEnd(w1)}SQLite FTS5 (unicode61 remove_diacritics 2, prefix='${FTS_PREFIX}')`);
for (const [a, b, c] of rowsOut) out.push(`${a.padEnd(w0)}${b.padEnd(w1)}${c}`);
if (realImport && realRun) {
  out.push(`\nReal-size file: ${realRows} rows`);
  out.push(`  import ${realImport.seconds.toFixed(1)} s (target < 15 s), peak ${realImport.peakMb.toFixed(0)} MB, index ${fmtMb(realImport.bytes)}`);
  out.push(`  loaded: ${(realRun.rssLoaded / 1024).toFixed(0)} MB resident (target < 250 MB), load ${fmtMs(realRun.loadMs)} ms`);
  out.push(`  latency over ${queryCount} queries: p50 ${fmtMs(realRun.lat.p50)} ms, p99 ${fmtMs(realRun.lat.p99)} ms, max ${fmtMs(realRun.lat.max)} ms (best of ${PASSES}: p99 ${fmtMs(realRun.bestLat.p99)} ms)`);
}
out.push("\nPlanted homonym queries (expected first answer, and the rule of src/core/directory/search.ts that says so):");
PLANTED.forEach((p, i) => {
  const o = ours.planted[i];
  const f = fts?.planted[i];
  out.push(`  ${o.hit ? "ok  " : "MISS"} ${JSON.stringify(p.query)}${p.prefer ? ` (correspondent ${p.prefer[0][0]})` : ""} → ${o.got}${o.hit ? "" : ` — expected ${JSON.stringify(p.expect)}`}`);
  out.push(`        rule ${p.rule}${f ? `; FTS5 ${f.hit ? "ok" : "wrong"}: ${f.got}` : ""}`);
});
// Where to look first when p99 moves: the queries slowest even at their best of PASSES.
out.push(`\nSlowest queries on ${rows} rows (best of ${PASSES}):`);
for (const i of [...ours.best.keys()].sort((a, b) => ours.best[b] - ours.best[a]).slice(0, 10)) out.push(`  ${fmtMs(ours.best[i])} ms  ${JSON.stringify(queries[i])}`);
const verdict = (ok) => (ok ? "met" : "MISSED");
out.push("\nTargets:");
out.push(`  p99 < 1 ms on ${rows} rows: ${fmtMs(ours.lat.p99)} ms single pass — ${verdict(ours.lat.p99 < 1)}; best of ${PASSES}: ${fmtMs(ours.bestLat.p99)} ms — ${verdict(ours.bestLat.p99 < 1)}; with usual correspondents ${fmtMs(ours.preferLat.p99)} ms — ${verdict(ours.preferLat.p99 < 1)}`);
if (fts) out.push(`  ≥ 50× faster than FTS5 (p50 and p99, single pass): ${(fts.lat.p50 / ours.lat.p50).toFixed(0)}× and ${(fts.lat.p99 / ours.lat.p99).toFixed(0)}× — ${verdict(fts.lat.p50 / ours.lat.p50 >= 50 && fts.lat.p99 / ours.lat.p99 >= 50)}`);
out.push(`  planted homonym queries: ${hits(ours.planted)} — ${verdict(ours.planted.every((p) => p.hit))}`);
if (realImport) out.push(`  import of ${realRows} rows < 15 s: ${realImport.seconds.toFixed(1)} s — ${verdict(realImport.seconds < 15)}`);
if (realRun) out.push(`  resident memory with the ${realRows}-row index loaded < 250 MB: ${(realRun.rssLoaded / 1024).toFixed(0)} MB — ${verdict(realRun.rssLoaded / 1024 < 250)}`);
process.stdout.write(`${out.join("\n")}\n`);
