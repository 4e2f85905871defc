// One X.509 certificate, decoded once, with what the checks need read out of its extensions.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { BytesCache } from "./cache.ts";
import { msg } from "../i18n.ts";
import { decodeError, SMALL_LIMITS, bytesEqual, decodeBer, derFromPemOrDer, toHex } from "./der.ts";
import { OID_CN, OID_EMAIL, OID_SERIAL_NUMBER, dnToString, dnValues } from "./names.ts";

export const OID = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  crlNumber: "2.5.29.20",
  crlReason: "2.5.29.21",
  deltaCrlIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  certificateIssuer: "2.5.29.29",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  freshestCrl: "2.5.29.46",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  ekuServerAuth: "1.3.6.1.5.5.7.3.1",
  ekuClientAuth: "1.3.6.1.5.5.7.3.2",
  ekuEmailProtection: "1.3.6.1.5.5.7.3.4",
  ekuAny: "2.5.29.37.0",
} as const;

/**
 * Critical extensions we understand. Policy extensions are accepted without policy processing
 * (IGC-Santé marks none of them critical); name constraints are not processed, so a certificate
 * carrying them critically is refused as unsupported rather than silently accepted.
 */
const KNOWN_CRITICAL = new Set<string>([
  OID.subjectKeyIdentifier,
  OID.keyUsage,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.basicConstraints,
  OID.crlDistributionPoints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.authorityKeyIdentifier,
  OID.policyConstraints,
  OID.extKeyUsage,
  OID.freshestCrl,
  OID.inhibitAnyPolicy,
  OID.authorityInfoAccess,
]);

export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";
const KEY_USAGE_BITS: KeyUsageName[] = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

export interface CertInfo {
  cert: pkijs.Certificate;
  der: Uint8Array;
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Lower-case e-mail addresses: subjectAltName rfc822Name entries, then subject emailAddress. */
  emails: string[];
  dnsNames: string[];
  basicConstraints: { ca: boolean; pathLen: number | null } | null;
  keyUsage: Set<KeyUsageName> | null;
  extKeyUsage: string[] | null;
  /** URIs of the CRL distribution points (http/https/ldap as written). */
  crlDistributionPoints: string[];
  hasCrlDistributionPoint: boolean;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** Critical extensions not understood, by OID. */
  unknownCritical: string[];
  /** Extensions present but undecodable, by OID (critical or not). */
  badExtensions: string[];
  selfIssued: boolean;
  /** The practitioner's national id (idNat / RPPS), when the certificate carries one. */
  rppsOrIdNat: string | null;
  /** Where `rppsOrIdNat` was read: `subject.serialNumber` or `subject.CN`. */
  rppsOrIdNatSource: "subject.serialNumber" | "subject.CN" | null;
}

/** Hex of a (positive) INTEGER without leading zero bytes, lower-case. */
export function integerHex(value: asn1js.Integer): string {
  const hex = toHex(value.valueBlock.valueHexView).replace(/^(00)+(?=.)/, "");
  return hex === "" ? "00" : hex;
}

function decodeExtension(ext: pkijs.Extension): asn1js.AsnType {
  return decodeBer(ext.extnValue.valueBlock.valueHexView, SMALL_LIMITS, `extension ${ext.extnID}`);
}

/**
 * idNat_PS as IGC-Santé writes it for people: the subject serialNumber (e.g. `810001234567`, "8" then
 * the RPPS number), or failing that the prefix of a CN written `810001234567/PRENOM NOM`.
 */
function nationalId(cert: pkijs.Certificate): Pick<CertInfo, "rppsOrIdNat" | "rppsOrIdNatSource"> {
  for (const v of dnValues(cert.subject, OID_SERIAL_NUMBER)) {
    const t = v.trim();
    if (/^[0-9A-Za-z][0-9A-Za-z/-]{3,39}$/.test(t)) return { rppsOrIdNat: t, rppsOrIdNatSource: "subject.serialNumber" };
  }
  for (const cn of dnValues(cert.subject, OID_CN)) {
    const m = /^\s*([0-9][0-9A-Za-z]{7,19})\s*\//.exec(cn);
    if (m) return { rppsOrIdNat: m[1]!, rppsOrIdNatSource: "subject.CN" };
  }
  return { rppsOrIdNat: null, rppsOrIdNatSource: null };
}

// Certificates recur from one message to the next (the same CAs, the same correspondents, the anchors
// read again by each caller); decoding one costs far more than the signature checks, so decoded
// certificates are kept by exact encoding: at most 256 (a few hundred KiB). A CertInfo is never
// modified once made, so sharing it is safe; what depends on time or anchors is checked per call.
const CERT_CACHE_SIZE = 256;
const certCache = new BytesCache<CertInfo>(CERT_CACHE_SIZE);

const CERTIFICATE = msg("pkiWhatCertificate");

/** Decodes one DER certificate (decoded once per distinct encoding, see above). Throws PkiDecodeError. */
export function parseCertificate(der: Uint8Array): CertInfo {
  const hit = certCache.get(der);
  if (hit) return hit;
  // Decoded from its own copy: a message's buffer (maybe megabytes) must not be kept by the cache.
  const info = decodeCertificate(der.slice());
  certCache.set(der, info);
  return info;
}

