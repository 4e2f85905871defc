// Writes or checks the digests of the verdict corpus (test/unit/support/verdict-corpus.ts).
//   npx tsx scripts/trust-verdict-corpus.ts          compare with test/fixtures/trust/verdict-corpus.json
//   npx tsx scripts/trust-verdict-corpus.ts --write  write them (only from a build known to be right)
// A digest covers the whole verdict (category, sender, every reason with its French message and
// parameters, in order): the same digest is the same verdict.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { computeVerdict } from "../src/core/trust/verdict.ts";
import { CORPUS_FILE, verdictCorpus } from "../test/unit/support/verdict-corpus.ts";

export function verdictDigests(): string[] {
  return verdictCorpus().map(({ input }) => {
    const v = computeVerdict(input);
    return `${v.category[0]}${createHash("sha256").update(JSON.stringify(v)).digest("base64url").slice(0, 12)}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const digests = verdictDigests();
  if (process.argv.includes("--write")) {
    writeFileSync(CORPUS_FILE, JSON.stringify({ cases: digests.length, digests }, null, 0) + "\n");
    console.log(`${digests.length} verdict digests written to ${CORPUS_FILE}`);
  } else {
    const stored = (JSON.parse(readFileSync(CORPUS_FILE, "utf8")) as { digests: string[] }).digests;
    const differ = digests.flatMap((d, i) => (d === stored[i] ? [] : [i]));
    console.log(`${digests.length} verdicts, ${differ.length} differ from the stored ones${differ.length ? `: ${differ.slice(0, 20).join(", ")}` : ""}`);
    process.exitCode = differ.length || digests.length !== stored.length ? 1 : 0;
  }
}
