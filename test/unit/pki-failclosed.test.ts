// Fail closed: whatever the verifier cannot compute, cannot parse or finds ambiguous is never
// `valid`. Each case is a real signature changed without its private key (an OID swapped, a field
// dropped, a signer added): the forger's tools.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/pki/certificate.ts";
import { parseCrl } from "../../src/core/pki/crl.ts";
import { PkiDecodeError } from "../../src/core/pki/der.ts";
import { verifySmime, type SmimeOptions, type SmimeVerdict } from "../../src/core/pki/smime.ts";
import {
  AT,
  CONTENT,
  JEAN_HEADERS,
  ROOT,
  SIGNED_AT,
  allCrls,
  dec,
  detachedMessage,
  detachedSignatureDer,
  enc,
  fixture,
  issueCertificate,
  oidDer,
  pkijsCert,
  opaqueMessage,
  replaceBytes,
  rewriteSignedData,
  signCms,
  withSignature,
} from "../fixtures/pki/helpers.ts";

const base = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
const verify = (msg: Uint8Array) => verifySmime(msg, base());
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

const SHA256 = "2.16.840.1.101.3.4.2.1";
const SHA384 = "2.16.840.1.101.3.4.2.2";
const SHA512 = "2.16.840.1.101.3.4.2.3";
const SHA224 = "2.16.840.1.101.3.4.2.4";
const UNKNOWN_DIGEST = "2.16.840.1.101.3.4.2.99";
const MD5 = "1.2.840.113549.2.5";
const SHA1 = "1.3.14.3.2.26";
const MGF1 = "1.2.840.113549.1.1.8";

function expectRefused(v: SmimeVerdict, status: string | string[]): void {
  expect(v.valid).toBe(false);
  expect(Array.isArray(status) ? status : [status]).toContain(v.status);
  // The first reason explains the status, in French, with its code.
  expect(v.reasons[0]!.code).toBe(v.status);
  expect(v.reasons[0]!.severity).toBe("error");
  expect(v.reasons[0]!.message.length).toBeGreaterThan(10);
}

/** A detached fixture whose CMS has one OID swapped for another of the same length, content rewritten. */
function forgedDetached(file: string, from: string, to: string, rewrite: [string, string] | null): Uint8Array {
  const msg = fixture(`mail/${file}`);
  const der = replaceBytes(detachedSignatureDer(msg), oidDer(from), oidDer(to));
  let text = dec(withSignature(msg, der));
  if (rewrite) {
    expect(text).toContain(rewrite[0]);
    text = text.replace(rewrite[0], rewrite[1]);
  }
  return latin1(text);
}

