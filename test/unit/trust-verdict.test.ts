// Each attack class of the trust-space issue, on header blocks written for these tests.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict, type AccountKind, type Verdict } from "../../src/core/trust/verdict.ts";
import { translator } from "../../src/core/i18n.ts";
import { parseHeaderBlock } from "../../src/core/mail/headers.ts";

const FIX = join(import.meta.dirname, "../fixtures/trust");
const wl = parseWhitelistXml(readFileSync(join(FIX, "liste-blanche-test.xml"), "utf8"));

function verdict(headers: string, account: AccountKind = "mssante", extra: Partial<Parameters<typeof computeVerdict>[0]> = {}): Verdict {
  return computeVerdict({ headers: headers.replace(/\n/g, "\r\n") + "\r\n\r\nbody\r\n", whitelist: wl, account, ...extra });
}
const codes = (v: Verdict) => v.reasons.map((r) => r.code);

describe("genuine MSSanté senders", () => {
  it("a white-listed domain in an MSSanté account is trusted, professional", () => {
    const v = verdict('From: "Dr Marie Martin" <marie.martin@chu-lyon.mssante.fr>');
    expect(v).toMatchObject({ trusted: true, category: "professional" });
    expect(v.sender).toEqual({ address: "marie.martin@chu-lyon.mssante.fr", displayName: "Dr Marie Martin", domain: "chu-lyon.mssante.fr" });
    expect(codes(v)).toEqual(["whitelisted-domain"]);
    expect(v.reasons[0]!.message).toContain("Hospices Civils de Lyon");
    expect(v.whitelistDate).toBe("2026-11-20T06:00:00.000Z");
  });

  it("domains match case-insensitively, and a Unicode list entry matches its punycode form", () => {
    expect(verdict("From: Marie@CHU-LYON.MSSANTE.FR").trusted).toBe(true);
    expect(verdict("From: cmp@uc-cmp.mssante.fr").trusted).toBe(true);
    expect(verdict("From: officine@xn--pharmacie-grardmer-lwb.mssante.fr").trusted).toBe(true);
    expect(verdict("From: officine@pharmacie-gérardmer.mssante.fr").trusted).toBe(true);
  });

  it("a patient (patient.mssante.fr) is inside the space but shown as a patient", () => {
    const v = verdict("From: 2840763151239@patient.mssante.fr");
    expect(v).toMatchObject({ trusted: true, category: "patient" });
    expect(codes(v)).toContain("patient-sender");
  });

  it("a display name repeating the real address is not an attack", () => {
    expect(verdict('From: "marie.martin@chu-lyon.mssante.fr" <marie.martin@chu-lyon.mssante.fr>').trusted).toBe(true);
  });

  it("a secretary sending for a doctor (Sender inside the space) stays trusted", () => {
    const v = verdict("From: dr.durand@medecin.mssante.fr\nSender: secretariat@medecin.mssante.fr");
    expect(v.trusted).toBe(true);
    expect(codes(v)).toContain("sender-differs");
  });
});

describe("outside the trust space", () => {
  it("an ordinary domain in an MSSanté account is outside", () => {
    const v = verdict("From: Support <support@secu-messagerie.example>");
    expect(v).toMatchObject({ trusted: false, category: "outside" });
    expect(codes(v)).toEqual(["outside-domain"]);
  });

  it.each(["x.medecin.mssante.fr", "mssante.fr", "medecin.formation.mssante.fr", "fr", "lyon.mssante.fr"])(
    "no suffix or wildcard logic: %s is not in the list",
    (domain) => {
      expect(verdict(`From: a@${domain}`).trusted).toBe(false);
    },
  );

  it("the training environment is named as such", () => {
    expect(codes(verdict("From: a@medecin.formation.mssante.fr"))).toContain("training-domain");
  });

  it("a Sender outside the space makes the message untrusted", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr\nSender: relay@mass-mailer.example");
    expect(v).toMatchObject({ trusted: false, category: "outside" });
    expect(codes(v)).toContain("sender-outside");
  });

  it("a Reply-To outside the space is a warning on a trusted message", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr\nReply-To: marie.martin@gmail.example");
    expect(v.trusted).toBe(true);
    expect(v.reasons[0]).toMatchObject({ code: "reply-to-outside", severity: "warning" });
  });
});

