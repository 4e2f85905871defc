// Profiling aid: the verdict side of bench/trust.ts alone, for `node --cpu-prof`.
// Run: node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/support/profile-trust.ts [--count N]
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict } from "../../src/core/trust/verdict.ts";
import { parseHeaderBlock } from "../../src/core/mail/headers.ts";
import { corpusBlocks, corpusWhitelistXml } from "./trust-corpus.ts";

const count = (process.argv.includes("--count") && Number(process.argv[process.argv.indexOf("--count") + 1])) || 20_000;
const list = corpusWhitelistXml();
const whitelist = parseWhitelistXml(list.xml);
const items = corpusBlocks(count, list);
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  for (const b of items) computeVerdict({ headers: parseHeaderBlock(b.bytes), whitelist, account: b.account, accountDomain: b.accountDomain });
  const ms = performance.now() - t0;
  console.log(`${Math.round((count / ms) * 1000).toLocaleString("en")} verdicts/s`);
}
