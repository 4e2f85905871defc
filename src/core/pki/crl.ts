// Certificate revocation lists, decoded once and indexed by serial number. Core never fetches them:
// the caller (add-on: from each certificate's distribution points, cached; CLI: --crl files) passes
// them in, and a CRL only counts once its signature checks out against the issuing CA of the path.
//
// The list of revoked certificates is read by slicing the DER (der.ts) rather than through
// pkijs.CertificateRevocationList: a national CA's CRL holds tens of thousands of entries, which
// pkijs/asn1js took about half a minute to decode for 60,000 entries; slicing takes milliseconds.
// pkijs still decodes the small parts (issuer name, algorithm, extensions).
import * as pkijs from "pkijs";
import { msg, type Text } from "../i18n.ts";
import { CRL_LIMITS, PkiDecodeError, decodeError, bytesEqual, SMALL_LIMITS, checkBerStructure, decodeBer, decodeOid, derFromPemOrDer, readTlv, tlvChildren, type Tlv } from "./der.ts";
import { OID, type CertInfo } from "./certificate.ts";
import { dnToString } from "./names.ts";

export interface CrlEntry {
  date: Date;
  reason: Text | null;
}

export interface ParsedCrl {
  der: Uint8Array;
  issuerName: pkijs.RelativeDistinguishedNames;
  issuer: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Signed bytes (tbsCertList, as received), signature algorithm and value. */
  tbs: Uint8Array;
  signatureAlgorithm: pkijs.AlgorithmIdentifier;
  signature: Uint8Array;
  /** Revoked serial numbers (lower-case hex, no leading zeros) → offset of their entry in `der`. */
  entries: Map<string, number>;
  /** A delta CRL: not usable alone. */
  isDelta: boolean;
  /** Issuing distribution point restrictions. */
  onlyUserCerts: boolean;
  onlyCaCerts: boolean;
  /** Scope we do not handle (indirect CRL, partitioned by reasons, attribute certificates). */
  partialScope: boolean;
  unknownCritical: string[];
}

// RFC 5280 §5.3.1 CRLReason codes; their words are the _locales keys "pkiCrlReason" + code.
const REASONS = new Set([0, 1, 2, 3, 4, 5, 6, 9, 10]);
export const CRL_REASON_CODES: readonly number[] = [...REASONS];

const KNOWN_CRL_CRITICAL = new Set<string>([OID.issuingDistributionPoint, OID.deltaCrlIndicator, OID.crlNumber]);
const CRL = msg("pkiWhatCrl");
const bad = (why: Text) => decodeError("malformed", CRL, why);

/** UTCTime (tag 0x17) or GeneralizedTime (0x18), in their DER forms (…Z). */
function decodeTime(der: Uint8Array, t: Tlv): Date {
  const text = String.fromCharCode(...der.subarray(t.contentStart, t.contentEnd));
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : t.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!m) throw bad(msg("pkiWhyDateUnreadable"));
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (!Number.isFinite(ms)) throw bad(msg("pkiWhyDateUnreadable"));
  return new Date(ms);
}

/** The reasonCode of a CRL entry's extensions, read by slicing. */
function entryReason(der: Uint8Array, exts: Tlv): Text | null {
  for (const ext of tlvChildren(der, exts)) {
    const parts = tlvChildren(der, ext);
    const oid = parts[0]?.tag === 0x06 ? decodeOid(der.subarray(parts[0].contentStart, parts[0].contentEnd)) : null;
    if (oid !== OID.crlReason) continue;
    const value = parts[parts.length - 1];
    if (value?.tag !== 0x04 || value.contentEnd - value.contentStart !== 3) return null;
    const e = der.subarray(value.contentStart, value.contentEnd);
    if (e[0] !== 0x0a || e[1] !== 1) return null;
    return REASONS.has(e[2]!) ? msg(`pkiCrlReason${e[2]!}`) : msg("pkiCrlReasonCode", String(e[2]));
  }
  return null;
}

/**
 * Decodes one DER CRL. Throws PkiDecodeError. Linear in its size: one structure walk
 * (checkBerStructure), then each revoked entry sliced once; pkijs only decodes the small parts.
 */
