// S/MIME verification on the committed test PKI (scripts/make-test-pki.sh) and on messages built here.
import { describe, expect, it } from "vitest";
import { verifySmime, type SmimeOptions } from "../../src/core/pki/smime.ts";
import { parseCrls } from "../../src/core/pki/crl.ts";
import {
  AT,
  CONTENT,
  JEAN_HEADERS,
  ROOT,
  SIGNED_AT,
  allCrls,
  certs,
  dec,
  detachedMessage,
  enc,
  fixture,
  opaqueMessage,
  signCms,
} from "../fixtures/pki/helpers.ts";

const base = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
const verify = (path: string, o: Partial<SmimeOptions> = {}) => verifySmime(fixture(`mail/${path}`), { ...base(), ...o });
const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);

describe("verifySmime: good signatures", () => {
  it.each([
    ["good-rsa-detached.eml", "multipart/signed", "jean.dupont@medecin.mssante.fr"],
    ["good-rsa-opaque.eml", "application/pkcs7-mime", "jean.dupont@medecin.mssante.fr"],
    ["good-rsa-opaque-stream.eml", "application/pkcs7-mime", "jean.dupont@medecin.mssante.fr"],
    ["good-rsa-pss-detached.eml", "multipart/signed", "jean.dupont@medecin.mssante.fr"],
    ["good-rsa-keyid.eml", "multipart/signed", "jean.dupont@medecin.mssante.fr"],
    ["good-rsa-detached-lf.eml", "multipart/signed", "jean.dupont@medecin.mssante.fr"],
    ["good-ec-detached.eml", "multipart/signed", "marie.martin@chu-lyon.mssante.fr"],
    ["good-ec-opaque.eml", "application/pkcs7-mime", "marie.martin@chu-lyon.mssante.fr"],
  ])("%s is valid", async (file, format, email) => {
    const v = await verify(file);
    expect(v.reasons.filter((r) => r.severity === "error")).toEqual([]);
    expect(v).toMatchObject({ signed: true, valid: true, status: "valid", format });
    expect(v.signer?.email).toBe(email);
    expect(v.chain).toHaveLength(3);
    expect(v.signingTime).toBe(SIGNED_AT.toISOString());
    // What the add-on fetches to check revocation: the signer's CA CRL and the root's ARL.
    expect(v.crlDistributionPoints).toEqual(["http://igc-sante.test/CRL/ACI-EL-PER-TEST.crl", "http://igc-sante.test/CRL/ARL-TEST-ELEMENTAIRE.crl"]);
  });

  it("exposes the practitioner's national id from the subject serialNumber (RSA) or the CN prefix (ECDSA)", async () => {
    const rsa = await verify("good-rsa-detached.eml");
    expect(rsa.signer).toMatchObject({
      rppsOrIdNat: "810001234567",
      rppsOrIdNatSource: "subject.serialNumber",
      subject: "CN=JEAN DUPONT,GN=JEAN,SN=DUPONT,serialNumber=810001234567,OU=IGC-SANTE TEST,O=CABINET DR DUPONT,C=FR",
      issuer: "CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR",
    });
    expect(rsa.signatureAlgorithm).toBe("RSA PKCS#1 v1.5");
    const ec = await verify("good-ec-detached.eml");
    expect(ec.signer).toMatchObject({ rppsOrIdNat: "810009876543", rppsOrIdNatSource: "subject.CN" });
    expect(ec.signatureAlgorithm).toBe("ecdsa-with-SHA256");
    const untrusted = await verify("untrusted.eml");
    expect(untrusted.signer?.rppsOrIdNat).toBeUndefined();
  });

  it("accepts the old application/x-pkcs7-signature type", async () => {
    const text = dec(fixture("mail/good-rsa-detached.eml")).replaceAll("application/pkcs7-signature", "application/x-pkcs7-signature");
    const v = await verifySmime(new Uint8Array(Buffer.from(text, "latin1")), base());
    expect(v.status).toBe("valid");
  });

  it("verifies a signature without signed attributes (no signing time, said so)", async () => {
    const v = await verify("good-rsa-noattr.eml");
    expect(v.status).toBe("valid");
    expect(codes(v)).toContain("signing-time-missing");
  });

  it("verifies signatures made by pkijs (RSA and ECDSA, detached and opaque)", async () => {
    const headers = JEAN_HEADERS(SIGNED_AT);
    const rsa = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT });
    expect((await verifySmime(detachedMessage(headers, CONTENT, rsa), base())).status).toBe("valid");
    const opaque = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, opaque: true });
    expect((await verifySmime(opaqueMessage(headers, opaque), base())).status).toBe("valid");
    // Without smime-type, the CMS content type decides.
    expect((await verifySmime(opaqueMessage(headers, opaque, null), base())).status).toBe("valid");
    const ecHeaders = headers.replace("Dr Jean Dupont <jean.dupont@medecin.mssante.fr>", "marie.martin@chu-lyon.mssante.fr");
    const ec = await signCms({ content: CONTENT, signer: "marie-martin-ec", ec: true, signingTime: SIGNED_AT });
    expect((await verifySmime(detachedMessage(ecHeaders, CONTENT, ec), base())).status).toBe("valid");
  });

  it("accepts several anchors from one PEM file", async () => {
    // Eve's CA publishes no CRL here: revocation not checked.
    const v = await verify("untrusted.eml", { anchors: certs("ca/racine-et-autre.pem"), crls: undefined });
    expect(v.status).toBe("valid");
    expect((await verify("good-rsa-detached.eml", { anchors: certs("ca/racine-et-autre.pem") })).status).toBe("valid");
  });
});

