// The verdict corpus: realistic header blocks (bench/support/trust-corpus.ts), hostile From,
// Sender and Reply-To mixtures (./hostile-from.ts) and the hostile shapes of bench/trust-hostile.ts
// at sizes around the 16 KiB refusal, each with the verdict's inputs. test/unit/trust-corpus.test.ts
// checks that every verdict is still the one stored in test/fixtures/trust/verdict-corpus.json
// (written by scripts/trust-verdict-corpus.ts --write on a build known to be right): any change to
// the verdict code that is meant to be a pure speed-up must leave every digest as it was.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { corpusBlocks, corpusWhitelistXml } from "../../../bench/support/trust-corpus.ts";
import { SHAPES } from "../../../bench/trust-hostile.ts";
import { parseWhitelistXml, type Whitelist } from "../../../src/core/trust/whitelist.ts";
import type { VerdictInput } from "../../../src/core/trust/verdict.ts";
import { translator } from "../../../src/core/i18n.ts";
import { hostileFrom, LISTED } from "./hostile-from.ts";

export interface CorpusCase {
  set: string;
  input: VerdictInput;
}

export const CORPUS_FILE = join(import.meta.dirname, "../../fixtures/trust/verdict-corpus.json");

let cached: CorpusCase[] | undefined;

export function verdictCorpus(): CorpusCase[] {
  if (cached) return cached;
  const cases: CorpusCase[] = [];
  const big = corpusWhitelistXml();
  const bigList = parseWhitelistXml(big.xml);
  for (const item of corpusBlocks(2000, big)) {
    cases.push({ set: `realistic-${item.kind}`, input: { headers: item.bytes, whitelist: bigList, account: item.account, accountDomain: item.accountDomain } });
  }
  const testList: Whitelist = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../../fixtures/trust/liste-blanche-test.xml"), "utf8"));
  const hostile = fc.record({
    from: fc.array(hostileFrom, { minLength: 0, maxLength: 2 }),
    sender: fc.option(hostileFrom, { nil: undefined }),
    replyTo: fc.option(hostileFrom, { nil: undefined }),
    account: fc.constantFrom("mssante" as const, "other" as const),
    accountDomain: fc.constantFrom(undefined, "medecin.mssante.fr", "chu-lyon.mssante.fr"),
    override: fc.option(fc.tuple(fc.constantFrom(...LISTED.map((d) => d.toLowerCase()), "evil.example", "gmail.example"), fc.constantFrom("trusted" as const, "untrusted" as const)), { nil: undefined }),
    received: fc.constantFrom("", "Received: from mx.chu-lyon.fr (mx.chu-lyon.fr [192.0.2.1]) by mx.mailiz.mssante.fr with ESMTPS id 1\r\n"),
    translate: fc.boolean(),
  });
  for (const h of fc.sample(hostile, { seed: 5322, numRuns: 2000 })) {
    const headers =
      h.received +
      h.from.map((f) => `From: ${f}\r\n`).join("") +
      (h.sender !== undefined ? `Sender: ${h.sender}\r\n` : "") +
      (h.replyTo !== undefined ? `Reply-To: ${h.replyTo}\r\n` : "") +
      "To: jean.dupont@medecin.mssante.fr\r\nSubject: =?UTF-8?Q?Compte_rendu?=\r\n\r\nbody\r\n";
    cases.push({
      set: "hostile-from",
      input: {
        headers,
        whitelist: testList,
        account: h.account,
        ...(h.accountDomain ? { accountDomain: h.accountDomain } : {}),
        ...(h.override ? { overrides: { [h.override[0]]: h.override[1] } } : {}),
        ...(h.translate ? { translate: translator("en") } : {}),
      },
    });
  }
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const size of [40, 300, 4000, 16_000, 17_000, 40_000]) {
      for (const account of ["mssante", "other"] as const) {
        cases.push({ set: `shape ${name} ${size}`, input: { headers: shape(size) + "\r\nbody\r\n", whitelist: testList, account, accountDomain: "medecin.mssante.fr" } });
      }
    }
  }
  return (cached = cases);
}
