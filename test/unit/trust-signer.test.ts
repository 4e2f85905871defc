// The S/MIME signer is compared with the sender the user sees: the first From mailbox, and only
// when it is unambiguous. A signer matching a second From mailbox or a second From field proves
// nothing about the one displayed.
import { describe, expect, it } from "vitest";
import { verifySmime, type SmimeOptions } from "../../src/core/pki/smime.ts";
import { AT, ROOT, allCrls, dec, fixture } from "../fixtures/pki/helpers.ts";

const base = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
// Signed by jean.dupont@medecin.mssante.fr; the top-level headers are outside the signature.
const withFrom = (from: string) =>
  new Uint8Array(Buffer.from(dec(fixture("mail/good-rsa-detached.eml")).replace(/^From: [^\r]*\r\n/m, from), "latin1"));

describe("signer versus displayed sender", () => {
  it("the genuine sender still matches", async () => {
    expect((await verifySmime(withFrom("From: Dr Jean Dupont <jean.dupont@medecin.mssante.fr>\r\n"), base())).status).toBe("valid");
  });

  it.each([
    ["signer second in one From", "From: pierre.imposteur@medecin.mssante.fr, jean.dupont@medecin.mssante.fr\r\n"],
    ["signer first in one From with another author", "From: jean.dupont@medecin.mssante.fr, pierre.imposteur@medecin.mssante.fr\r\n"],
    ["signer in a second From field", "From: pierre.imposteur@medecin.mssante.fr\r\nFrom: jean.dupont@medecin.mssante.fr\r\n"],
    ["signer in the first of two From fields", "From: jean.dupont@medecin.mssante.fr\r\nFrom: pierre.imposteur@medecin.mssante.fr\r\n"],
    ["signer hidden behind specials in the angle brackets", 'From: <"pierre.imposteur@evil.example",jean.dupont@medecin.mssante.fr>\r\n'],
    ["signer in a group with another member", "From: G: pierre.imposteur@medecin.mssante.fr, jean.dupont@medecin.mssante.fr;\r\n"],
  ])("%s is a mismatch", async (_label, from) => {
    const v = await verifySmime(withFrom(from), base());
    expect(v.status).toBe("signer-mismatch");
    expect(v.valid).toBe(false);
  });
});