describe("digest algorithms we cannot compute are unsupported, never skipped", () => {
  it("SHA-256 → SHA-224 in a real RSA signature, content rewritten: not valid (review case)", async () => {
    const v = await verify(forgedDetached("good-rsa-detached.eml", SHA256, SHA224, ["voici le compte rendu", "voici un FAUX compte rendu"]));
    expectRefused(v, "unsupported");
    expect(v.reasons[0]!.message).toMatch(/SHA-224/);
  });

  it("the same on an ECDSA signature (ecdsa-with-SHA256 names its own hash)", async () => {
    const v = await verify(forgedDetached("good-ec-detached.eml", SHA256, SHA224, ["analyses en pi", "analyses FAUSSES en pi"]));
    expectRefused(v, "unsupported");
  });

  it("SHA-224 swap even without rewriting the content", async () => {
    for (const file of ["good-rsa-detached.eml", "good-ec-detached.eml", "good-rsa-pss-detached.eml", "good-rsa-noattr.eml"]) {
      const v = await verify(forgedDetached(file, SHA256, SHA224, null));
      expectRefused(v, "unsupported");
    }
  });

  it("SHA-224 swap in an opaque signature, encapsulated content rewritten", async () => {
    const msg = fixture("mail/good-rsa-opaque.eml");
    const text = dec(msg);
    const b64 = /\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)$/.exec(text)!;
    const der = new Uint8Array(Buffer.from(b64[1]!.replace(/\s+/g, ""), "base64"));
    const swapped = replaceBytes(der, oidDer(SHA256), oidDer(SHA224));
    const forged = rewriteSignedData(swapped, (sd) => {
      const body = dec(new Uint8Array(sd.encapContentInfo.eContent!.getValue())).replace("voici le compte rendu", "voici un FAUX compte rendu");
      sd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: latin1(body).buffer as ArrayBuffer });
    });
    const v = await verify(opaqueMessage(JEAN_HEADERS(SIGNED_AT), forged));
    expectRefused(v, "unsupported");
  });

  it("an unknown digest OID, MD5 and SHA-1 are never valid either", async () => {
    expectRefused(await verify(forgedDetached("good-rsa-detached.eml", SHA256, UNKNOWN_DIGEST, ["voici le", "voilà le"])), "unsupported");
    for (const oid of [MD5, SHA1]) {
      const der = rewriteSignedData(detachedSignatureDer(fixture("mail/good-rsa-detached.eml")), (sd) => {
        sd.digestAlgorithms = [new pkijs.AlgorithmIdentifier({ algorithmId: oid })];
        sd.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: oid });
      });
      const v = await verify(withSignature(fixture("mail/good-rsa-detached.eml"), der));
      expectRefused(v, oid === MD5 ? "unsupported" : ["altered", "unsupported", "weak-algorithm"]);
      expect(v.reasons.map((r) => r.code)).toContain(oid === MD5 ? "unsupported" : "weak-algorithm");
    }
  });

  it("a digest we can compute but which is not the one signed: the digest no longer matches", async () => {
    for (const oid of [SHA384, SHA512]) {
      expectRefused(await verify(forgedDetached("good-rsa-detached.eml", SHA256, oid, null)), ["altered", "unsupported", "bad-signature"]);
    }
  });
});

