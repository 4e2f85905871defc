// Benchmark: trust verdicts per second on 100,000 header blocks, beside postal-mime parsing the
// same blocks (headers and addresses only, no verdict), in one run and one table.
// Run: npx tsx bench/trust.ts [--count N] [--rounds R]
// The blocks (bench/support/trust-corpus.ts) are realistic in shape and size: MSSanté mail with
// its Received hops, ordinary DKIM-signed mail, and about one in six an attack. Each side runs R
// times (default 3), alternating, and keeps its best run: on a shared machine, load that comes and
// goes then weighs on both sides alike. The load average is printed with the figures, and each
// side's CPU time beside its wall time (what the other processes take shows in the wall time).
//
// The first row is the verdict as the add-on asks for it (platform/message-verdict.ts): from the
// raw bytes, so that only the fields the verdict reads are cut out of the block (readFields). The
// second is the CLI's way (a parsed block first), the figure this bench gave before that. A side
// is awaited per block only when it returns a promise (postal-mime): an await per block costs a
// turn of the microtask queue, which measured the event loop rather than the verdict.
// The count matters less than it did (27,000/s at 30,000 blocks against 19,000/s at 100,000 before
// issue #15's second pass): young-generation collections took 9.2 s of one 100,000-block run of
// the old code (1,898 of them, many of 15–20 ms) against 0.8 s at 30,000; with fewer objects per
// verdict they take 1–2 ms each at either count. The bounded answer caches are not the cause
// (unbounded ones measured no faster at 100,000). What remains is 132 MB of blocks read from
// memory rather than cache.
import { loadavg } from "node:os";
import PostalMime from "postal-mime";
import { parseWhitelistXml } from "../src/core/trust/whitelist.ts";
import { computeVerdict } from "../src/core/trust/verdict.ts";
import { parseHeaderBlock } from "../src/core/mail/headers.ts";
import { corpusBlocks, corpusWhitelistXml } from "./support/trust-corpus.ts";

const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : NaN);
const count = arg("--count") || 100_000;
const rounds = arg("--rounds") || 3;

const list = corpusWhitelistXml();
const t0 = performance.now();
const whitelist = parseWhitelistXml(list.xml);
const parseMs = performance.now() - t0;
const items = corpusBlocks(count, list);
const bytes = items.reduce((n, b) => n + b.bytes.length, 0);

type Item = (typeof items)[number];
interface Run {
  ms: number;
  cpuMs: number;
}
async function measure(fn: (b: Item) => unknown): Promise<Run> {
  for (let i = 0; i < 2000; i++) {
    const r = fn(items[i % items.length]!); // warm-up
    if (r instanceof Promise) await r;
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const b of items) {
    const r = fn(b);
    if (r instanceof Promise) await r;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const categories: Record<string, number> = {};
const categoriesCli: Record<string, number> = {};
let counting = true;
const sides: { name: string; fn: (b: Item) => unknown }[] = [
  {
    name: "mssante: verdict from the raw block, as the add-on asks (computeVerdict on bytes)",
    fn: (b) => {
      const v = computeVerdict({ headers: b.bytes, whitelist, account: b.account, accountDomain: b.accountDomain });
      if (counting) categories[v.category] = (categories[v.category] ?? 0) + 1;
    },
  },
  {
    name: "mssante: header block + verdict, as the CLI (parseHeaderBlock, computeVerdict)",
    fn: (b) => {
      const v = computeVerdict({ headers: parseHeaderBlock(b.bytes), whitelist, account: b.account, accountDomain: b.accountDomain });
      if (counting) categoriesCli[v.category] = (categoriesCli[v.category] ?? 0) + 1;
    },
  },
  { name: "mssante: header block only (parseHeaderBlock)", fn: (b) => parseHeaderBlock(b.bytes) },
  { name: "postal-mime 4: PostalMime.parse (headers + addresses)", fn: (b) => PostalMime.parse(b.bytes) },
];
const PEER = sides.length - 1;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
const loadBefore = loadavg();
const best: Run[] = sides.map(() => ({ ms: Infinity, cpuMs: Infinity }));
for (let k = 0; k < rounds; k++) {
  for (const [i, side] of sides.entries()) {
    const run = await measure(side.fn);
    if (run.ms < best[i]!.ms) best[i] = run;
  }
  counting = false; // the categories of one warm-up + run
}
const perSec = (ms: number) => Math.round((items.length / ms) * 1000);
const peer = perSec(best[PEER]!.ms);

console.log(`\nTrust verdicts — ${count.toLocaleString("en")} header blocks (${(bytes / 1e6).toFixed(1)} MB, ${Math.round(bytes / count)} bytes each on average), white list of ${whitelist.entries.size} domains parsed in ${parseMs.toFixed(0)} ms`);
console.log(`Node ${process.version}, ${process.arch}; best of ${rounds} alternating runs per side; load average ${load(loadBefore)} before, ${load(loadavg())} after\n`);
console.log("| what | header blocks/s | total ms | CPU ms | ratio to postal-mime |");
console.log("|---|---:|---:|---:|---:|");
for (const [i, side] of sides.entries()) {
  const b = best[i]!;
  console.log(`| ${side.name} | ${perSec(b.ms).toLocaleString("en")} | ${Math.round(b.ms).toLocaleString("en")} | ${Math.round(b.cpuMs).toLocaleString("en")} | ${(perSec(b.ms) / peer).toFixed(2)}× |`);
}
console.log(`\nverdicts (each block counted once per warm-up+run): ${JSON.stringify(categories)}`);
// Both ways of asking must agree, block for block (test/unit/trust-fastpaths.test.ts checks the values).
if (JSON.stringify(categoriesCli) !== JSON.stringify(categories)) {
  console.log(`verdicts differ between the two ways of asking: ${JSON.stringify(categoriesCli)}`);
  process.exitCode = 1;
}
