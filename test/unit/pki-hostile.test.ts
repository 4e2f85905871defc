// Hostile inputs: broken DER, absurd sizes and depths, broken MIME. Each must give a clear status
// (malformed / unsupported / not-signed), quickly, and never throw.
import { describe, expect, it } from "vitest";
import { verifySmime, type SmimeOptions, type SmimeVerdict } from "../../src/core/pki/smime.ts";
import { parseCertificates } from "../../src/core/pki/certificate.ts";
import { parseCrls } from "../../src/core/pki/crl.ts";
import { PkiDecodeError } from "../../src/core/pki/der.ts";
import { STATUS_PRECEDENCE } from "../../src/core/pki/reasons.ts";
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
  opaqueMessage,
  pkijsCert,
  signCms,
  withSignature,
} from "../fixtures/pki/helpers.ts";

const base = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
const good = () => fixture("mail/good-rsa-detached.eml");

async function timed(message: Uint8Array, limitMs = 3000): Promise<SmimeVerdict> {
  const t0 = performance.now();
  const v = await verifySmime(message, base());
  expect(performance.now() - t0).toBeLessThan(limitMs);
  expect(STATUS_PRECEDENCE).toContain(v.status);
  expect(v.reasons.every((r) => typeof r.message === "string" && r.message.length > 0)).toBe(true);
  return v;
}

/** DER TLV with a definite length. */
function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + len.length + n);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const OID_SIGNED = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const OID_DATA = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);

/** ContentInfo(SignedData) whose certificates [0] holds `certs` (raw bytes) and no signer. */
function signedDataWith(certs: Uint8Array): Uint8Array {
  const sd = tlv(0x30, cat(Uint8Array.from([2, 1, 1]), tlv(0x31, new Uint8Array()), tlv(0x30, OID_DATA), tlv(0xa0, certs), tlv(0x31, new Uint8Array())));
  return tlv(0x30, cat(OID_SIGNED, tlv(0xa0, sd)));
}