describe("signer infos: several, missing parts, disagreeing fields", () => {
  const good = () => fixture("mail/good-rsa-detached.eml");
  const goodDer = () => detachedSignatureDer(good());

  it("the re-encoding used below keeps a good signature valid", async () => {
    const same = rewriteSignedData(goodDer(), () => {});
    expect((await verify(withSignature(good(), same))).status).toBe("valid");
  });

  it("a second, forged SignerInfo next to a good one: never valid", async () => {
    for (const position of ["after", "before"] as const) {
      const der = rewriteSignedData(goodDer(), (sd) => {
        const genuine = sd.signerInfos[0]!;
        const forged = new pkijs.SignerInfo({ schema: genuine.toSchema() });
        const sig = Uint8Array.from(forged.signature.valueBlock.valueHexView);
        sig[10] = sig[10]! ^ 0xff;
        forged.signature = new asn1js.OctetString({ valueHex: sig.buffer as ArrayBuffer });
        sd.signerInfos = position === "after" ? [genuine, forged] : [forged, genuine];
      });
      const v = await verify(withSignature(good(), der));
      expectRefused(v, ["unsupported", "bad-signature"]);
    }
  });

  it("two genuine SignerInfos: ambiguous, refused as unsupported with the reason", async () => {
    const der = rewriteSignedData(goodDer(), (sd) => {
      sd.signerInfos = [sd.signerInfos[0]!, new pkijs.SignerInfo({ schema: sd.signerInfos[0]!.toSchema() })];
    });
    const v = await verify(withSignature(good(), der));
    expectRefused(v, "unsupported");
    expect(v.reasons.map((r) => r.code)).toContain("multiple-signers");
  });

  it("SignedData.digestAlgorithms disagreeing with the SignerInfo", async () => {
    for (const list of [[SHA512], [SHA256, SHA512], [], [UNKNOWN_DIGEST]]) {
      const der = rewriteSignedData(goodDer(), (sd) => {
        sd.digestAlgorithms = list.map((algorithmId) => new pkijs.AlgorithmIdentifier({ algorithmId }));
      });
      expectRefused(await verify(withSignature(good(), der)), ["unsupported", "malformed"]);
    }
  });

  it("digest algorithm with unexpected parameters", async () => {
    const der = rewriteSignedData(goodDer(), (sd) => {
      sd.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: SHA256, algorithmParams: new asn1js.Integer({ value: 7 }) });
    });
    expectRefused(await verify(withSignature(good(), der)), ["unsupported", "malformed"]);
  });

  it("signature algorithm unknown, or with unexpected parameters", async () => {
    for (const alg of [
      new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.99", algorithmParams: new asn1js.Null() }),
      new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.1", algorithmParams: new asn1js.Integer({ value: 1 }) }),
      new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.13", algorithmParams: new asn1js.Null() }), // sha512WithRSA vs SHA-256 digest
    ]) {
      const der = rewriteSignedData(goodDer(), (sd) => {
        sd.signerInfos[0]!.signatureAlgorithm = alg;
      });
      expectRefused(await verify(withSignature(good(), der)), ["unsupported", "bad-signature"]);
    }
  });

  it("messageDigest or contentType signed attribute missing", async () => {
    for (const omit of ["1.2.840.113549.1.9.4", "1.2.840.113549.1.9.3"]) {
      const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, omitSignedAttributes: [omit] });
      expectRefused(await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms)), ["malformed", "unsupported"]);
    }
  });

  it("a detached signature that also encapsulates a content: ambiguous", async () => {
    const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, opaque: true });
    expectRefused(await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms)), ["unsupported", "malformed"]);
  });

  it("eContentType other than data, or disagreeing with the contentType attribute", async () => {
    const der = replaceBytes(goodDer(), Uint8Array.from([0x30, 0x0b, ...oidDer("1.2.840.113549.1.7.1")]), Uint8Array.from([0x30, 0x0b, ...oidDer("1.2.840.113549.1.7.5")]));
    expectRefused(await verify(withSignature(good(), der)), ["unsupported", "malformed"]);
    const cms = await signCms({
      content: CONTENT,
      signer: "jean-dupont-rsa",
      signingTime: SIGNED_AT,
      omitSignedAttributes: ["1.2.840.113549.1.9.3"],
      extraSignedAttributes: [new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.5" })] })],
    });
    expectRefused(await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms)), ["unsupported", "malformed"]);
  });

  it("CMSAlgorithmProtection (RFC 6211) naming other algorithms than the SignerInfo", async () => {
    const protection = (digest: string, sig: string) =>
      new pkijs.Attribute({
        type: "1.2.840.113549.1.9.52",
        values: [
          new asn1js.Sequence({
            value: [
              new pkijs.AlgorithmIdentifier({ algorithmId: digest }).toSchema(),
              new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.ObjectIdentifier({ value: sig })] }),
            ],
          }),
        ],
      });
    const ok = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, extraSignedAttributes: [protection(SHA256, "1.2.840.113549.1.1.11")] });
    expect((await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, ok))).status).toBe("valid");
    for (const [d, s] of [
      [SHA224, "1.2.840.113549.1.1.11"],
      [SHA256, "1.2.840.113549.1.1.10"],
      [SHA256, "1.2.840.113549.1.1.1"],
    ] as const) {
      const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, extraSignedAttributes: [protection(d, s)] });
      expectRefused(await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms)), ["bad-signature", "unsupported", "malformed"]);
    }
  });
});

describe("RSASSA-PSS parameters are checked, not assumed", () => {
  const pss = () => fixture("mail/good-rsa-pss-detached.eml");
  it("the PSS fixture is valid", async () => {
    expect((await verify(pss())).status).toBe("valid");
  });
  it("mask generation function other than MGF1, same parameters: unsupported", async () => {
    const der = replaceBytes(detachedSignatureDer(pss()), oidDer(MGF1), oidDer("1.2.840.113549.1.1.9"));
    expectRefused(await verify(withSignature(pss(), der)), "unsupported");
  });
  it("PSS hash swapped to SHA-224 (and MGF1 hash with it)", async () => {
    const der = replaceBytes(detachedSignatureDer(pss()), oidDer(SHA256), oidDer(SHA224));
    expectRefused(await verify(withSignature(pss(), der)), "unsupported");
  });
  it("PSS parameters absent or unreadable", async () => {
    for (const params of [undefined, new asn1js.Integer({ value: 3 })]) {
      const der = rewriteSignedData(detachedSignatureDer(pss()), (sd) => {
        sd.signerInfos[0]!.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.10", ...(params ? { algorithmParams: params } : {}) });
      });
      expectRefused(await verify(withSignature(pss(), der)), ["unsupported", "bad-signature", "malformed"]);
    }
  });
});

