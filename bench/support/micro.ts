// Micro-benchmark aid for the speed work: a stage of the verdict on the corpus, against the
// frozen reference copy (test/unit/support/reference/), alternating. Run: npx tsx bench/support/micro.ts
import { parseHeaderBlock, headerValues } from "../../src/core/mail/headers.ts";
import { parseAddressList } from "../../src/core/mail/address.ts";
import { thunderbirdMailboxes } from "../../src/core/mail/thunderbird-view.ts";
import * as refHeaders from "../../test/unit/support/reference/core/mail/headers.ts";
import * as refAddress from "../../test/unit/support/reference/core/mail/address.ts";
import * as refTb from "../../test/unit/support/reference/core/mail/thunderbird-view.ts";
import { corpusBlocks, corpusWhitelistXml } from "./trust-corpus.ts";

const items = corpusBlocks(20000, corpusWhitelistXml());
const froms = items.map((i) => headerValues(parseHeaderBlock(i.bytes), "from")[0] ?? "");
const stages: [string, () => unknown, () => unknown][] = [
  ["parseHeaderBlock", () => items.map((i) => parseHeaderBlock(i.bytes)), () => items.map((i) => refHeaders.parseHeaderBlock(i.bytes))],
  ["parseAddressList", () => froms.map(parseAddressList), () => froms.map(refAddress.parseAddressList)],
  ["thunderbirdMailboxes", () => froms.map(thunderbirdMailboxes), () => froms.map(refTb.thunderbirdMailboxes)],
];
for (let round = 0; round < 3; round++) {
  for (const [name, now, before] of stages) {
    const t0 = performance.now();
    now();
    const t1 = performance.now();
    before();
    const t2 = performance.now();
    console.log(`${name}: ${(((t1 - t0) * 1000) / items.length).toFixed(2)} µs, reference ${(((t2 - t1) * 1000) / items.length).toFixed(2)} µs`);
  }
}
