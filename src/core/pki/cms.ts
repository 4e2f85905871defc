// CMS (RFC 5652) structures of S/MIME: ContentInfo, SignedData and its signers, decoded within
// limits. Verification itself (digests, signatures, policy) is in smime.ts.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { BytesCache, pkiCachesEnabled } from "./cache.ts";
import { parseCertificate, type CertInfo } from "./certificate.ts";
import { msg, type Text } from "../i18n.ts";
import { PkiDecodeError, decodeError, SMALL_LIMITS, bytesEqual, checkBerStructure, concatBytes, decodeBer, decodeOid, readTlv, tlvChildren, toHex, type DerLimits, type Tlv } from "./der.ts";

export const CT = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  authEnvelopedData: "1.2.840.113549.1.9.16.1.23",
  compressedData: "1.2.840.113549.1.9.16.1.9",
} as const;

export const ATTR = {
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  /** RFC 6211: the digest and signature algorithms, inside the signed attributes. */
  algorithmProtection: "1.2.840.113549.1.9.52",
} as const;

/** Upper bounds on what one SignedData may hold; real S/MIME uses 1 signer and a handful of certificates. */
const MAX_SIGNERS = 8;
const MAX_CERTIFICATES = 50;
const MAX_ATTRIBUTES = 64;
const MAX_DIGEST_ALGORITHMS = 16;
const MAX_CONTENT_CHUNKS = 100_000;

export interface ParsedContentInfo {
  contentType: string;
  der: Uint8Array;
  /** The content ([0] EXPLICIT), located but not decoded; null when absent. */
  content: Tlv | null;
  limits: DerLimits;
}

const CMS = msg("pkiWhatCms");
const malformed = (why: Text) => decodeError("malformed", CMS, why);
const unsupported = (why: Text) => decodeError("unsupported", CMS, why);
const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const OID = 0x06;
const CONTEXT_0 = 0xa0;
const CONTEXT_1 = 0xa1;

/** ContentInfo (RFC 5652 §3): checked for structure (O(n), checkBerStructure), its content only located. */
export function parseContentInfo(der: Uint8Array, limits: DerLimits): ParsedContentInfo {
  if (der.length === 0) throw malformed(msg("pkiWhyEmpty"));
  if (der.length > limits.maxBytes) throw unsupported(msg("pkiWhyTooLarge", String(der.length)));
  checkBerStructure(der, limits, CMS);
  const top = readTlv(der, 0);
  const kids = top.tag === SEQUENCE ? tlvChildren(der, top) : [];
  const oid = kids[0]?.tag === OID ? decodeOid(der.subarray(kids[0].contentStart, kids[0].contentEnd)) : null;
  if (!oid || kids.length > 2) throw malformed(msg("pkiWhyCmsContentInfo"));
  let content: Tlv | null = null;
  if (kids[1]) {
    const inner = kids[1].tag === CONTEXT_0 ? tlvChildren(der, kids[1]) : [];
    if (inner.length !== 1) throw malformed(msg("pkiWhyCmsContentInfo"));
    content = inner[0]!;
  }
  return { contentType: oid, der, content, limits };
}

export interface SignerEntry {
  info: pkijs.SignerInfo;
  /** DER of the signed attributes as a SET (tag 0x31), the bytes the signature covers; null when absent. */
  signedAttrsDer: Uint8Array | null;
  attributes: pkijs.Attribute[];
}

export interface ParsedSignedData {
  /** SignedData.version as encoded (null when not a small integer), and the one RFC 5652 §5.1 prescribes for the rest. */
  version: number | null;
  expectedVersion: number;
  /** SignedData.digestAlgorithms, which must list exactly the signers' digest algorithms. */
  digestAlgorithms: pkijs.AlgorithmIdentifier[];
  eContentType: string;
  /** Encapsulated content (opaque signing); null when detached. */
  eContent: Uint8Array | null;
  certificates: CertInfo[];
  /** Certificates present but not decodable (ignored for path building). */
  badCertificates: number;
  signers: SignerEntry[];
}

