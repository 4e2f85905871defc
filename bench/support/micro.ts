// Speed-work aid: stages of the verdict on the bench corpus against the frozen reference copy of
// the code before issue #15 (test/unit/support/reference/), alternating, timed in CPU time of this
// process (less sensitive than wall time to other work on a shared machine).
// Run: npx tsx bench/support/micro.ts [--count N]
import { parseHeaderBlock, headerValues } from "../../src/core/mail/headers.ts";
import { parseAddressList } from "../../src/core/mail/address.ts";
import { thunderbirdMailboxes } from "../../src/core/mail/thunderbird-view.ts";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict } from "../../src/core/trust/verdict.ts";
import * as refHeaders from "../../test/unit/support/reference/core/mail/headers.ts";
import * as refAddress from "../../test/unit/support/reference/core/mail/address.ts";
import * as refTb from "../../test/unit/support/reference/core/mail/thunderbird-view.ts";
import * as refVerdict from "../../test/unit/support/reference/core/trust/verdict.ts";
import * as refWhitelist from "../../test/unit/support/reference/core/trust/whitelist.ts";
import { corpusBlocks, corpusWhitelistXml } from "./trust-corpus.ts";

const count = (process.argv.includes("--count") && Number(process.argv[process.argv.indexOf("--count") + 1])) || 20_000;
const list = corpusWhitelistXml();
const wl = parseWhitelistXml(list.xml);
const refWl = refWhitelist.parseWhitelistXml(list.xml);
const items = corpusBlocks(count, list);
const froms = items.map((i) => headerValues(parseHeaderBlock(i.bytes), "from")[0] ?? "");
const stages: [string, () => unknown, () => unknown][] = [
  ["verdict (header block + verdict)", () => items.map((i) => computeVerdict({ headers: parseHeaderBlock(i.bytes), whitelist: wl, account: i.account, accountDomain: i.accountDomain })),
    () => items.map((i) => refVerdict.computeVerdict({ headers: refHeaders.parseHeaderBlock(i.bytes), whitelist: refWl, account: i.account, accountDomain: i.accountDomain }))],
  ["parseHeaderBlock", () => items.map((i) => parseHeaderBlock(i.bytes)), () => items.map((i) => refHeaders.parseHeaderBlock(i.bytes))],
  ["parseAddressList (From)", () => froms.map(parseAddressList), () => froms.map(refAddress.parseAddressList)],
  ["thunderbirdMailboxes (From)", () => froms.map(thunderbirdMailboxes), () => froms.map(refTb.thunderbirdMailboxes)],
];
const cpu = (f: () => unknown) => {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / items.length;
};
const best = stages.map(() => [Infinity, Infinity]);
for (let round = 0; round < 4; round++) {
  for (const [k, [, now, before]] of stages.entries()) {
    best[k]![0] = Math.min(best[k]![0]!, cpu(now));
    best[k]![1] = Math.min(best[k]![1]!, cpu(before));
  }
}
console.log(`${count} blocks; CPU µs per block, best of 4 alternating rounds\n\n| stage | now | before #15 | speed-up |\n|---|---:|---:|---:|`);
for (const [k, [name]] of stages.entries()) console.log(`| ${name} | ${best[k]![0]!.toFixed(2)} | ${best[k]![1]!.toFixed(2)} | ${(best[k]![1]! / best[k]![0]!).toFixed(2)}× |`);
