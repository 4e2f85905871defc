// The speed work of issue #15 against the code it replaced (./support/reference/, a frozen copy):
// on arbitrary and adversarial inputs (fast-check, fixed seeds) and on the bench corpus, every
// parser and the whole verdict give the same answer, field for field.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseHeaderBlock, readFields } from "../../src/core/mail/headers.ts";
import { parseAddressList } from "../../src/core/mail/address.ts";
import { thunderbirdMailboxes } from "../../src/core/mail/thunderbird-view.ts";
import { decodeEncodedWords } from "../../src/core/mail/encoded-words.ts";
import { displayedFrom } from "../../src/core/mail/displayed-from.ts";
import { firstInvisible, visualFold } from "../../src/core/mail/characters.ts";
import { formatMessage, localeKeys, translator } from "../../src/core/i18n.ts";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { addressLikes, computeVerdict, type VerdictInput } from "../../src/core/trust/verdict.ts";
import { claimedAuthority, operatorName } from "../../src/core/trust/authority-claims.ts";
import { domainAsWrittenProblem, normaliseDomain } from "../../src/core/trust/domains.ts";
import * as ref from "./support/reference/core/mail/headers.ts";
import * as refAddress from "./support/reference/core/mail/address.ts";
import * as refTb from "./support/reference/core/mail/thunderbird-view.ts";
import * as refWords from "./support/reference/core/mail/encoded-words.ts";
import * as refFrom from "./support/reference/core/mail/displayed-from.ts";
import * as refChars from "./support/reference/core/mail/characters.ts";
import * as refI18n from "./support/reference/core/i18n.ts";
import * as refVerdict from "./support/reference/core/trust/verdict.ts";
import * as refClaims from "./support/reference/core/trust/authority-claims.ts";
import * as refDomains from "./support/reference/core/trust/domains.ts";
import { corpusBlocks, corpusWhitelistXml } from "../../bench/support/trust-corpus.ts";
import { hostileFrom, LISTED, PIECES } from "./support/hostile-from.ts";
import fr from "../../_locales/fr/messages.json" with { type: "json" };
import en from "../../_locales/en/messages.json" with { type: "json" };

// Runs per property: enough to meet every fast-path shape and its near misses many times, within the
// unit timeout on a loaded 2-core machine (the whole file took 15 s inside the full suite).
const RUNS = 2000;
const big = corpusWhitelistXml();
const bigList = parseWhitelistXml(big.xml);
const corpus = corpusBlocks(800, big);
const testList = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../fixtures/trust/liste-blanche-test.xml"), "utf8"));

// Header-like text: line ends of every kind, bare CRs, NULs, blanks, colons, names, non-ASCII.
const headerPieces = [
  "\r\n", "\n", "\r", "\r\r\n", "\n\n", "\r\n\r\n", "\r\n ", "\r\n\t", " ", "\t", ":", " :", "From", "from", "X-A", "Sender", "Reply-To",
  "Received", "\0", "é", "\u200B", "a", "b@c.fr", "From ", "From: ", "Subject: x", "\uFFFD", "=?utf-8?q?a?=", "<", ">", "\x7f", "\x01",
  // A byte-order mark, first (dropped by the decoding of the whole block) and inside (kept).
  "\uFEFF", "From: \uFEFFa@b.fr",
];
const headerText = fc.oneof(
  fc.array(fc.constantFrom(...headerPieces, ...PIECES), { maxLength: 40 }).map((a) => a.join("")),
  fc.string({ unit: "binary", maxLength: 300 }),
);
const headerBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.constantFrom(0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x00, 0x41, 0x61, 0xc3, 0xa9, 0xff, 0x80, 0xef, 0xbb, 0xbf), { maxLength: 100 }).map((a) => Uint8Array.from(a)),
);
// Address field values: hostile mixtures, arbitrary strings, and the From values of the corpus.
const corpusFroms = corpus.flatMap((c) => ref.headerValues(ref.parseHeaderBlock(c.bytes), "from"));
// Near the shapes the parsers read without tokens ("Name" <a@b>, Name <a@b>, a@b): one character
// class too wide, a blank too many, a dot out of place, an encoded-word, a quote, a comment.
const nearChar = fc.constantFrom("a", "Z", "0", ".", "-", "_", "+", "'", " ", "  ", "\t", '"', "\\", "=?", "?=", "=", "?", "(", ")", "<", ">", "@", ",", ";", ":", "é", "\u200B", "[", "]", "!", "~",
  // Non-ASCII the quoted-name fast paths take: Unicode spaces, a soft hyphen, a pair, a combining mark.
  "\u00A0", "\u2028", "\u3000", "\u00AD", "😀", "e\u0301", "Hélène");