function octets(block: asn1js.AsnType, depth: number, chunks: Uint8Array[]): void {
  if (depth > 8 || chunks.length > MAX_CONTENT_CHUNKS) throw new PkiDecodeError("unsupported", msg("pkiCmsTooFragmented"));
  if (!(block instanceof asn1js.OctetString)) throw malformed(msg("pkiWhyCmsOctetString"));
  if (block.idBlock.isConstructed) {
    for (const child of block.valueBlock.value) octets(child, depth + 1, chunks);
  } else chunks.push(block.valueBlock.valueHexView);
}

/**
 * SignedData (RFC 5652 §5.1), sliced field by field; only the pieces used are decoded (the
 * encapsulated content, the signer infos, certificates not met before). Decoding everything through
 * pkijs.SignedData re-walked every attached certificate and made verification five times slower.
 * Linear: each field sliced once (O(n × depth) at worst for indefinite lengths, depth ≤ 40), each
 * piece decoded once, and counts bounded (signers, certificates, attributes, content chunks).
 */
export function parseSignedData(ci: ParsedContentInfo): ParsedSignedData {
  const { der, content, limits } = ci;
  if (!content || content.tag !== SEQUENCE) throw malformed(msg("pkiWhyCmsSignedDataExpected"));
  const fields = tlvChildren(der, content);
  const [version, digestAlgorithms, encap] = fields;
  if (version?.tag !== INTEGER || digestAlgorithms?.tag !== SET || encap?.tag !== SEQUENCE) throw malformed(msg("pkiWhyCmsSignedData"));
  const digestItems = tlvChildren(der, digestAlgorithms);
  if (digestItems.length > MAX_DIGEST_ALGORITHMS) {
    throw unsupported(msg("pkiWhyCmsTooManyDigests"));
  }
  let i = 3;
  const certSet = fields[i]?.tag === CONTEXT_0 ? fields[i++] : undefined;
  // CRLs inside the message are not used (the caller supplies CRLs), only their kinds for the version.
  const crlSet = fields[i]?.tag === CONTEXT_1 ? fields[i++] : undefined;
  const signerSet = fields[i++];
  if (signerSet?.tag !== SET || i !== fields.length) throw malformed(msg("pkiWhyCmsSignedData"));
  const slice = (t: Tlv) => der.subarray(t.start, t.end);

  const digestAlgs = digestItems.map((item) => {
    const cached = cachedAlgorithm(slice(item));
    if (cached) return cached.alg;
    try {
      return new pkijs.AlgorithmIdentifier({ schema: decodeBer(slice(item), SMALL_LIMITS, msg("pkiWhatDigestAlgorithm")) });
    } catch (err) {
      if (err instanceof PkiDecodeError) throw err;
      throw malformed(msg("pkiWhyCmsDigestList"));
    }
  });

  // EncapsulatedContentInfo: { eContentType, [0] { one OCTET STRING } }; pkijs would read the first of several.
  const encapFields = tlvChildren(der, encap);
  if (encapFields.length > 2 || (encapFields[1] && (encapFields[1].tag !== CONTEXT_0 || tlvChildren(der, encapFields[1]).length !== 1))) {
    throw malformed(msg("pkiWhyCmsEncapsulated"));
  }
  const fastEncap = pkiCachesEnabled() ? plainDataContent(der, encapFields) : undefined;
  let eContentType: string;
  let eContent: Uint8Array | null = null;
  if (fastEncap !== undefined) {
    eContentType = CT.data;
    eContent = fastEncap;
  } else {
    let encapInfo: pkijs.EncapsulatedContentInfo;
    try {
      encapInfo = new pkijs.EncapsulatedContentInfo({ schema: decodeBer(slice(encap), limits, msg("pkiWhatCmsContent")) });
    } catch (err) {
      if (err instanceof PkiDecodeError) throw err;
      throw malformed(msg("pkiWhyCmsEncapsulated"));
    }
    eContentType = encapInfo.eContentType;
    if (encapInfo.eContent !== undefined) {
      const chunks: Uint8Array[] = [];
      octets(encapInfo.eContent as asn1js.AsnType, 0, chunks);
      eContent = chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
    }
  }

  const certificates: CertInfo[] = [];
  let badCertificates = 0;
  const certItems = certSet ? tlvChildren(der, certSet) : [];
  if (certItems.length > MAX_CERTIFICATES) throw unsupported(msg("pkiWhyCmsTooManyCertificates", String(certItems.length)));
  for (const item of certItems) {
    // Other certificate formats ([0]–[3]: attribute certificates…) play no part in S/MIME paths.
    if (item.tag !== SEQUENCE) continue;
    try {
      certificates.push(cachedCertificate(slice(item)));
    } catch {
      badCertificates++;
    }
  }

  const signerItems = tlvChildren(der, signerSet);
  if (signerItems.length > MAX_SIGNERS) throw unsupported(msg("pkiWhyCmsTooManySigners", String(signerItems.length)));
  const signers: SignerEntry[] = signerItems.map((item) => {
    const fast = pkiCachesEnabled() ? fastSignerInfo(slice(item)) : null;
    if (fast) {
      const attrs = fast.signedAttrs;
      if (attrs && attrs.attributes.length > MAX_ATTRIBUTES) throw unsupported(msg("pkiWhyCmsTooManyAttributes"));
      return { info: fast, signedAttrsDer: attrs ? new Uint8Array(attrs.encodedValue) : null, attributes: attrs?.attributes ?? [] };
    }
    let info: pkijs.SignerInfo;
    try {
      info = new pkijs.SignerInfo({ schema: decodeBer(slice(item), SMALL_LIMITS, "SignerInfo") });
    } catch (err) {
      if (err instanceof PkiDecodeError) throw err;
      throw malformed(msg("pkiWhyCmsSignerInfo"));
    }
    // pkijs skips what its schema does not expect (an extra field, a repeated one): what it read,
    // encoded again, must be exactly what was received, or some bytes were never looked at.
    if (!bytesEqual(new Uint8Array(info.toSchema().toBER(false)), slice(item))) throw malformed(msg("pkiWhyCmsSignerInfoNonCanonical"));
    const attrs = info.signedAttrs;
    if (attrs && attrs.attributes.length > MAX_ATTRIBUTES) throw unsupported(msg("pkiWhyCmsTooManyAttributes"));
    return {
      info,
      signedAttrsDer: attrs ? new Uint8Array(attrs.encodedValue) : null,
      attributes: attrs?.attributes ?? [],
    };
  });
  // RFC 5652 §5.1: the version follows from the choices made; a different one is a changed structure.
  const certTags = certItems.map((t) => t.tag & 0xdf);
  const otherCrls = crlSet ? tlvChildren(der, crlSet).some((t) => t.tag !== SEQUENCE) : false;
  const expectedVersion =
    certTags.includes(0x83) || otherCrls
      ? 5
      : certTags.includes(0x82)
        ? 4
        : certTags.includes(0x81) || signers.some((s) => s.info.version === 3) || eContentType !== CT.data
          ? 3
          : 1;
  const versionBytes = der.subarray(version.contentStart, version.contentEnd);
  return {
    version: versionBytes.length === 1 ? versionBytes[0]! : null,
    expectedVersion,
    digestAlgorithms: digestAlgs, eContentType, eContent, certificates, badCertificates, signers };
}

