// Benchmark: trust verdicts per second on 100,000 header blocks, beside postal-mime parsing the
// same blocks (headers and addresses only, no verdict), in one run and one table.
// Run: npx tsx bench/trust.ts [--count N] [--rounds R]
// The blocks (bench/support/trust-corpus.ts) are realistic in shape and size: MSSanté mail with
// its Received hops, ordinary DKIM-signed mail, and about one in six an attack. Each side runs R
// times (default 3), alternating, and keeps its best run: on a shared machine, load that comes and
// goes then weighs on both sides alike.
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
async function measure(fn: (b: Item) => unknown): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn(items[i % items.length]!); // warm-up
  const start = performance.now();
  for (const b of items) await fn(b);
  return performance.now() - start;
}

const categories: Record<string, number> = {};
let counting = true;
const sides: { name: string; fn: (b: Item) => unknown }[] = [
  {
    name: "mssante: header block + addresses + verdict (parseHeaderBlock, computeVerdict)",
    fn: (b) => {
      const v = computeVerdict({ headers: parseHeaderBlock(b.bytes), whitelist, account: b.account, accountDomain: b.accountDomain });
      if (counting) categories[v.category] = (categories[v.category] ?? 0) + 1;
    },
  },
  { name: "mssante: header block only (parseHeaderBlock)", fn: (b) => parseHeaderBlock(b.bytes) },
  { name: "postal-mime 4: PostalMime.parse (headers + addresses)", fn: (b) => PostalMime.parse(b.bytes) },
];
const best = sides.map(() => Infinity);
for (let k = 0; k < rounds; k++) {
  for (const [i, side] of sides.entries()) best[i] = Math.min(best[i]!, await measure(side.fn));
  counting = false; // the categories of one warm-up + run
}
const perSec = (ms: number) => Math.round((items.length / ms) * 1000);
const peer = perSec(best[2]!);

console.log(`\nTrust verdicts — ${count.toLocaleString("en")} header blocks (${(bytes / 1e6).toFixed(1)} MB, ${Math.round(bytes / count)} bytes each on average), white list of ${whitelist.entries.size} domains parsed in ${parseMs.toFixed(0)} ms`);
console.log(`Node ${process.version}, ${process.arch}; best of ${rounds} alternating runs per side\n`);
console.log("| what | header blocks/s | total ms | ratio to postal-mime |");
console.log("|---|---:|---:|---:|");
for (const [i, side] of sides.entries()) {
  console.log(`| ${side.name} | ${perSec(best[i]!).toLocaleString("en")} | ${Math.round(best[i]!).toLocaleString("en")} | ${(perSec(best[i]!) / peer).toFixed(2)}× |`);
}
console.log(`\nverdicts (each block counted once per warm-up+run): ${JSON.stringify(categories)}`);
