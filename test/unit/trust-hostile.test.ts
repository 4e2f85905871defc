// The outside review's attack classes, one table each: hidden or mapped characters, addresses that
// Thunderbird shows but a strict parser misses, silent truncation, and MSSanté-looking senders in
// ordinary accounts. Each row failed before the hardening.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict, type AccountKind, type Verdict } from "../../src/core/trust/verdict.ts";

const FIX = join(import.meta.dirname, "../fixtures/trust");
const wl = parseWhitelistXml(readFileSync(join(FIX, "liste-blanche-test.xml"), "utf8"));

function verdict(headers: string, account: AccountKind = "mssante"): Verdict {
  return computeVerdict({ headers: headers.replace(/\n/g, "\r\n") + "\r\n\r\nbody\r\n", whitelist: wl, account });
}
const messages = (v: Verdict) => v.reasons.map((r) => `${r.code} ${r.message} ${r.params.join(" ")}`).join("\n");

// [label, domain as written, name the reason must give]
const HIDDEN_IN_DOMAIN: [string, string, string][] = [
  ["zero-width space", "medecin.mssante\u200B.fr", "U+200B ZERO WIDTH SPACE"],
  ["word joiner", "medecin.ms\u2060sante.fr", "U+2060 WORD JOINER"],
  ["soft hyphen", "medecin.mss\u00ADante.fr", "U+00AD SOFT HYPHEN"],
  ["combining grapheme joiner", "medecin\u034F.mssante.fr", "U+034F COMBINING GRAPHEME JOINER"],
  ["Mongolian variation selector", "medecin.mssante.f\u180Br", "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE"],
  ["variation selector 16", "medecin.mssante.fr\uFE0F", "U+FE0F VARIATION SELECTOR-16"],
  ["BOM", "\uFEFFmedecin.mssante.fr", "U+FEFF ZERO WIDTH NO-BREAK SPACE"],
  ["fullwidth full stop", "medecin\uFF0Emssante.fr", "U+FF0E FULLWIDTH FULL STOP"],
  ["ideographic full stop", "medecin.mssante\u3002fr", "U+3002 IDEOGRAPHIC FULL STOP"],
  ["halfwidth ideographic full stop", "medecin\uFF61mssante.fr", "U+FF61 HALFWIDTH IDEOGRAPHIC FULL STOP"],
  ["fullwidth letter", "\uFF4Dedecin.mssante.fr", "U+FF4D FULLWIDTH LATIN SMALL LETTER M"],
  ["long s", "medecin.m\u017Fsante.fr", "U+017F LATIN SMALL LETTER LONG S"],
  ["circled letter", "medecin.mssant\u24D4.fr", "U+24D4 CIRCLED LATIN SMALL LETTER E"],
  ["Roman numeral", "\u217Fedecin.mssante.fr", "U+217F SMALL ROMAN NUMERAL ONE THOUSAND"],
  ["superscript", "medecin.mssante.f\u02B3", "U+02B3 MODIFIER LETTER SMALL R"],
  ["trailing no-break space", "medecin.mssante.fr\u00A0", "U+00A0 NO-BREAK SPACE"],
  ["trailing ideographic space", "medecin.mssante.fr\u3000", "U+3000 IDEOGRAPHIC SPACE"],
  ["trailing line separator", "medecin.mssante.fr\u2028", "U+2028 LINE SEPARATOR"],
  ["trailing figure space", "medecin.mssante.fr\u2007", "U+2007 FIGURE SPACE"],
  ["trailing dot", "medecin.mssante.fr.", "U+002E FULL STOP"],
  ["upper-case non-ASCII mapped down", "PHARMACIE-GÉRARDMER.mssante.fr", "U+00C9"],
];

describe("characters mapped away or trimmed never reach a listed domain", () => {
  it.each(HIDDEN_IN_DOMAIN)("%s", (_label, domain, name) => {
    for (const account of ["mssante", "other"] as const) {
      const v = verdict(`From: Dr Jean <jean@${domain}>`, account);
      expect(v.trusted, account).toBe(false);
      expect(v.category, account).toBe("impersonation");
      expect(messages(v)).toContain(name);
    }
  });

  it("the canonical forms still pass", () => {
    expect(verdict("From: Dr Jean <jean@medecin.mssante.fr>").trusted).toBe(true);
    expect(verdict("From: Dr Jean <jean@MEDECIN.MSSANTE.FR>").trusted).toBe(true);
    expect(verdict("From: officine@pharmacie-gérardmer.mssante.fr").trusted).toBe(true);
  });
});