// The fast SignerInfo reader (issue 15). Decoding a SignerInfo through asn1js and pkijs, then
// encoding it again to check nothing was skipped, cost milliseconds per message. Most of it recurs
// from one message to the next, byte for byte: the signer's IssuerAndSerialNumber, the algorithm
// identifiers, the contentType and smimeCapabilities attributes. Those pieces are decoded once (by
// the same pkijs classes, into the same objects) and kept by their exact encoding together with
// whether they encode back to themselves; only the per-message pieces (signingTime, messageDigest)
// are decoded each time. The outer headers are checked to be DER (shortest definite lengths), so the
// SignerInfo encodes back to its bytes exactly when every piece does: the same check as before, done
// piecewise. Anything else (unsigned attributes, a subjectKeyIdentifier sid, a BER header, a piece
// that does not encode back) goes to the general reader below, unchanged. Bounds: 128 algorithm
// identifiers, 256 sids, 512 attributes (each a few hundred bytes).
interface Piece<T> {
  value: T;
  canonical: boolean;
}
const algorithmCache = new BytesCache<Piece<pkijs.AlgorithmIdentifier>>(128);
const sidCache = new BytesCache<Piece<pkijs.IssuerAndSerialNumber>>(256);
const attributeCache = new BytesCache<Piece<pkijs.Attribute>>(512);