describe("verifySmime: failures, one status each", () => {
  it("altered content", async () => {
    const v = await verify("altered.eml");
    expect(v).toMatchObject({ signed: true, valid: false, status: "altered" });
    expect(v.reasons[0]!.message).toMatch(/modifié après la signature/);
    expect(v.signer?.email).toBe("jean.dupont@medecin.mssante.fr");
  });

  it("altered content without signed attributes is a bad signature", async () => {
    const text = dec(fixture("mail/good-rsa-noattr.eml")).replace("voici le compte rendu", "voici LE compte rendu");
    const v = await verifySmime(new Uint8Array(Buffer.from(text, "latin1")), base());
    expect(v.status).toBe("bad-signature");
  });

  it("signer is not the sender (From), but Sender may match", async () => {
    const v = await verify("wrong-signer.eml");
    expect(v.status).toBe("signer-mismatch");
    expect(v.reasons[0]!.message).toContain("pierre.imposteur@medecin.mssante.fr");
    // No From nor Sender at all: nothing displayed to contradict, said as information.
    const noFrom = dec(fixture("mail/good-rsa-detached.eml")).replace(/^From: [^\r]*\r\n/m, "");
    const v2 = await verifySmime(new Uint8Array(Buffer.from(noFrom, "latin1")), base());
    expect(v2.status).toBe("valid");
    expect(codes(v2)).toContain("sender-missing");
    const withSender = dec(fixture("mail/wrong-signer.eml")).replace("To:", "Sender: <jean.dupont@medecin.mssante.fr>\r\nTo:");
    expect((await verifySmime(new Uint8Array(Buffer.from(withSender, "latin1")), base())).status).toBe("valid");
  });

  it("expired certificate, at signing time and now", async () => {
    const v = await verify("expired.eml");
    expect(v.status).toBe("expired");
    expect(v.reasons.map((r) => r.message).join(" ")).toMatch(/a expiré le 01\/01\/2022 \(à la date de signature\)/);
  });

  it("certificate not yet valid at the verification time", async () => {
    const v = await verify("good-rsa-detached.eml", { at: new Date("2024-06-01T00:00:00Z") });
    expect(v.status).toBe("not-yet-valid");
  });

  it("revoked certificate (CRL), and what happens without a usable CRL", async () => {
    const revoked = await verify("revoked.eml");
    expect(revoked.status).toBe("revoked");
    expect(revoked.reasons[0]!.message).toMatch(/révoqué le 01\/06\/2025 \(motif : compromission de la clé\)/);
    // No CRL given: revocation not checked, said so.
    const unchecked = await verify("revoked.eml", { crls: undefined });
    expect(unchecked.status).toBe("valid");
    expect(codes(unchecked)).toContain("revocation-not-checked");
    // Required but missing, or given but none for this issuer: unknown.
    expect((await verify("revoked.eml", { crls: undefined, requireRevocation: true })).status).toBe("revocation-unknown");
    expect((await verify("revoked.eml", { crls: [] })).status).toBe("revocation-unknown");
    expect((await verify("revoked.eml", { crls: parseCrls(fixture("crl/organisations.crl")) })).status).toBe("revocation-unknown");
    // A good certificate with the CRLs: valid.
    expect((await verify("good-rsa-detached.eml")).reasons).toEqual([]);
  });

  it("a CRL signed by someone else is ignored", async () => {
    // faux-personnes.crl: PERSONNES's name, another key, Luc not listed.
    const fake = parseCrls(fixture("crl/faux-personnes.crl"));
    const v = await verify("revoked.eml", { crls: fake });
    expect(v.status).toBe("revocation-unknown");
    expect(codes(v)).toContain("crl-invalid");
    expect((await verify("revoked.eml", { crls: [...fake, ...allCrls()] })).status).toBe("revoked");
  });

  it("a revocation dated after the verification time does not count", async () => {
    // Revoked 2025-06-01 (CRL of 2025-07-01); verified at 2025-03-01, when it was not yet revoked.
    const v = await verify("revoked.eml", { at: new Date("2025-03-01T00:00:00Z") });
    expect(v.status).toBe("valid");
    expect(codes(v)).toContain("revoked-later");
  });

  it("content signed as stored (openssl -binary, bare LF) verifies too", async () => {
    const content = enc("Content-Type: text/plain\n\nligne 1\nligne 2\n");
    const cms = await signCms({ content, signer: "jean-dupont-rsa", signingTime: SIGNED_AT });
    const msg = dec(detachedMessage(JEAN_HEADERS(SIGNED_AT), content, cms));
    expect((await verifySmime(enc(msg), base())).status).toBe("valid");
    expect((await verifySmime(enc(msg.replace("ligne 2", "ligne 3")), base())).status).toBe("altered");
  });

  it("untrusted root", async () => {
    const v = await verify("untrusted.eml");
    expect(v.status).toBe("untrusted-issuer");
    expect(v.reasons[0]!.message).toMatch(/n'est pas une autorité de confiance/);
    // The right chain, but anchored on another root only.
    expect((await verify("good-rsa-detached.eml", { anchors: certs("ca/autre-racine.pem") })).status).toBe("untrusted-issuer");
  });

  it("SHA-1 is a weak algorithm", async () => {
    const v = await verify("sha1-rsa-detached.eml");
    expect(v.status).toBe("weak-algorithm");
    expect(v.digestAlgorithm).toBe("SHA-1");
  });

  it("future signing time: more than an hour from the Date header", async () => {
    const v = await verify("future-signing-time.eml");
    expect(v.status).toBe("signing-time-mismatch");
    // pkijs-made: signing time 2 h after Date; 30 min is tolerated.
    const content = CONTENT;
    const late = await signCms({ content, signer: "jean-dupont-rsa", signingTime: new Date(SIGNED_AT.getTime() + 2 * 3600_000) });
    expect((await verifySmime(detachedMessage(JEAN_HEADERS(SIGNED_AT), content, late), base())).status).toBe("signing-time-mismatch");
    const near = await signCms({ content, signer: "jean-dupont-rsa", signingTime: new Date(SIGNED_AT.getTime() + 30 * 60_000) });
    expect((await verifySmime(detachedMessage(JEAN_HEADERS(SIGNED_AT), content, near), base())).status).toBe("valid");
  });

  it("future signing time without a Date header: compared with the verification time", async () => {
    const future = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: new Date("2030-01-01T00:00:00Z") });
    const headers = "From: jean.dupont@medecin.mssante.fr\r\n";
    const v = await verifySmime(detachedMessage(headers, CONTENT, future), base());
    expect(v.status).toBe("signing-time-mismatch");
    expect(v.reasons[0]!.message).toMatch(/dans le futur/);
  });

  it("nested signature is refused", async () => {
    const v = await verify("nested.eml");
    expect(v.status).toBe("nested-signature");
  });

  it("encrypted message is reported as such", async () => {
    const v = await verify("encrypted.eml");
    expect(v).toMatchObject({ signed: false, valid: false, status: "encrypted", signer: null });
  });

  it("unsigned message", async () => {
    const v = await verify("not-signed.eml");
    expect(v).toMatchObject({ signed: false, valid: false, status: "not-signed", signer: null });
  });

  it("a signed part inside multipart/mixed does not sign the message", async () => {
    const signed = dec(fixture("mail/good-rsa-detached.eml"));
    const inner = signed.slice(signed.indexOf("MIME-Version"));
    const msg = `From: jean.dupont@medecin.mssante.fr\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nPied de page de liste\r\n--XX\r\n${inner}\r\n--XX--\r\n`;
    const v = await verifySmime(new Uint8Array(Buffer.from(msg, "latin1")), base());
    expect(v.status).toBe("not-signed");
    expect(codes(v)).toContain("signed-part-only");
  });

  it("certificate without emailProtection", async () => {
    const v = await verify("wrong-key-usage.eml");
    expect(v.status).toBe("wrong-key-usage");
  });

  it("signer certificate not attached", async () => {
    const v = await verify("no-signer-cert.eml");
    expect(v.status).toBe("bad-signature");
    expect(v.signer).toBeNull();
  });

  it("signature made with another key", async () => {
    // Luc's key, Jean's certificate named as signer.
    const forged = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", key: "luc-bernard-revoque", signingTime: SIGNED_AT });
    const v = await verifySmime(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, forged), base());
    expect(v.status).toBe("bad-signature");
    expect(v.signer?.email).toBe("jean.dupont@medecin.mssante.fr");
  });

  it("reasons are sorted: the first explains the status, errors before information", async () => {
    const v = await verify("expired.eml", { crls: undefined, anchors: certs("ca/autre-racine.pem") });
    expect(v.status).toBe("untrusted-issuer");
    expect(v.reasons[0]!.code).toBe("untrusted-issuer");
    expect(codes(v)).toContain("expired");
    const sev = v.reasons.map((r) => ["error", "warning", "info"].indexOf(r.severity));
    expect([...sev].sort((x, y) => x - y)).toEqual(sev);
  });

  it("verification time defaults to now", async () => {
    const v = await verifySmime(enc("Subject: x\r\n\r\nhello"), { anchors: ROOT() });
    expect(Math.abs(Date.parse(v.checkedAt) - Date.now())).toBeLessThan(60_000);
  });
});
