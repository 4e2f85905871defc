// The fast paths of issue #15 against the code they replaced (./support/trust-reference.ts), on
// arbitrary and adversarial inputs (fast-check, fixed seeds) and on the bench corpus: the same
// answer, field for field, every time.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseHeaderBlock } from "../../src/core/mail/headers.ts";
import { corpusBlocks, corpusWhitelistXml } from "../../bench/support/trust-corpus.ts";
import { formatMessageReference, parseHeaderBlockReference } from "./support/trust-reference.ts";
import { formatMessage, localeKeys } from "../../src/core/i18n.ts";
import fr from "../../_locales/fr/messages.json" with { type: "json" };
import en from "../../_locales/en/messages.json" with { type: "json" };
import { PIECES } from "./support/hostile-from.ts";

const RUNS = 3000;
const corpus = corpusBlocks(500, corpusWhitelistXml());

// Header-like text: line ends of every kind, bare CRs, NULs, blanks, colons, names, non-ASCII.
const headerPieces = [
  "\r\n", "\n", "\r", "\r\r\n", "\n\n", "\r\n\r\n", "\r\n ", "\r\n\t", " ", "\t", ":", " :", "From", "from", "X-A", "Sender", "Reply-To",
  "Received", "\0", "é", "\u200B", "a", "b@c.fr", "From ", "From: ", "Subject: x", "\uFFFD", "=?utf-8?q?a?=", "<", ">", "\x7f", "\x01",
];
const headerText = fc.oneof(
  fc.array(fc.constantFrom(...headerPieces, ...PIECES), { maxLength: 40 }).map((a) => a.join("")),
  fc.string({ unit: "binary", maxLength: 300 }),
);
const headerBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.constantFrom(0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x00, 0x41, 0x61, 0xc3, 0xa9, 0xff, 0x80), { maxLength: 100 }).map((a) => Uint8Array.from(a)),
);

describe("parseHeaderBlock is the reference's", () => {
  it("on header-like text and bytes", () => {
    fc.assert(
      fc.property(fc.oneof(headerText, headerBytes), fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), (raw, maxBytes) => {
        const options = maxBytes === undefined ? {} : { maxBytes };
        expect(parseHeaderBlock(raw, options)).toEqual(parseHeaderBlockReference(raw, options));
      }),
      { seed: 1501, numRuns: RUNS },
    );
  });

  it("on the bench corpus", () => {
    for (const item of corpus) expect(parseHeaderBlock(item.bytes)).toEqual(parseHeaderBlockReference(item.bytes));
  });
});

describe("formatMessage is the reference's", () => {
  const files = { fr, en } as unknown as Record<"fr" | "en", Parameters<typeof formatMessage>[0]>;
  const sub = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("$", "$$", "$1", "$1$", "$$$", "$NAME$", "a$$b", ""));
  it("on every message of both locales, with substitutions holding $ signs", () => {
    for (const lang of ["fr", "en"] as const) {
      const keys = localeKeys(lang);
      fc.assert(
        fc.property(fc.constantFrom(...keys, "no_such_key"), fc.option(fc.array(sub, { maxLength: 10 }), { nil: undefined }), (key, subs) => {
          expect(formatMessage(files[lang], key, subs)).toBe(formatMessageReference(files[lang], key, subs));
        }),
        { seed: 1502, numRuns: RUNS },
      );
    }
  });

  it("on made-up messages: unknown, repeated and case-folded placeholders, $0, $$ next to substitutions", () => {
    const message = fc.array(fc.constantFrom("$A$", "$a$", "$B$", "$UNKNOWN$", "$", "$$", "$1", "text ", "é", "$A", "A$", "$@x$"), { maxLength: 12 }).map((a) => a.join(""));
    const content = fc.array(fc.constantFrom("$0", "$1", "$2", "$9", "$", "$$", "x", "$1$"), { maxLength: 4 }).map((a) => a.join(""));
    fc.assert(
      fc.property(message, content, content, fc.array(sub, { maxLength: 10 }), (m, a, b, subs) => {
        const file = { k: { message: m, placeholders: { a: { content: a }, B: { content: b } } } };
        expect(formatMessage(file, "k", subs)).toBe(formatMessageReference(file, "k", subs));
      }),
      { seed: 1503, numRuns: RUNS },
    );
  });
});