const nearWord = fc.array(fc.oneof({ arbitrary: fc.constantFrom("a", "Dr", "Marie", "N'Diaye", "Anne-Sophie", "x1", "mssante", "fr"), weight: 3 }, { arbitrary: nearChar, weight: 1 }), { maxLength: 5 }).map((a) => a.join(""));
const b64 = (t: string) => Buffer.from(t).toString("base64");
const encodedWord = fc.oneof(
  fc.constantFrom("=?UTF-8?Q?H=C3=A9l=C3=A8ne_Martin?=", "=?utf-8?q?Dr_Jean?=", `=?UTF-8?B?${b64("Zoé Lefèvre")}?=`, `=?utf-8?b?${b64("a​b")}?=`, `=?UTF-8?B?${b64("x@medecin.mssante.fr")}?=`,
    "=?utf-8?B?Q===?=", "=?utf-8?B?Q?=", "=?x-unknown?q?a?=", "=?iso-8859-1?q?Andr=E9?=", "=?UTF-8?Q?=FF=FE?=", "=?utf-8?q?a=2?=", "=?utf-8?B?w6k_?=", "=?utf-8?q?_?=", "=?utf-8?B??=",
    `=?UTF-8?B?${b64("  a   b  ")}?=`, `=?UTF-8?B?${b64("a\0b")}?=`, "=?windows-1252?Q?=80=9C?=", "=?utf-16?B?AGEAYg==?="),
  fc.tuple(fc.constantFrom("utf-8", "UTF-8", "iso-8859-1", "x-bad", "utf-8*fr"), fc.constantFrom("Q", "q", "B", "b", "X"), fc.string({ unit: fc.constantFrom("a", "Z", "0", "=", "_", "-", "+", "/", "C3", "A9", "?", " ", "."), maxLength: 12 }))
    .map(([c, e, t]) => `=?${c}?${e}?${t}?=`),
);
const nearFast = fc.tuple(nearWord, nearWord, nearWord, encodedWord, fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8)).map(([n, l, d, w, shape]) =>
  [`"${n}" <${l}@${d}>`, `${n} <${l}@${d}>`, `${l}@${d}`, `"${n}" <${l}.${l}@${d}.${d}>`, `${n} ${n} <${l}@${d}>`, ` "${n}"  <${l}@${d}> `, `${w} <${l}@${d}>`, `${w} <jean@medecin.mssante.fr>`, `${w}${n} <${l}@${d}>`][shape]!,
);
const fieldValue = fc.oneof(
  { arbitrary: nearFast, weight: 4 },
  { arbitrary: hostileFrom, weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 120 }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 120 }), weight: 1 },
  { arbitrary: fc.constantFrom(...corpusFroms), weight: 2 },
);