function decodeCertificate(der: Uint8Array): CertInfo {
  const asn1 = decodeBer(der, SMALL_LIMITS, CERTIFICATE);
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: asn1 });
  } catch (err) {
    throw decodeError("malformed", CERTIFICATE, msg("pkiWhyX509Invalid", err instanceof Error ? err.message : String(err)));
  }
  // pkijs skips what its schema does not expect; the signed part is kept as received, the rest
  // (outer algorithm, signature value) must encode back to exactly the bytes received.
  if (!bytesEqual(new Uint8Array(cert.toSchema(true).toBER(false)), der)) {
    throw decodeError("malformed", CERTIFICATE, msg("pkiWhyNonCanonical"));
  }
  return certInfo(cert, der);
}

export function certInfo(cert: pkijs.Certificate, der: Uint8Array): CertInfo {
  const info: CertInfo = {
    cert,
    der,
    subject: dnToString(cert.subject),
    issuer: dnToString(cert.issuer),
    serialHex: integerHex(cert.serialNumber),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    emails: [],
    dnsNames: [],
    basicConstraints: null,
    keyUsage: null,
    extKeyUsage: null,
    crlDistributionPoints: [],
    hasCrlDistributionPoint: false,
    subjectKeyId: null,
    authorityKeyId: null,
    unknownCritical: [],
    badExtensions: [],
    selfIssued: false,
    ...nationalId(cert),
  };
  const seen = new Set<string>();
  for (const ext of cert.extensions ?? []) {
    if (seen.has(ext.extnID)) info.badExtensions.push(ext.extnID); // RFC 5280 §4.2: at most one of each
    seen.add(ext.extnID);
    if (ext.critical && !KNOWN_CRITICAL.has(ext.extnID)) info.unknownCritical.push(ext.extnID);
    try {
      readExtension(ext, info);
    } catch {
      info.badExtensions.push(ext.extnID);
    }
  }
  for (const e of dnValues(cert.subject, OID_EMAIL)) {
    const v = e.trim().toLowerCase();
    if (v && !info.emails.includes(v)) info.emails.push(v);
  }
  info.selfIssued = info.subject === info.issuer;
  return info;
}

function readExtension(ext: pkijs.Extension, info: CertInfo): void {
  switch (ext.extnID) {
    case OID.basicConstraints: {
      const bc = new pkijs.BasicConstraints({ schema: decodeExtension(ext) });
      const pl = bc.pathLenConstraint;
      const pathLen = pl === undefined ? null : typeof pl === "number" ? pl : pl.valueBlock.valueDec;
      info.basicConstraints = { ca: bc.cA === true, pathLen };
      break;
    }
    case OID.keyUsage: {
      const bits = decodeExtension(ext);
      if (!(bits instanceof asn1js.BitString)) throw new Error("keyUsage");
      const view = bits.valueBlock.valueHexView;
      const set = new Set<KeyUsageName>();
      KEY_USAGE_BITS.forEach((name, i) => {
        const byte = view[i >> 3];
        if (byte !== undefined && byte & (0x80 >> (i & 7))) set.add(name);
      });
      info.keyUsage = set;
      break;
    }
    case OID.extKeyUsage:
      info.extKeyUsage = new pkijs.ExtKeyUsage({ schema: decodeExtension(ext) }).keyPurposes;
      break;
    case OID.subjectAltName:
      for (const gn of new pkijs.AltName({ schema: decodeExtension(ext) }).altNames) {
        if (gn.type === 1 && typeof gn.value === "string") {
          const v = gn.value.trim().toLowerCase();
          if (!info.emails.includes(v)) info.emails.push(v);
        } else if (gn.type === 2 && typeof gn.value === "string") info.dnsNames.push(gn.value.toLowerCase());
      }
      break;
    case OID.crlDistributionPoints: {
      info.hasCrlDistributionPoint = true;
      const dps = new pkijs.CRLDistributionPoints({ schema: decodeExtension(ext) });
      for (const dp of dps.distributionPoints) {
        const name = dp.distributionPoint;
        if (Array.isArray(name)) {
          for (const gn of name) if (gn.type === 6 && typeof gn.value === "string") info.crlDistributionPoints.push(gn.value);
        }
      }
      break;
    }
    case OID.subjectKeyIdentifier: {
      const v = decodeExtension(ext);
      if (!(v instanceof asn1js.OctetString)) throw new Error("subjectKeyIdentifier");
      info.subjectKeyId = toHex(v.valueBlock.valueHexView);
      break;
    }
    case OID.authorityKeyIdentifier: {
      const aki = new pkijs.AuthorityKeyIdentifier({ schema: decodeExtension(ext) });
      if (aki.keyIdentifier) info.authorityKeyId = toHex(aki.keyIdentifier.valueBlock.valueHexView);
      break;
    }
    default:
      break;
  }
}

/** Every certificate of a PEM (several blocks allowed) or DER input. Throws PkiDecodeError. */
export function parseCertificates(bytes: Uint8Array): CertInfo[] {
  return derFromPemOrDer(bytes, ["CERTIFICATE", "X509 CERTIFICATE"]).map(parseCertificate);
}

/** Same certificate (same encoding). */
export function sameCertificate(a: CertInfo, b: CertInfo): boolean {
  if (a.der.length !== b.der.length) return false;
  for (let i = 0; i < a.der.length; i++) if (a.der[i] !== b.der[i]) return false;
  return true;
}