export function parseCrl(der: Uint8Array): ParsedCrl {
  if (der.length === 0) throw bad(msg("pkiWhyEmpty"));
  if (der.length > CRL_LIMITS.maxBytes) throw decodeError("unsupported", CRL, msg("pkiWhyTooLarge", String(der.length)));
  checkBerStructure(der, CRL_LIMITS, CRL);
  const top = readTlv(der, 0);
  const [tbsTlv, algTlv, sigTlv, extra] = top.tag === 0x30 ? tlvChildren(der, top) : [];
  if (tbsTlv?.tag !== 0x30 || algTlv?.tag !== 0x30 || sigTlv?.tag !== 0x03 || extra) throw bad(msg("pkiWhyStructureInvalid"));
  const slice = (t: Tlv) => der.subarray(t.start, t.end);

  const fields = tlvChildren(der, tbsTlv);
  let i = 0;
  if (fields[i]?.tag === 0x02) i++; // version
  const innerAlg = fields[i++];
  const issuerTlv = fields[i++];
  const thisTlv = fields[i++];
  if (innerAlg?.tag !== 0x30 || issuerTlv?.tag !== 0x30 || !thisTlv) throw bad(msg("pkiWhyStructureInvalid"));
  const nextTlv = fields[i]?.tag === 0x17 || fields[i]?.tag === 0x18 ? fields[i++] : undefined;
  const revokedTlv = fields[i]?.tag === 0x30 ? fields[i++] : undefined;
  const extsTlv = fields[i]?.tag === 0xa0 ? fields[i++] : undefined;
  if (i !== fields.length) throw bad(msg("pkiWhyStructureInvalid"));

  let issuerName: pkijs.RelativeDistinguishedNames;
  let signatureAlgorithm: pkijs.AlgorithmIdentifier;
  try {
    issuerName = new pkijs.RelativeDistinguishedNames({ schema: decodeBer(slice(issuerTlv), SMALL_LIMITS, msg("pkiWhatCrlIssuer")) });
    signatureAlgorithm = new pkijs.AlgorithmIdentifier({ schema: decodeBer(slice(algTlv), SMALL_LIMITS, msg("pkiWhatCrlAlgorithm")) });
  } catch (err) {
    if (err instanceof PkiDecodeError) throw err;
    throw bad(msg("pkiWhyStructureInvalid"));
  }
  // The outer algorithm is not signed; RFC 5280 §5.1.1.2 requires it to repeat the signed one.
  if (!bytesEqual(slice(innerAlg), slice(algTlv))) throw bad(msg("pkiWhyCrlAlgMismatch"));
  const sigBits = der.subarray(sigTlv.contentStart, sigTlv.contentEnd);
  if (sigBits.length < 2 || sigBits[0] !== 0) throw bad(msg("pkiWhySignatureUnreadable"));

  const parsed: ParsedCrl = {
    der,
    issuerName,
    issuer: dnToString(issuerName),
    thisUpdate: decodeTime(der, thisTlv),
    nextUpdate: nextTlv ? decodeTime(der, nextTlv) : null,
    tbs: slice(tbsTlv),
    signatureAlgorithm,
    signature: sigBits.subarray(1),
    entries: new Map(),
    isDelta: false,
    onlyUserCerts: false,
    onlyCaCerts: false,
    partialScope: false,
    unknownCritical: [],
  };

  if (extsTlv) {
    let extensions: pkijs.Extensions;
    try {
      const inner = tlvChildren(der, extsTlv);
      if (inner.length !== 1) throw bad(msg("pkiWhyExtensionsUnreadable"));
      extensions = new pkijs.Extensions({ schema: decodeBer(slice(inner[0]!), SMALL_LIMITS, msg("pkiWhatCrlExtensions")) });
    } catch (err) {
      if (err instanceof PkiDecodeError) throw err;
      throw bad(msg("pkiWhyExtensionsUnreadable"));
    }
    for (const ext of extensions.extensions) {
      if (ext.critical && !KNOWN_CRL_CRITICAL.has(ext.extnID)) parsed.unknownCritical.push(ext.extnID);
      if (ext.extnID === OID.deltaCrlIndicator) parsed.isDelta = true;
      if (ext.extnID === OID.issuingDistributionPoint) {
        try {
          const idp = new pkijs.IssuingDistributionPoint({ schema: decodeBer(ext.extnValue.valueBlock.valueHexView, SMALL_LIMITS, "IDP") });
          parsed.onlyUserCerts = idp.onlyContainsUserCerts === true;
          parsed.onlyCaCerts = idp.onlyContainsCACerts === true;
          parsed.partialScope = idp.indirectCRL === true || idp.onlySomeReasons !== undefined || idp.onlyContainsAttributeCerts === true;
        } catch {
          parsed.partialScope = true;
        }
      }
    }
  }

  // Only serial numbers are read now; dates and reasons when a certificate is looked up.
  if (revokedTlv) {
    for (let p = revokedTlv.contentStart; p < revokedTlv.contentEnd; ) {
      const entry = readTlv(der, p);
      const serial = entry.tag === 0x30 && entry.contentStart < entry.contentEnd ? readTlv(der, entry.contentStart) : null;
      if (serial?.tag !== 0x02 || serial.end >= entry.contentEnd) throw bad(msg("pkiWhyEntryUnreadable"));
      parsed.entries.set(serialHex(der, serial.contentStart, serial.contentEnd), entry.start);
      p = entry.end;
    }
  }
  return parsed;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Same form as certificate.ts integerHex: lower-case hex without leading zero bytes. */
function serialHex(der: Uint8Array, start: number, end: number): string {
  while (start < end - 1 && der[start] === 0) start++;
  let s = "";
  for (let i = start; i < end; i++) s += HEX[der[i]!];
  return s || "00";
}

/** The revocation of the certificate with serial `serialHex` (integerHex form), if listed. */
export function revocationOf(crl: ParsedCrl, serial: string): CrlEntry | null {
  const at = crl.entries.get(serial);
  if (at === undefined) return null;
  const [, date, exts] = tlvChildren(crl.der, readTlv(crl.der, at));
  // Listed in a CRL whose signature checked out: revoked, even if the CA wrote the date oddly.
  let when = crl.thisUpdate;
  try {
    if (date) when = decodeTime(crl.der, date);
  } catch {
    /* keep thisUpdate */
  }
  return { date: when, reason: exts?.tag === 0x30 ? entryReason(crl.der, exts) : null };
}

/** Every CRL of a PEM (`X509 CRL` blocks) or DER input. Throws PkiDecodeError. */
export function parseCrls(bytes: Uint8Array): ParsedCrl[] {
  return derFromPemOrDer(bytes, ["X509 CRL"]).map(parseCrl);
}

// Who wants to know that a CRL object was verified: its signature checked with the key of the
// issuing CA of a path that reached a trust anchor (chain.ts), the only check that makes a CRL
// trustworthy. The add-on keeps such CRLs, and only such, for offline use (addon/platform/crls.ts).
const verifiedHooks = new WeakMap<ParsedCrl, (crl: ParsedCrl, issuer: CertInfo) => void>();

/** Calls `hook` once, the first time `crl` is verified during a path check. */
export function whenCrlVerified(crl: ParsedCrl, hook: (crl: ParsedCrl, issuer: CertInfo) => void): void {
  verifiedHooks.set(crl, hook);
}

/** Called by the path check once `crl`'s signature verified with `issuer`'s key. */
export function crlVerified(crl: ParsedCrl, issuer: CertInfo): void {
  const hook = verifiedHooks.get(crl);
  if (!hook) return;
  verifiedHooks.delete(crl);
  try {
    hook(crl, issuer);
  } catch {
    // A caller's bookkeeping must not change a verdict.
  }
}

/**
 * Whether a CRL whose signature has been verified should become the one kept for offline use, in
 * place of `kept`: only inside its validity window at `now` (a CRL without nextUpdate has none), and
 * never older than the one already kept (a replayed old CRL would hide later revocations).
 */
export function shouldKeepCrl(candidate: ParsedCrl, kept: ParsedCrl | null, now: Date): boolean {
  if (!candidate.nextUpdate) return false;
  const t = now.getTime();
  if (t < candidate.thisUpdate.getTime() || t > candidate.nextUpdate.getTime()) return false;
  return !kept || kept.thisUpdate.getTime() <= candidate.thisUpdate.getTime();
}
