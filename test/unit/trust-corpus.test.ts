// Every verdict of the corpus (realistic MSSanté and ordinary header blocks, hostile From/Sender/
// Reply-To mixtures, the hostile shapes around the 16 KiB refusal) is, byte for byte, the one
// stored before the speed work of issue #15: the fast paths change how fast, never what.
// Regenerate the stored digests only for an intended change of verdicts:
// npx tsx scripts/trust-verdict-corpus.ts --write
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeVerdict } from "../../src/core/trust/verdict.ts";
import { verdictDigests } from "../../scripts/trust-verdict-corpus.ts";
import { CORPUS_FILE, verdictCorpus } from "./support/verdict-corpus.ts";

describe("verdict corpus", () => {
  it("every verdict is the stored one", () => {
    const stored = (JSON.parse(readFileSync(CORPUS_FILE, "utf8")) as { digests: string[] }).digests;
    const digests = verdictDigests();
    expect(digests.length).toBe(stored.length);
    const cases = verdictCorpus();
    const differ = digests.flatMap((d, i) => (d === stored[i] ? [] : [`#${i} ${cases[i]!.set}: ${d} ≠ ${stored[i]} ${JSON.stringify(computeVerdict(cases[i]!.input))}`]));
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it("covers every category and the hostile sets", () => {
    const stored = (JSON.parse(readFileSync(CORPUS_FILE, "utf8")) as { digests: string[] }).digests;
    const categories = new Set(stored.map((d) => d[0]));
    expect([...categories].sort()).toEqual(["i", "o", "p"]); // impersonation, outside, professional/patient
    const sets = new Set(verdictCorpus().map((c) => c.set.split(" ")[0]));
    expect([...sets].sort()).toEqual(["hostile-from", "realistic-hostile", "realistic-mssante", "realistic-ordinary", "realistic-patient", "shape"]);
  });
});