/** Decodes `bytes` with `make`, or returns its cached result; null when it does not decode. */
function piece<T extends { toSchema(): asn1js.AsnType }>(cache: BytesCache<Piece<T>>, bytes: Uint8Array, make: (schema: asn1js.AsnType) => T): Piece<T> | null {
  const hit = cache.get(bytes);
  if (hit) return hit;
  let p: Piece<T>;
  try {
    const value = make(decodeBer(bytes, SMALL_LIMITS, "SignerInfo"));
    p = { value, canonical: bytesEqual(new Uint8Array(value.toSchema().toBER(false)), bytes) };
  } catch {
    return null;
  }
  cache.set(bytes, p);
  return p;
}

function cachedAlgorithm(bytes: Uint8Array): { alg: pkijs.AlgorithmIdentifier; canonical: boolean } | null {
  if (!pkiCachesEnabled()) return null;
  const p = piece(algorithmCache, bytes, (schema) => new pkijs.AlgorithmIdentifier({ schema }));
  return p && { alg: p.value, canonical: p.canonical };
}

/** A TLV whose header is DER: one-byte tag, definite length in its shortest form. */
function derHeader(der: Uint8Array, t: Tlv): boolean {
  if (t.contentEnd !== t.end || (der[t.start]! & 0x1f) === 0x1f) return false;
  const len = t.contentEnd - t.contentStart;
  const expected = len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : len < 0x1000000 ? 5 : 6;
  return t.contentStart - t.start === expected;
}

/** SignerInfo v1 with signed attributes and nothing unusual, read from cached pieces; null otherwise. */
function fastSignerInfo(bytes: Uint8Array): pkijs.SignerInfo | null {
  try {
    const top = readTlv(bytes, 0);
    if (top.tag !== SEQUENCE || top.end !== bytes.length || !derHeader(bytes, top)) return null;
    const f = tlvChildren(bytes, top);
    if (f.length !== 6) return null; // version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature
    const [version, sid, digestAlg, attrs, sigAlg, signature] = f as [Tlv, Tlv, Tlv, Tlv, Tlv, Tlv];
    const slice = (t: Tlv) => bytes.subarray(t.start, t.end);
    // version: INTEGER 02 01 0v, what pkijs writes back for a small version.
    if (version.tag !== INTEGER || version.end - version.start !== 3 || bytes[version.start + 1] !== 1 || bytes[version.contentStart]! >= 0x80) return null;
    if (sid.tag !== SEQUENCE || digestAlg.tag !== SEQUENCE || attrs.tag !== CONTEXT_0 || sigAlg.tag !== SEQUENCE || signature.tag !== 0x04) return null;
    if (!derHeader(bytes, attrs) || !derHeader(bytes, signature)) return null;
    const sidPiece = piece(sidCache, slice(sid), (schema) => new pkijs.IssuerAndSerialNumber({ schema }));
    const digestPiece = cachedAlgorithm(slice(digestAlg));
    const sigPiece = cachedAlgorithm(slice(sigAlg));
    if (!sidPiece?.canonical || !digestPiece?.canonical || !sigPiece?.canonical) return null;
    const attributes: pkijs.Attribute[] = [];
    const items = tlvChildren(bytes, attrs);
    if (items.length === 0 || items.length > MAX_ATTRIBUTES) return null;
    for (const item of items) {
      if (item.tag !== SEQUENCE) return null;
      const a = piece(attributeCache, slice(item), (schema) => new pkijs.Attribute({ schema }));
      if (!a?.canonical) return null;
      attributes.push(a.value);
    }
    // What SignedAndUnsignedAttributes.fromSchema keeps: the received bytes, tagged as a SET.
    const encodedValue = bytes.slice(attrs.start, attrs.end);
    encodedValue[0] = SET;
    return new pkijs.SignerInfo({
      version: bytes[version.contentStart]!,
      sid: sidPiece.value,
      digestAlgorithm: digestPiece.alg,
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes, encodedValue: encodedValue.buffer }),
      signatureAlgorithm: sigPiece.alg,
      signature: new asn1js.OctetString({ valueHex: bytes.slice(signature.contentStart, signature.contentEnd) }),
    });
  } catch {
    return null;
  }
}

/** DER of EncapsulatedContentInfo { id-data } (a detached signature's). */
const DATA_OID_TLV = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);

