// Operator server chains against the test PKI.
import { describe, expect, it } from "vitest";
import { checkServerChain, type ServerChainOptions } from "../../src/core/pki/server.ts";
import { TEST_SERVER_ISSUER_CN, SERVER_ISSUER_CN } from "../../src/core/pki/igc-sante.ts";
import { AT, ROOT, allCrls, certs } from "../fixtures/pki/helpers.ts";

const base = (): ServerChainOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
const check = (chain: string, o: Partial<ServerChainOptions> = {}) => checkServerChain(certs(`chains/${chain}.pem`), { ...base(), ...o });
const SERVER_DN = "CN=mail.operateur-test.mssante.fr,OU=318310021300099,O=OPERATEUR TEST,ST=Rhone (69),C=FR";

describe("checkServerChain", () => {
  it("a good chain: valid, with its facts", async () => {
    const v = await check("serveur");
    expect(v).toMatchObject({
      valid: true,
      status: "valid",
      reasons: [],
      warnings: [],
      subject: SERVER_DN,
      issuer: "CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR",
      notAfter: "2040-01-01T00:00:00.000Z",
      dnsNames: ["mail.operateur-test.mssante.fr"],
    });
    expect(v.daysLeft).toBeGreaterThan(4000);
    expect(v.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(v.chain).toHaveLength(3);
  });

  it("expires soon: still valid, with a warning 30 days before", async () => {
    const v = await check("serveur", { at: new Date("2039-12-20T00:00:00Z") });
    expect(v.status).toBe("valid");
    expect(v.daysLeft).toBe(12);
    expect(v.warnings.map((w) => w.code)).toEqual(["expires-soon"]);
    expect(v.warnings[0]!.message).toMatch(/expire le 01\/01\/2040, dans 12 jours/);
    expect((await check("serveur", { at: new Date("2039-11-20T00:00:00Z") })).warnings).toEqual([]);
  });

  it("expired, not yet valid", async () => {
    const expired = await check("serveur-expire");
    expect(expired.status).toBe("expired");
    expect(expired.daysLeft).toBeLessThan(0);
    expect((await check("serveur", { at: new Date("2024-06-01T00:00:00Z") })).status).toBe("not-yet-valid");
  });

  it("revoked (CRL); revocation unknown without the right CRL", async () => {
    expect((await check("serveur-revoque")).status).toBe("revoked");
    expect((await check("serveur-revoque", { crls: [] })).status).toBe("revocation-unknown");
    const unchecked = await check("serveur-revoque", { crls: undefined });
    expect(unchecked.status).toBe("valid");
    expect(unchecked.reasons.map((r) => r.code)).toContain("revocation-not-checked");
    expect((await check("serveur-revoque", { crls: undefined, requireRevocation: true })).status).toBe("revocation-unknown");
  });

  it("untrusted: no intermediate sent, or another root", async () => {
    expect((await check("serveur-sans-intermediaire")).status).toBe("untrusted-issuer");
    expect((await check("serveur", { anchors: certs("ca/autre-racine.pem") })).status).toBe("untrusted-issuer");
    // Intermediates given as anchors work too (a user may pin the issuing CA).
    expect((await check("serveur-sans-intermediaire", { anchors: certs("ca/organisations.pem"), crls: undefined })).status).toBe("valid");
  });

  it("issuing CA: Élémentaire Organisations only, when asked", async () => {
    expect((await check("serveur-mauvaise-ac")).status).toBe("valid");
    const v = await check("serveur-mauvaise-ac", { expectedIssuerCn: TEST_SERVER_ISSUER_CN });
    expect(v.status).toBe("wrong-issuer-ca");
    expect(v.reasons[0]!.message).toMatch(/TEST AC IGC-SANTE ELEMENTAIRE PERSONNES/);
    expect((await check("serveur", { expectedIssuerCn: TEST_SERVER_ISSUER_CN })).status).toBe("valid");
    // The production pattern does not accept the TEST CAs.
    expect((await check("serveur", { expectedIssuerCn: SERVER_ISSUER_CN })).status).toBe("wrong-issuer-ca");
  });

  it("a personal (S/MIME) certificate is not a server certificate", async () => {
    const v = await checkServerChain([...certs("certs/jean-dupont-rsa.pem"), ...certs("ca/personnes.pem")], base());
    expect(v.status).toBe("wrong-key-usage");
  });

  it("white list: the DN must be listed for the domain", async () => {
    expect((await check("serveur", { allowedDns: [SERVER_DN], domain: "x.mssante.fr" })).status).toBe("valid");
    // Spaces after commas, as in one real entry, and case.
    const spaced = SERVER_DN.replaceAll(",", ", ").replace("OPERATEUR TEST", "Operateur Test");
    expect((await check("serveur", { allowedDns: [spaced], domain: "x.mssante.fr" })).status).toBe("valid");
    const other = await check("serveur", { allowedDns: ["CN=autre.mssante.fr,O=AUTRE,C=FR"], domain: "x.mssante.fr" });
    expect(other.status).toBe("not-whitelisted");
    expect(other.reasons[0]!.message).toMatch(/x\.mssante\.fr/);
    expect((await check("serveur", { allowedDns: [], domain: "inconnu.mssante.fr" })).status).toBe("not-whitelisted");
  });

  it("an empty chain is malformed", async () => {
    expect((await checkServerChain([], base())).status).toBe("malformed");
  });
});