describe("hostile DER", { timeout: 60_000 }, () => {
  it("truncated signature", async () => {
    const der = detachedSignatureDer(good());
    const v = await timed(withSignature(good(), der.subarray(0, der.length >> 1)));
    expect(v).toMatchObject({ signed: true, valid: false, status: "malformed" });
  });

  it("truncated opaque message (base64 cut in the middle)", async () => {
    const msg = fixture("mail/good-rsa-opaque.eml");
    const v = await timed(msg.subarray(0, Math.floor(msg.length * 0.6)));
    expect(["malformed"]).toContain(v.status);
  });

  it("wrong outer length, longer or shorter than the data", async () => {
    const der = detachedSignatureDer(good());
    expect(der[0]).toBe(0x30);
    expect(der[1]).toBe(0x82);
    for (const delta of [+10, -10, +0x4000]) {
      const bad = Uint8Array.from(der);
      const n = ((der[2]! << 8) | der[3]!) + delta;
      bad[2] = (n >> 8) & 0xff;
      bad[3] = n & 0xff;
      const v = await timed(withSignature(good(), bad));
      expect(v.status).toBe("malformed");
    }
  });

  it("wrong inner lengths anywhere do not crash", async () => {
    const der = detachedSignatureDer(good());
    // Bytes of the first 200 (headers, lengths, OIDs, SignedData.digestAlgorithms, the first
    // certificate), bumped: every one of them is checked, so none may leave the signature valid.
    for (let i = 1; i < 200; i += 7) {
      const bad = Uint8Array.from(der);
      bad[i] = (bad[i]! + 3) & 0xff;
      const v = await timed(withSignature(good(), bad));
      expect([i, v.valid]).toEqual([i, false]);
    }
  });

  it("length of length too large (5 bytes) and indefinite primitive", async () => {
    const v1 = await timed(withSignature(good(), Uint8Array.from([0x30, 0x85, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00])));
    expect(v1.status).toBe("malformed");
    const v2 = await timed(withSignature(good(), Uint8Array.from([0x04, 0x80, 0x01, 0x02, 0x00, 0x00])));
    expect(["malformed", "unsupported"]).toContain(v2.status);
  });

  it("huge SET (300,000 elements) is refused quickly", async () => {
    const nulls = new Uint8Array(600_000);
    for (let i = 0; i < nulls.length; i += 2) nulls[i] = 0x05;
    const v = await timed(withSignature(good(), signedDataWith(nulls)));
    expect(v.status).toBe("unsupported");
  });

  it("too many certificates attached", async () => {
    const cert = pkijsCert("certs/jean-dupont-rsa.pem");
    const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, attach: Array(60).fill(cert) });
    const v = await timed(detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms));
    expect(v.status).toBe("unsupported");
    expect(v.reasons[0]!.message).toMatch(/trop de certificats/);
  });

  it("deeply nested DER", async () => {
    const depth = 20_000;
    const deep = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) {
      deep[2 * i] = 0x30;
      deep[2 * i + 1] = 0x80;
    }
    const v = await timed(withSignature(good(), deep));
    expect(["malformed", "unsupported"]).toContain(v.status);
  });

  it("random bit flips in the signature never crash nor validate the unsignable", async () => {
    const der = detachedSignatureDer(good());
    expect((await timed(good())).valid).toBe(true);
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    for (let k = 0; k < 150; k++) {
      const bad = Uint8Array.from(der);
      const i = rnd() % bad.length;
      const bit = rnd() % 8;
      bad[i] = bad[i]! ^ (1 << bit);
      const v = await timed(withSignature(good(), bad));
      // Every byte of the CMS is covered by a check (signature, digest, structure, versions,
      // algorithm agreement): a flipped signature is never valid, and says why.
      expect([i, bit, v.valid, v.status]).toEqual([i, bit, false, v.reasons[0]!.code]);
      expect(v.reasons[0]!.severity).toBe("error");
    }
  });

  it("not a CMS at all, or other CMS types", async () => {
    expect((await timed(withSignature(good(), enc("hello world")))).status).toBe("malformed");
    const certsOnly = opaqueMessage(JEAN_HEADERS(SIGNED_AT), signedDataWith(new Uint8Array()), "certs-only");
    expect((await timed(certsOnly)).status).toBe("unsupported");
    const compressed = opaqueMessage(JEAN_HEADERS(SIGNED_AT), signedDataWith(new Uint8Array()), "compressed-data");
    expect((await timed(compressed)).status).toBe("unsupported");
    // A SignedData without any signer (degenerate, "certs-only" in disguise).
    expect((await timed(opaqueMessage(JEAN_HEADERS(SIGNED_AT), signedDataWith(new Uint8Array())))).status).toBe("malformed");
  });

  it("certificate and CRL parsers throw typed errors", () => {
    const cert = fixture("certs/jean-dupont-rsa.pem");
    const der = new Uint8Array(Buffer.from(dec(cert).replace(/-----[^-]+-----|\s/g, ""), "base64"));
    expect(() => parseCertificates(der.subarray(0, 300))).toThrow(PkiDecodeError);
    const crl = fixture("crl/personnes.crl");
    expect(() => parseCrls(crl.subarray(0, crl.length - 5))).toThrow(PkiDecodeError);
    expect(parseCertificates(enc("not a certificate"))).toEqual([]);
  });

  it("corrupted CRLs and certificates: a typed error or a value, nothing else", () => {
    const crl = fixture("crl/personnes.crl");
    const cert = new Uint8Array(Buffer.from(dec(fixture("certs/jean-dupont-rsa.pem")).replace(/-----[^-]+-----|\s/g, ""), "base64"));
    let seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    for (const [data, parse] of [
      [crl, parseCrls],
      [cert, parseCertificates],
    ] as const) {
      for (let k = 0; k < 300; k++) {
        const bad = Uint8Array.from(data);
        const i = rnd() % bad.length;
        bad[i] = rnd() & 0xff;
        try {
          parse(bad);
        } catch (err) {
          expect(err).toBeInstanceOf(PkiDecodeError);
        }
      }
    }
  });
});