/**
 * The content of an EncapsulatedContentInfo { id-data [, [0] { one primitive OCTET STRING }] }, read by
 * slicing (null: detached); undefined for any other shape, which the general reader handles. The
 * OCTET STRING is a view of the message's bytes: an opaque message's content is not copied.
 */
function plainDataContent(der: Uint8Array, fields: Tlv[]): Uint8Array | null | undefined {
  const [type, explicit] = fields;
  if (!type || !bytesEqual(der.subarray(type.start, type.end), DATA_OID_TLV)) return undefined;
  if (!explicit) return fields.length === 1 ? null : undefined;
  const inner = tlvChildren(der, explicit);
  if (fields.length !== 2 || inner.length !== 1 || inner[0]!.tag !== 0x04) return undefined;
  return der.subarray(inner[0]!.contentStart, inner[0]!.contentEnd);
}

/** Certificates are decoded once per distinct encoding (certificate.ts keeps them). */
function cachedCertificate(der: Uint8Array): CertInfo {
  return parseCertificate(der);
}

/** The signer's certificate among `certs`, by issuer and serial number or by subject key identifier. */
export function findSignerCertificate(signer: pkijs.SignerInfo, certs: readonly CertInfo[]): CertInfo | null {
  const sid = signer.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    // The sid is not signed: a name pkijs only half read (extra fields it skips) must not match
    // by its readable half. Byte-identical names match; otherwise only well-formed ones are compared.
    // Read only when no name is byte-identical (decoding it costs more than the whole search).
    let comparable: boolean | undefined;
    const serial = sid.serialNumber.valueBlock.valueHexView;
    return (
      certs.find(
        (c) =>
          // The bytes first (cheap), then asn1js's own comparison as before.
          bytesEqual(c.cert.serialNumber.valueBlock.valueHexView, serial) &&
          c.cert.serialNumber.isEqual(sid.serialNumber) &&
          (bytesOf(c.cert.issuer.valueBeforeDecode, sid.issuer.valueBeforeDecode) || ((comparable ??= wellFormedName(sid.issuer)) && c.cert.issuer.isEqual(sid.issuer))),
      ) ?? null
    );
  }
  // [0] SubjectKeyIdentifier, kept raw by pkijs (primitive, or constructed around an OCTET STRING).
  let view: Uint8Array | undefined;
  if (sid instanceof asn1js.Constructed) {
    const inner = sid.valueBlock.value[0];
    if (inner instanceof asn1js.OctetString) view = inner.valueBlock.valueHexView;
  } else if (sid instanceof asn1js.Primitive) view = sid.valueBlock.valueHexView;
  if (view && view.length) {
    const ski = toHex(view);
    return certs.find((c) => c.subjectKeyId === ski) ?? null;
  }
  return null;
}

/** A Name whose every RDN is a SET of SEQUENCE { OID, value }, nothing more (RFC 5280 §4.1.2.4). */
function wellFormedName(name: pkijs.RelativeDistinguishedNames): boolean {
  try {
    const decoded = asn1js.fromBER(name.valueBeforeDecode);
    if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Sequence)) return false;
    return decoded.result.valueBlock.value.every(
      (rdn) =>
        rdn instanceof asn1js.Set &&
        rdn.valueBlock.value.length > 0 &&
        rdn.valueBlock.value.every((atv) => atv instanceof asn1js.Sequence && atv.valueBlock.value.length === 2 && atv.valueBlock.value[0] instanceof asn1js.ObjectIdentifier),
    );
  } catch {
    return false;
  }
}

function bytesOf(a: ArrayBuffer, b: ArrayBuffer): boolean {
  if (!a.byteLength || a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Values of the attribute `oid`; null when absent. */
export function attributeValues(attrs: readonly pkijs.Attribute[], oid: string): asn1js.AsnType[] | null {
  const found = attrs.filter((a) => a.type === oid);
  if (found.length === 0) return null;
  if (found.length > 1) return [];
  return found[0]!.values as asn1js.AsnType[];
}

/** The ContentInfo type of a DER blob, without decoding the whole content (for pkcs7-mime without smime-type). */
export function sniffContentType(der: Uint8Array, limits: DerLimits): string | null {
  try {
    return parseContentInfo(der, limits).contentType;
  } catch {
    return null;
  }
}