describe("parsers answer as the reference does", () => {
  it("parseHeaderBlock, on header-like text and bytes", () => {
    fc.assert(
      fc.property(fc.oneof(headerText, headerBytes), fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), (raw, maxBytes) => {
        const options = maxBytes === undefined ? {} : { maxBytes };
        expect(parseHeaderBlock(raw, options)).toEqual(ref.parseHeaderBlock(raw, options));
      }),
      { seed: 1501, numRuns: RUNS },
    );
    for (const item of corpus) expect(parseHeaderBlock(item.bytes)).toEqual(ref.parseHeaderBlock(item.bytes));
  });

  it("readFields (the verdict's fields only), on header-like text and bytes", () => {
    // Names as the verdict asks for them, and others the blocks hold or not.
    const names = ["from", "sender", "reply-to", "received", "subject", "x-a", "to"];
    const expected = (raw: string | Uint8Array, options: { maxBytes?: number }) => {
      const b = ref.parseHeaderBlock(raw, options);
      return { values: names.map((n) => ref.headerValues(b, n)), truncated: b.truncated, hadNul: b.hadNul, bareCr: b.bareCr, ...(b.disguised ? { disguised: b.disguised } : {}) };
    };
    fc.assert(
      fc.property(fc.oneof(headerText, headerBytes), fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), (raw, maxBytes) => {
        const options = maxBytes === undefined ? {} : { maxBytes };
        expect(readFields(raw, names, options)).toEqual(expected(raw, options));
      }),
      { seed: 1506, numRuns: RUNS },
    );
    for (const item of corpus) expect(readFields(item.bytes, names)).toEqual(expected(item.bytes, {}));
    // The shapes the byte reading leaves to the text reading, each next to one it reads itself.
    for (const raw of [
      "\uFEFFFrom: a@b.fr\r\n\r\n", // a byte-order mark first: the decoding drops it
      "From: \uFEFFa@b.fr\r\nSender: \uFEFF\r\n\r\n", // inside: a character
      "From: a@b.fr\r\nnot a field\r\n more@c.fr\r\n\r\n", // a continuation after a malformed line extends the From
      "From: a@b.fr\r\nnot a field\r\nstill not\r\n\tmore\r\n\r\n",
      "X-A: b\r\nnot a field\r\n more\r\nFrom: c@d.fr\r\n\r\n",
      "From: a@b.fr\r\n\tc@d.fr\r\n x\r\nReceived: from a\n\tby b\r\n\r\nFrom: e@f.fr\r\n", // folded, mixed line ends
      "\r\nFrom: a@b.fr\r\n\r\n", "\n\nFrom: a@b.fr\r\n", "From: a@b.fr\r", "From: a@b.fr\r\nX: \0\r\n\r\n", "From: a@b.fr\r\n\r\nX: \0",
      "From:\r\n a@b.fr\r\n\r\n", "From :\ta@b.fr\r\n\r\n", "From: é\xff\r\n\r\n",
    ]) {
      const bytes = Buffer.from(raw, raw.includes("\xff") ? "latin1" : "utf8");
      expect(readFields(bytes, names)).toEqual(expected(bytes, {}));
    }
    // Around the 8 KiB read at once (headers.ts WINDOW): the empty line just before, across and
    // after its edge, after LF or CRLF, with a two-byte character cut by it, and limits around it.
    for (const eol of ["\r\n", "\n"]) {
      for (let pad = 8150; pad <= 8200; pad++) {
        for (const tail of ["", "é", "éé"]) {
          const head = `From: a@b.fr\r\nX-Pad: ${"x".repeat(pad - 40)}${tail}${eol}Sender: c@d.fr${eol}`;
          const raw = new TextEncoder().encode(`${head}${eol}From: body@x.fr${eol}${"z".repeat(100)}`);
          for (const options of [{}, { maxBytes: 8192 }, { maxBytes: raw.length }, { maxBytes: raw.length - 1 }]) {
            expect(readFields(raw, names, options)).toEqual(expected(raw, options));
            expect(readFields(raw.subarray(0, pad + 20), names, options)).toEqual(expected(raw.subarray(0, pad + 20), options));
          }
        }
      }
    }
  });

  it("address list, Thunderbird's reading, displayed From, encoded-words, visual fold, authority claims, domains", () => {
    fc.assert(
      fc.property(fieldValue, (v) => {
        expect(parseAddressList(v)).toEqual(refAddress.parseAddressList(v));
        expect(thunderbirdMailboxes(v)).toEqual(refTb.thunderbirdMailboxes(v));
        expect(thunderbirdMailboxes(v)).toEqual(refTb.thunderbirdMailboxes(v)); // the kept decodings too
        expect(decodeEncodedWords(v)).toEqual(refWords.decodeEncodedWords(v));
        expect(decodeEncodedWords(v)).toEqual(refWords.decodeEncodedWords(v)); // the kept answer too
        expect(visualFold(v)).toBe(refChars.visualFold(v));
        expect(visualFold(v)).toBe(refChars.visualFold(v)); // the kept answer too
        expect(firstInvisible(v)).toBe(refChars.firstInvisible(v));
        expect(claimedAuthority(v, { operator: "ENOVACOM" })).toBe(refClaims.claimedAuthority(v, { operator: "ENOVACOM" }));
        expect(normaliseDomain(v)).toBe(refDomains.normaliseDomain(v));
        expect(domainAsWrittenProblem(v)).toBe(refDomains.domainAsWrittenProblem(v));
        expect(addressLikes(v)).toEqual(refVerdict.addressLikes(v));
        expect(addressLikes(visualFold(v))).toEqual(refVerdict.addressLikes(refChars.visualFold(v)));
        expect(operatorName(v)).toBe(refClaims.operatorName(v));
        const block = `From: ${v}\r\nFrom: ${v}\r\n\r\n`;
        expect(displayedFrom(parseHeaderBlock(block))).toEqual(refFrom.displayedFrom(ref.parseHeaderBlock(block)));
      }),
      { seed: 1504, numRuns: RUNS },
    );
  });
});