describe("impersonation tricks", () => {
  it("display name holding another address", () => {
    const v = verdict('From: "marie.martin@chu-lyon.mssante.fr" <x@evil.example>');
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("display-name-address");
  });

  it("unquoted display name holding an address", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr <x@evil.example>");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
  });

  it("encoded-word display name that decodes to an address", () => {
    const encoded = Buffer.from("marie.martin@chu-lyon.mssante.fr").toString("base64");
    const v = verdict(`From: =?utf-8?B?${encoded}?= <x@evil.example>`);
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("display-name-address");
  });

  it("encoded-word inside a quoted display name (decoded by many clients)", () => {
    const v = verdict('From: "=?utf-8?Q?marie.martin=40chu-lyon.mssante.fr?=" <x@evil.example>');
    expect(v.category).toBe("impersonation");
  });

  it("encoded-word where the address should be", () => {
    const v = verdict("From: <=?utf-8?q?marie.martin=40chu-lyon.mssante.fr?=@evil.example>");
    expect(v.trusted).toBe(false);
    expect(codes(v)).toContain("encoded-address");
  });

  it("an address hidden in a comment", () => {
    const v = verdict("From: x@evil.example (marie.martin@chu-lyon.mssante.fr)");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("comment-address");
  });

  it("two From fields", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr\nFrom: x@evil.example");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("several-from-fields");
    // The hidden second sender is named, not only counted.
    const reason = v.reasons.find((r) => r.code === "several-from-fields")!;
    expect(reason.params).toEqual(["2", "marie.martin@chu-lyon.mssante.fr", "x@evil.example"]);
    expect(reason.message).toContain("marie.martin@chu-lyon.mssante.fr, et aussi x@evil.example. Un seul est affiché");
  });

  it("two From fields, both inside the space, are still ambiguous", () => {
    const v = verdict("From: a@chu-lyon.mssante.fr\nFrom: b@medecin.mssante.fr");
    expect(v.trusted).toBe(false);
  });

  it("several mailboxes in one From", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr, x@evil.example");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("several-authors");
  });

  it("look-alike domain (rn for m)", () => {
    const v = verdict("From: dr@medecin.rnssante.fr");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(v.reasons.find((r) => r.code === "lookalike-domain")?.params).toEqual(["medecin.rnssante.fr", "medecin.mssante.fr"]);
  });

  it("look-alike domain one letter away", () => {
    expect(codes(verdict("From: dr@chu-lyom.mssante.fr"))).toContain("lookalike-domain");
  });

  it("homograph: a Cyrillic letter in a Latin domain", () => {
    const v = verdict("From: dr@m\u0435decin.mssante.fr");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toEqual(expect.arrayContaining(["mixed-script-domain", "lookalike-domain"]));
  });

  it("a domain that merely contains 'mssante'", () => {
    const v = verdict("From: dr@mssante-securite.example");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(codes(v)).toContain("mssante-lookalike");
  });

  it("NUL bytes in the header", () => {
    const v = verdict("From: marie.martin@chu-lyon.mssante.fr\0<x@evil.example>");
    expect(v.trusted).toBe(false);
    expect(codes(v)).toContain("nul-bytes");
  });

  // Thunderbird's header pane showed « Pirate pirate@evil.example » for the first block while the
  // add-on said « Professionnel de santé MSSanté »: jsmime's StructuredHeaders takes the text
  // before the colon, trimmed by JavaScript's trim(), as the field name, so « From\f: » is a From.
  it.each([
    ["form feed before the colon", "From\f: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
    ["vertical tab before the colon, after the real From", "From: <marie.martin@chu-lyon.mssante.fr>\nFrom\v: Pirate <pirate@evil.example>"],
    ["vertical tab before the name", "\vFrom: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
    ["no-break space before the colon", "From\u00a0: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
    ["disguised Sender", "Sender\f: pirate@evil.example\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
  ])("a From, Sender or Reply-To whose name is disguised by a space-like character (%s) is an impersonation", (_name, header) => {
    const raw = (header.replace(/\n/g, "\r\n") + "\r\nSubject: s\r\n\r\nbody\r\n");
    // As the add-on reads it (bytes, a Latin-1 byte for the no-break space as a hostile sender
    // writes it), and as the CLI does (parsed block).
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    for (const headers of [bytes, parseHeaderBlock(bytes)]) {
      const v = computeVerdict({ headers, whitelist: wl, account: "mssante" });
      expect(v).toMatchObject({ trusted: false, category: "impersonation" });
      expect(codes(v)).toContain("disguised-field-name");
    }
  });

  it.each([
    ["form feed after the name", "X-A: a\rFrom\f: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
    ["vertical tab before the name", "X-A: a\r\vFrom: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
    ["no-break space after the name", "X-A: a\rFrom\u00a0: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>"],
  ])("a bare carriage return before a disguised From (%s) is an impersonation", (_name, header) => {
    const bytes = Uint8Array.from(header.replace(/\n/g, "\r\n") + "\r\nSubject: s\r\n\r\nbody\r\n", (c) => c.charCodeAt(0));
    for (const headers of [bytes, parseHeaderBlock(bytes)]) {
      const v = computeVerdict({ headers, whitelist: wl, account: "mssante" });
      expect(v).toMatchObject({ trusted: false, category: "impersonation" });
      expect(codes(v)).toContain("bare-carriage-return");
    }
  });

  it("a bare carriage return before a space stays a continuation (no field there for Thunderbird either)", () => {
    const v = verdict("X-A: a\r b\nFrom: <marie.martin@chu-lyon.mssante.fr>");
    expect(v).toMatchObject({ trusted: true, category: "professional" });
  });

  it("a malformed line that is no field to Thunderbird either changes nothing", () => {
    // Before the colon, a character JavaScript's trim() keeps: jsmime reads another field name.
    expect(verdict("From\u0001: Pirate <pirate@evil.example>\nFrom: <marie.martin@chu-lyon.mssante.fr>")).toMatchObject({ trusted: true, category: "professional" });
    expect(verdict("X-Note foo: bar\nFrom: <marie.martin@chu-lyon.mssante.fr>")).toMatchObject({ trusted: true, category: "professional" });
  });

  it("a megabyte header is bounded and not trusted", () => {
    const pad = "X-Pad: " + "a".repeat(70) + "\n";
    const v = computeVerdict({
      headers: ("From: marie.martin@chu-lyon.mssante.fr\n" + pad.repeat(20000)).replace(/\n/g, "\r\n"),
      whitelist: wl,
      account: "mssante",
    });
    expect(v.trusted).toBe(false);
    expect(codes(v)).toContain("header-too-large");
  });

  it.each([
    ["group", "From: Équipe: marie.martin@chu-lyon.mssante.fr;"],
    ["unbalanced quote", 'From: "Dr Marie <marie.martin@chu-lyon.mssante.fr>'],
    ["text after the address", "From: Dr <marie.martin@chu-lyon.mssante.fr> x@evil.example"],
    ["source route", "From: <@evil.example:marie.martin@chu-lyon.mssante.fr>"],
    ["domain literal", "From: marie@[127.0.0.1]"],
  ])("malformed From (%s) is never trusted", (_name, header) => {
    expect(verdict(header).trusted).toBe(false);
  });

  it("no From at all", () => {
    expect(codes(verdict("Subject: hello"))).toEqual(["no-from"]);
  });
});

describe("ordinary accounts", () => {
  it("a message claiming an MSSanté sender in an ordinary account is impersonation", () => {
    const v = verdict('From: "Dr Marie Martin" <marie.martin@chu-lyon.mssante.fr>', "other");
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(v.reasons[0]).toMatchObject({ code: "impersonation-other-account", severity: "danger" });
  });

  it("a patient address in an ordinary account is impersonation too", () => {
    expect(verdict("From: 1@patient.mssante.fr", "other").category).toBe("impersonation");
  });

  it("an ordinary sender in an ordinary account is outside, calmly", () => {
    const v = verdict("From: amis@club.example", "other");
    expect(v).toMatchObject({ trusted: false, category: "outside" });
    expect(v.reasons).toEqual([expect.objectContaining({ code: "ordinary-mail", severity: "info" })]);
  });

  it("display-name tricks in an ordinary account are impersonation", () => {
    expect(verdict('From: "dr@medecin.mssante.fr" <a@b.example>', "other").category).toBe("impersonation");
  });
});

describe("relay announced by the user's operator", () => {
  const hdr = (relay: string) =>
    `Received: from ${relay} (${relay} [192.0.2.7]) by medimail-asip.mipih.fr with ESMTPS id 1\nFrom: marie.martin@chu-lyon.mssante.fr`;

  it("matches a CN listed for the From domain", () => {
    const v = verdict(hdr("mss2.chu-lyon.fr"), "mssante", { accountDomain: "ght-vosges.mssante.fr" });
    expect(v.trusted).toBe(true);
    expect(codes(v)).toContain("relay-match");
  });

  it("a relay not listed for the From domain is a warning, not a verdict", () => {
    const v = verdict(hdr("smtp.evil.example"), "mssante", { accountDomain: "ght-vosges.mssante.fr" });
    expect(v.trusted).toBe(true);
    expect(v.reasons[0]).toMatchObject({ code: "relay-mismatch", severity: "warning" });
  });

  it("same operator on both sides: not applicable", () => {
    const v = verdict("Received: from x by medimail-asip.mipih.fr\nFrom: a@uc-cmp.mssante.fr", "mssante", { accountDomain: "ght-vosges.mssante.fr" });
    expect(codes(v).filter((c) => c.startsWith("relay"))).toEqual([]);
  });
});

describe("user overrides and languages", () => {
  it("a trusted override admits a domain, visibly", () => {
    const v = verdict("From: a@clinique-partenaire.example", "mssante", { overrides: { "clinique-partenaire.example": "trusted" } });
    expect(v.trusted).toBe(true);
    expect(codes(v)).toContain("user-override-trusted");
  });

  it("an override never admits a look-alike", () => {
    const v = verdict("From: a@medecin.rnssante.fr", "mssante", { overrides: { "medecin.rnssante.fr": "trusted" } });
    expect(v.trusted).toBe(false);
  });

  it("a distrust override marks a listed domain", () => {
    const v = verdict("From: a@medecin.mssante.fr", "mssante", { overrides: { "medecin.mssante.fr": "untrusted" } });
    expect(v).toMatchObject({ trusted: false, category: "outside" });
  });

  it("reasons come in English too", () => {
    const v = verdict("From: a@evil.example", "mssante", { translate: translator("en") });
    expect(v.reasons[0]!.message).toMatch(/is not part of the MSSanté trust space/);
  });
});
