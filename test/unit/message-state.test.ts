// The state table of src/core/state/message-state.ts, row by row.
import { describe, expect, it } from "vitest";
import { messageState, signatureLevel } from "../../src/core/state/message-state.ts";
import { STATUS_PRECEDENCE } from "../../src/core/pki/reasons.ts";

const pro = { category: "professional" as const, trusted: true };

describe("one state per message", () => {
  it.each([
    [{ category: "professional", trusted: true }, "ok"],
    [{ category: "patient", trusted: true }, "ok"],
    [{ category: "outside", trusted: false }, "warning"],
    [{ category: "impersonation", trusted: false }, "danger"],
    // A category the verdict itself does not trust (a user override, say) is never green.
    [{ category: "professional", trusted: false }, "warning"],
  ] as const)("trust %j → %s", (verdict, level) => {
    expect(messageState({ verdict }).level).toBe(level);
  });

  it.each([
    ["altered", "danger"],
    ["bad-signature", "danger"],
    ["revoked", "danger"],
    ["signer-mismatch", "danger"],
    ["wrong-key-usage", "danger"],
    ["malformed", "danger"],
    ["untrusted-issuer", "warning"],
    ["expired", "warning"],
    ["weak-algorithm", "warning"],
    ["unsupported", "warning"],
    ["nested-signature", "warning"],
    ["valid", "ok"],
    ["revocation-unknown", "ok"],
    ["not-signed", "ok"],
  ])("a professional's message whose signature is %s is %s", (status, level) => {
    const state = messageState({ verdict: pro, signature: { status } });
    expect(state.level).toBe(level);
    if (level !== "ok") expect(state.decisive).toEqual({ part: "signature", level, code: status });
  });

  it("an altered signed message from a white-listed sender is never ok", () => {
    expect(messageState({ verdict: pro, signature: { status: "altered" } })).toMatchObject({ level: "danger", decisive: { part: "signature" } });
  });

  it("a status this table does not know is danger (fail closed)", () => {
    expect(signatureLevel("some-future-status")).toBe("danger");
    // Every status the verifier can give has its row.
    for (const s of STATUS_PRECEDENCE) expect(["ok", "warning", "danger"]).toContain(signatureLevel(s));
  });

  it("the worst part decides; trust comes first among equals", () => {
    expect(messageState({ verdict: { category: "impersonation", trusted: false }, signature: { status: "valid" } })).toMatchObject({ level: "danger", decisive: { part: "trust" } });
    expect(messageState({ verdict: { category: "outside", trusted: false }, signature: { status: "expired" } })).toMatchObject({ level: "warning", decisive: { part: "trust" } });
    expect(messageState({ verdict: { category: "outside", trusted: false }, signature: { status: "altered" } })).toMatchObject({ level: "danger", decisive: { part: "signature" } });
  });

  it("an operator-server problem makes an MSSanté message a warning", () => {
    expect(messageState({ verdict: pro, serverProblems: 1 })).toMatchObject({ level: "warning", decisive: { part: "server", code: "server-certificate" } });
    expect(messageState({ verdict: pro, serverProblems: 0 }).level).toBe("ok");
  });

  it("without a white list there is no verdict, and no green", () => {
    expect(messageState({})).toMatchObject({ level: "warning", decisive: { part: "trust", code: "no-whitelist" } });
  });
});

import { readableDn } from "../../src/core/pki/display-dn.ts";

describe("certificate names as people read them", () => {
  it("shows the person and the organisation, not the DN", () => {
    expect(readableDn("CN=JEAN DUPONT,GN=JEAN,SN=DUPONT,serialNumber=810001234567,OU=IGC-SANTE TEST,O=CABINET DR DUPONT,C=FR")).toBe("JEAN DUPONT — CABINET DR DUPONT");
    expect(readableDn("CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR")).toBe("TEST AC IGC-SANTE ELEMENTAIRE PERSONNES — ASIP-SANTE");
  });
  it("keeps escaped commas inside values and falls back to the DN", () => {
    expect(readableDn("CN=Dupont\\, Jean,O=X")).toBe("Dupont, Jean — X");
    expect(readableDn("C=FR")).toBe("C=FR");
  });
});

import { announcesSignature } from "../../src/core/state/message-state.ts";

describe("which messages are read whole for their signature", () => {
  it.each([
    ['Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="b"', true],
    ["Content-Type:\r\n multipart/signed;\r\n boundary=x", true],
    ['Content-Type: application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"', true],
    ['Content-Type: application/x-pkcs7-mime; name="smime.p7m"', true],
    ['Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"', false],
    ["Content-Type: text/plain; charset=utf-8", false],
    ["Subject: multipart/signed", false],
  ])("%j → %s", (header, signed) => {
    expect(announcesSignature(`From: a@b.fr\r\n${header}\r\n\r\nbody`)).toBe(signed);
  });
});