describe("invisible characters the IDN step rejects still look like MSSanté", () => {
  it.each([
    ["zero-width non-joiner", "medecin.mssan\u200Cte.fr", "U+200C ZERO WIDTH NON-JOINER"],
    ["zero-width joiner", "medecin.mssante.f\u200Dr", "U+200D ZERO WIDTH JOINER"],
    ["left-to-right mark", "medecin.\u200Emssante.fr", "U+200E LEFT-TO-RIGHT MARK"],
    ["right-to-left override", "medecin.mssante.fr\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["Hangul filler", "medecin.mssante.fr\u3164", "U+3164 HANGUL FILLER"],
    ["Hangul choseong filler", "medecin\u115F.mssante.fr", "U+115F HANGUL CHOSEONG FILLER"],
  ])("%s is impersonation in an ordinary account", (_label, domain, name) => {
    const v = verdict(`From: jean@${domain}`, "other");
    expect(v.category).toBe("impersonation");
    expect(messages(v)).toContain(name);
    expect(verdict(`From: jean@${domain}`).trusted).toBe(false);
  });

  it("the training environment looks like MSSanté to a reader of an ordinary account", () => {
    expect(verdict("From: a@medecin.formation.mssante.fr", "other").category).toBe("impersonation");
    expect(verdict("From: a@x.y.formation.mssante.fr", "other").category).toBe("impersonation");
  });

  it("a name that reads like an MSSanté domain, or an address only in a comment", () => {
    expect(verdict('From: "medecin.mssante.fr" <x@evil.example>', "other").category).toBe("impersonation");
    expect(verdict("From: x@evil.example (Dr Jean, medecin\uFF0Emssante\uFF0Efr)", "other").category).toBe("impersonation");
    expect(verdict("From: (jean@medecin.mssante.fr)", "other").category).toBe("impersonation");
    expect(verdict('From: "Lettre d\'information" <news@club.example>', "other").category).toBe("outside");
  });

  it("an encoded-word-only From that Thunderbird shows as an MSSanté address", () => {
    const v = verdict("From: =?utf-8?q?x=40medecin.mssante.fr?=", "other");
    expect(v.category).toBe("impersonation");
    expect(verdict("From: =?utf-8?B?" + Buffer.from("jean@medecin.mssante.fr").toString("base64") + "?=", "other").category).toBe("impersonation");
  });
});

describe("invisible or bidi characters in the local part", () => {
  it.each([
    ["jean\u200B@medecin.mssante.fr", "U+200B ZERO WIDTH SPACE"],
    ["\u202Ejean@medecin.mssante.fr", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["je\u2060an@medecin.mssante.fr", "U+2060 WORD JOINER"],
    ["jean\u00AD@medecin.mssante.fr", "U+00AD SOFT HYPHEN"],
    ["jean\u3164@medecin.mssante.fr", "U+3164 HANGUL FILLER"],
    ["jean\u200F@medecin.mssante.fr", "U+200F RIGHT-TO-LEFT MARK"],
  ])("%s", (address, name) => {
    const v = verdict(`From: <${address}>`);
    expect(v.trusted).toBe(false);
    expect(messages(v)).toContain(name);
  });
});

describe("addresses Thunderbird shows that a strict reading hides", () => {
  it.each([
    ["specials inside the angle brackets", '<"attacker@evil.example",jean@medecin.mssante.fr>'],
    ["a quoted string followed by a bare address", '"Dr Martin" jean@medecin.mssante.fr'],
    ["a quoted address followed by a bare address", '"attacker@evil.example" jean@medecin.mssante.fr'],
    ["a semicolon inside the angle brackets", "<attacker@evil.example;jean@medecin.mssante.fr>"],
    ["an angle bracket inside the angle brackets", "<attacker@evil.example<jean@medecin.mssante.fr>"],
    ["a colon inside the angle brackets", "<attacker:jean@medecin.mssante.fr>"],
    ["an address inside a quoted local part", '"x<attacker@evil.example>"@medecin.mssante.fr'],
  ])("%s is never trusted", (_label, from) => {
    expect(verdict(`From: ${from}`).trusted).toBe(false);
    expect(verdict(`From: ${from}`, "other").category).toBe("impersonation");
  });

  it.each([
    ["an encoded-word in a comment that decodes to an address", "x@evil.example (=?utf-8?q?jean=40medecin.mssante.fr?=)"],
    ["a fullwidth @ in the display name", '"jean\uFF20medecin.mssante.fr" <x@evil.example>'],
    ["a small @ in the display name", '"jean\uFE6Bmedecin.mssante.fr" <x@evil.example>'],
    ["ideographic dots in the display name", '"jean@medecin\u3002mssante\u3002fr" <x@evil.example>'],
    ["fullwidth dots in the display name", "jean@medecin\uFF0Emssante\uFF0Efr <x@evil.example>"],
    ["an address reversed by U+202E", '"\u202Erf.etnassm.nicedem@naej" <x@evil.example>'],
    ["a zero-width space breaking up a shown address", '"jean@medecin\u200B.mssante.fr" <x@evil.example>'],
  ])("%s is impersonation, in both kinds of account", (_label, from) => {
    expect(verdict(`From: ${from}`).category).toBe("impersonation");
    expect(verdict(`From: ${from}`, "other").category).toBe("impersonation");
  });
});

describe("header lines Thunderbird splits otherwise", () => {
  it("a From hidden behind a bare carriage return", () => {
    const v = computeVerdict({
      headers: "X-A: b\rFrom: x@evil.example\r\nFrom: jean@medecin.mssante.fr\r\nX-B: c\r\n\r\nbody",
      whitelist: wl,
      account: "mssante",
    });
    expect(v.trusted).toBe(false);
    expect(v.reasons.map((r) => r.code)).toContain("bare-carriage-return");
  });
});

describe("limits refuse instead of truncating", () => {
  it("a second mailbox after 20,001 empty comments is not ignored", () => {
    const v = verdict(`From: jean@medecin.mssante.fr ${"()".repeat(20001)}, x@evil.example`);
    expect(v.trusted).toBe(false);
  });

  it("an over-long From is refused with a reason", () => {
    const v = verdict(`From: "${"a".repeat(200_000)}" <jean@medecin.mssante.fr>`);
    expect(v.trusted).toBe(false);
    expect(v.reasons.map((r) => r.code)).toContain("header-too-complex");
  });
});