describe("rewritten content under a real signature is never valid", () => {
  it("good signatures with the signed text changed", async () => {
    for (const file of ["good-rsa-detached.eml", "good-ec-detached.eml", "good-rsa-pss-detached.eml", "good-rsa-keyid.eml", "good-rsa-noattr.eml"]) {
      const text = dec(fixture(`mail/${file}`));
      const changed = text.replace(/Bonjour, /, "Bonjour! ");
      expect(changed).not.toBe(text);
      expect((await verify(enc(changed))).valid).toBe(false);
    }
  });
});

describe("certificate and CRL signatures", () => {
  const SHA256_RSA = "1.2.840.113549.1.1.11";
  const SHA512_RSA = "1.2.840.113549.1.1.13";

  it("a certificate whose outer algorithm differs from the signed one is not a link of the path", async () => {
    const jean = pkijsCert("certs/jean-dupont-rsa.pem");
    for (const outer of ["1.2.840.113549.1.1.1", SHA512_RSA]) {
      const changed = pkijs.Certificate.fromBER(jean.toSchema(true).toBER(false));
      changed.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: outer, algorithmParams: new asn1js.Null() });
      const reencoded = pkijs.Certificate.fromBER(changed.toSchema(false).toBER(false));
      const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, signerCert: reencoded, attach: [reencoded, pkijsCert("ca/personnes.pem")] });
      const v = await verify(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms));
      expectRefused(v, ["unsupported", "untrusted-issuer"]);
    }
  });

  it("an end-entity with an unknown critical extension, even trusted directly as an anchor", async () => {
    const { cert, der } = await issueCertificate({
      issuer: "personnes",
      keyOf: "jean-dupont-rsa",
      commonName: "JEAN DUPONT",
      serial: 0x7001,
      email: "jean.dupont@medecin.mssante.fr",
      keyUsage: ["digitalSignature", "nonRepudiation"],
      extKeyUsage: ["1.3.6.1.5.5.7.3.4"],
      extensions: [new pkijs.Extension({ extnID: "1.3.6.1.4.1.99999.1", critical: true, extnValue: new asn1js.Null().toBER(false) })],
    });
    const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, signerCert: cert, attach: [cert, pkijsCert("ca/personnes.pem")] });
    const msg = detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms);
    expectRefused(await verify(msg), "unsupported");
    const direct = await verifySmime(msg, { anchors: [parseCertificate(der)], at: AT });
    expectRefused(direct, "unsupported");
    expect(direct.reasons[0]!.message).toMatch(/extension critique/);
  });

  it("a CRL whose outer algorithm differs from the signed one does not parse", () => {
    const crl = fixture("crl/personnes.crl");
    // The outer AlgorithmIdentifier is the last occurrence of the OID (after tbsCertList).
    const from = oidDer(SHA256_RSA);
    let at = -1;
    for (let i = crl.length - from.length; i >= 0 && at < 0; i--) if (from.every((b, k) => crl[i + k] === b)) at = i;
    const bad = Uint8Array.from(crl);
    bad.set(oidDer(SHA512_RSA), at);
    expect(() => parseCrl(crl)).not.toThrow();
    expect(() => parseCrl(bad)).toThrow(PkiDecodeError);
  });

  it("a CRL signed with an algorithm we cannot check is ignored, and says why", async () => {
    const crl = replaceBytes(fixture("crl/personnes.crl"), oidDer(SHA256_RSA), oidDer("1.2.840.113549.1.1.14")); // sha224WithRSAEncryption
    const v = await verifySmime(fixture("mail/revoked.eml"), { ...base(), crls: [parseCrl(crl), ...allCrls().filter((c) => c.issuer.includes("RACINE"))] });
    expectRefused(v, "revocation-unknown");
    expect(v.warnings.map((w) => w.message).join(" ")).toMatch(/non vérifiable/);
  });
});