describe("hostile MIME", { timeout: 60_000 }, () => {
  it("deeply nested multiparts (10,000 levels)", async () => {
    let body = "x\r\n";
    for (let i = 0; i < 10_000; i++) body = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--\r\n`;
    const v = await timed(enc(`From: a@b.fr\r\n${body}`));
    expect(v.status).toBe("unsupported");
    expect(v.valid).toBe(false);
  });

  it("deep nesting inside a signed message", async () => {
    let inner = "Content-Type: text/plain\r\n\r\nx\r\n";
    for (let i = 0; i < 100; i++) inner = `Content-Type: multipart/mixed; boundary=n${i}\r\n\r\n--n${i}\r\n${inner}\r\n--n${i}--\r\n`;
    const content = enc(inner);
    const cms = await signCms({ content, signer: "jean-dupont-rsa", signingTime: SIGNED_AT });
    const v = await timed(detachedMessage(JEAN_HEADERS(SIGNED_AT), content, cms));
    expect(v.status).toBe("unsupported");
  });

  it("100,000 parts", async () => {
    const parts = Array.from({ length: 100_000 }, () => "--p\r\n\r\nx\r\n").join("");
    const v = await timed(enc(`Content-Type: multipart/mixed; boundary=p\r\n\r\n${parts}--p--\r\n`));
    expect(v.status).toBe("unsupported");
  });

  it("gigantic header (4 MB)", async () => {
    const text = dec(good());
    const v = await timed(enc(`X-Junk: ${"a".repeat(4 * 1024 * 1024)}\r\n${text}`));
    expect(v.status).toBe("unsupported");
    expect(v.reasons[0]!.message).toMatch(/En-têtes trop volumineux/);
  });

  it("broken multipart/signed structures", async () => {
    const noBoundary = enc('Content-Type: multipart/signed; protocol="application/pkcs7-signature"\r\n\r\nhello\r\n');
    expect(await timed(noBoundary)).toMatchObject({ signed: true, status: "malformed" });
    const onePart = enc('Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=z\r\n\r\n--z\r\n\r\nhello\r\n--z--\r\n');
    expect((await timed(onePart)).status).toBe("malformed");
    const badBase64 = dec(good()).replace(/(Content-Transfer-Encoding: base64\r\nContent-Disposition[^\r]*\r\n\r\n)MII/, "$1!!!");
    expect((await timed(enc(badBase64))).status).toBe("malformed");
    const badOpaque = enc("Content-Type: application/pkcs7-mime; smime-type=signed-data\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n");
    expect(await timed(badOpaque)).toMatchObject({ signed: true, status: "malformed" });
  });

  it("a multipart/signed of another protocol (OpenPGP)", async () => {
    const pgp = enc('Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary=z\r\n\r\n--z\r\n\r\nhello\r\n--z\r\nContent-Type: application/pgp-signature\r\n\r\nxx\r\n--z--\r\n');
    expect(await timed(pgp)).toMatchObject({ signed: true, status: "unsupported" });
  });

  it("empty input, binary garbage, NUL bytes", async () => {
    expect((await timed(new Uint8Array())).status).toBe("not-signed");
    const garbage = new Uint8Array(100_000);
    let seed = 7;
    for (let i = 0; i < garbage.length; i++) garbage[i] = (seed = (seed * 16807) % 2147483647) & 0xff;
    expect((await timed(garbage)).valid).toBe(false);
    expect((await timed(enc("From: a@b.fr\0\r\nContent-Type: multipart/signed\0\r\n\r\n\0\0"))).valid).toBe(false);
  });

  it("message over the size limit", async () => {
    const v = await verifySmime(new Uint8Array(2048), { ...base(), maxMessageBytes: 1024 });
    expect(v.status).toBe("unsupported");
  });
});
