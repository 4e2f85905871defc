// Micro-benchmark aid for the speed work: a function of the corpus against its reference, alternating.
// Run: npx tsx bench/support/micro.ts
import { parseHeaderBlock } from "../../src/core/mail/headers.ts";
import { parseHeaderBlockReference } from "../../test/unit/support/trust-reference.ts";
import { corpusBlocks, corpusWhitelistXml } from "./trust-corpus.ts";

const items = corpusBlocks(20000, corpusWhitelistXml());
const pairs: [string, (b: Uint8Array) => unknown][] = [
  ["parseHeaderBlock (new)", (b) => parseHeaderBlock(b)],
  ["parseHeaderBlock (reference)", (b) => parseHeaderBlockReference(b)],
];
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of pairs) {
    const t0 = performance.now();
    for (const it of items) fn(it.bytes);
    console.log(`${name}: ${((performance.now() - t0) * 1000 / items.length).toFixed(2)} µs`);
  }
}