describe("normaliseDomain answers as the reference does", () => {
  it("on domain-like text: labels of every length around 63, hyphens, dots, case, lengths around 253", () => {
    const piece = fc.constantFrom("a", "Z", "0", "-", ".", "..", "é", " ", "_", "x".repeat(61), "y".repeat(62), "z".repeat(63), "w".repeat(64), "mssante", "fr", "xn--", "-a", "a-");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join("")), fc.integer({ min: 0, max: 3 }), (d, copies) => {
        const v = copies ? Array.from({ length: copies + 1 }, () => d).join(".") : d;
        expect(normaliseDomain(v)).toBe(refDomains.normaliseDomain(v));
        expect(normaliseDomain(v)).toBe(refDomains.normaliseDomain(v)); // the kept answer too
      }),
      { seed: 1507, numRuns: RUNS * 2 },
    );
  });
});

describe("formatMessage answers as the reference does", () => {
  const files = { fr, en } as unknown as Record<"fr" | "en", Parameters<typeof formatMessage>[0]>;
  const sub = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("$", "$$", "$1", "$1$", "$$$", "$NAME$", "a$$b", ""));
  it("on every message of both locales, with substitutions holding $ signs", () => {
    for (const lang of ["fr", "en"] as const) {
      fc.assert(
        fc.property(fc.constantFrom(...localeKeys(lang), "no_such_key"), fc.option(fc.array(sub, { maxLength: 10 }), { nil: undefined }), (key, subs) => {
          expect(formatMessage(files[lang], key, subs)).toBe(refI18n.formatMessage(files[lang], key, subs));
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
        expect(formatMessage(file, "k", subs)).toBe(refI18n.formatMessage(file, "k", subs));
      }),
      { seed: 1503, numRuns: RUNS },
    );
  });
});

describe("the whole verdict is the reference's", () => {
  const same = (input: VerdictInput) => {
    // The reference parses its own copy: a parsed block is shared by neither side.
    const headers = typeof input.headers === "string" || input.headers instanceof Uint8Array ? input.headers : "";
    expect(computeVerdict({ ...input, headers })).toEqual(refVerdict.computeVerdict({ ...input, headers }));
  };

  it("on random hostile header blocks, both accounts, with overrides and both languages", () => {
    const blocks = fc.record({
      from: fc.array(fieldValue, { maxLength: 2 }),
      sender: fc.option(fieldValue, { nil: undefined }),
      replyTo: fc.array(fieldValue, { maxLength: 2 }),
      noise: fc.array(fc.constantFrom(...headerPieces), { maxLength: 4 }).map((a) => a.join("")),
      account: fc.constantFrom("mssante" as const, "other" as const),
      accountDomain: fc.constantFrom(undefined, "medecin.mssante.fr", "chu-lyon.mssante.fr"),
      override: fc.option(fc.tuple(fc.constantFrom(...LISTED.map((d) => d.toLowerCase()), "evil.example"), fc.constantFrom("trusted" as const, "untrusted" as const)), { nil: undefined }),
      lang: fc.constantFrom("fr" as const, "en" as const),
    });
    fc.assert(
      fc.property(blocks, (b) => {
        const headers =
          "Received: from mx.chu-lyon.fr (mx.chu-lyon.fr [192.0.2.1]) by mx.mailiz.mssante.fr with ESMTPS id 1\r\n" +
          b.from.map((f) => `From: ${f}\r\n`).join("") +
          (b.sender !== undefined ? `Sender: ${b.sender}\r\n` : "") +
          b.replyTo.map((f) => `Reply-To: ${f}\r\n`).join("") +
          b.noise +
          "\r\n\r\nbody\r\n";
        same({
          headers,
          whitelist: testList,
          account: b.account,
          ...(b.accountDomain ? { accountDomain: b.accountDomain } : {}),
          ...(b.override ? { overrides: { [b.override[0]]: b.override[1] } } : {}),
          translate: translator(b.lang),
        });
      }),
      { seed: 1505, numRuns: RUNS },
    );
  });

  it("on the bench corpus (realistic blocks, 5,000-domain list)", () => {
    for (const item of corpus) same({ headers: item.bytes, whitelist: bigList, account: item.account, accountDomain: item.accountDomain });
  });
});
