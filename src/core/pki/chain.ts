// Certification path: built from the end-entity certificate up to one of the trust anchors through
// the intermediates we were given, then checked (RFC 5280 §6, the parts that matter here): signatures,
// validity at each requested time, CA flags and path length, key usages for the purpose, unknown
// critical extensions, weak algorithms, and revocation from the CRLs passed in.
//
// Written on top of pkijs structures rather than with pkijs's CertificateChainValidationEngine
// because each failure must become a distinct status with its own reason (expired vs untrusted vs
// revoked…, at signing time or now), which that engine reports only as one result code.
import { onCacheReset, pkiCachesEnabled } from "./cache.ts";
import { OID, sameCertificate, type CertInfo } from "./certificate.ts";
import { rsaKeyBits, type PkiCrypto } from "./crypto.ts";
import { crlVerified, revocationOf, type ParsedCrl } from "./crl.ts";
import { dnValues, OID_CN, sameName } from "./names.ts";
import { msg, type Text } from "../i18n.ts";
import { error, info, warning, type Reason } from "./reasons.ts";
import { checkSignature, type SignatureOutcome } from "./signature.ts";

export type Purpose = "smime" | "server";

export interface CheckTime {
  date: Date;
  /** Completes messages: pkiAtVerificationTime, pkiAtSigningTime. */
  label: Text;
}

export interface RevocationOptions {
  /**
   * CRLs available to the check. `undefined`: revocation is not checked (reason
   * `revocation-not-checked`, or `revocation-unknown` when `require` is set). An array (even empty):
   * revocation is checked, and a certificate with a CRL distribution point but no usable CRL is
   * `revocation-unknown` (the end-entity always; CA certificates only when `require` is set).
   */
  crls?: readonly ParsedCrl[];
  require?: boolean;
}

export interface PathOptions {
  leaf: CertInfo;
  intermediates: readonly CertInfo[];
  anchors: readonly CertInfo[];
  /** First entry: the verification time ("now"); then optionally the signing time. */
  times: readonly CheckTime[];
  purpose: Purpose;
  revocation: RevocationOptions;
  crypto: PkiCrypto;
  /** Longest path followed, anchor included (default 8). */
  maxLength?: number;
}

export interface PathCheck {
  /** End-entity first; the anchor last when `anchored`. */
  path: CertInfo[];
  anchored: boolean;
  reasons: Reason[];
  revocation: "good" | "revoked" | "unknown" | "not-checked";
}

/** Short name of a certificate for messages: its CN, else its whole subject. */
export function displayName(c: CertInfo): string {
  return dnValues(c.cert.subject, OID_CN)[0] ?? c.subject;
}

/** Distinct CRL URLs of the path's certificates, the anchor excluded. */
export function distributionPoints(path: readonly CertInfo[], anchored: boolean): string[] {
  const certs = anchored ? path.slice(0, -1) : path;
  return [...new Set(certs.flatMap((c) => c.crlDistributionPoints))];
}

/** dd/mm/yyyy (UTC), how dates are written for French readers. */
export function frDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const MIN_RSA_BITS = 2048;

// Whether `issuer`'s key signed `child` is a pure function of the two certificates (and the engine):
// kept per pair of decoded certificates (weakly: entries go with the certificates, which
// certificate.ts keeps at most 256 of, plus the caller's anchors). Dates, CA flags, usages and
// revocation are not cached: checkCertificates and checkRevocation run on every path.
let issuedByCache = new WeakMap<PkiCrypto, WeakMap<CertInfo, WeakMap<CertInfo, SignatureOutcome>>>();
onCacheReset(() => {
  issuedByCache = new WeakMap();
  crlSignatureCache = new WeakMap();
});

async function issuedBy(child: CertInfo, issuer: CertInfo, crypto: PkiCrypto): Promise<SignatureOutcome> {
  if (!pkiCachesEnabled()) return checkIssuedBy(child, issuer, crypto);
  let byEngine = issuedByCache.get(crypto);
  if (!byEngine) issuedByCache.set(crypto, (byEngine = new WeakMap()));
  let byChild = byEngine.get(child);
  if (!byChild) byEngine.set(child, (byChild = new WeakMap()));
  const hit = byChild.get(issuer);
  if (hit) return hit;
  const outcome = await checkIssuedBy(child, issuer, crypto);
  byChild.set(issuer, outcome);
  return outcome;
}

async function checkIssuedBy(child: CertInfo, issuer: CertInfo, crypto: PkiCrypto): Promise<SignatureOutcome> {
  // The outer algorithm is not signed; RFC 5280 §4.1.1.2 requires it to repeat the signed one.
  if (!child.cert.signature.isEqual(child.cert.signatureAlgorithm)) {
    return { ok: false, weak: null, unsupported: msg("pkiSigAlgMismatch") };
  }
  // DER signature values are whole octets; other unused bits would be bits the check ignores.
  if (child.cert.signatureValue.valueBlock.unusedBits !== 0) return { ok: false, weak: null, unsupported: null };
  return checkSignature(
    crypto,
    child.cert.tbsView,
    child.cert.signatureValue.valueBlock.valueHexView,
    child.cert.signatureAlgorithm,
    issuer.cert.subjectPublicKeyInfo,
  );
}

function keyIdsCompatible(child: CertInfo, issuer: CertInfo): boolean {
  return !child.authorityKeyId || !issuer.subjectKeyId || child.authorityKeyId === issuer.subjectKeyId;
}

export async function checkPath(opts: PathOptions): Promise<PathCheck> {
  const { leaf, anchors, crypto } = opts;
  const maxLength = opts.maxLength ?? 8;
  const reasons: Reason[] = [];
  const path: CertInfo[] = [leaf];
  let anchored = anchors.some((a) => sameCertificate(a, leaf));
  let brokenLink = false;
  let budget = 32; // signature checks spent on building, whatever the input

  while (!anchored && path.length < maxLength && budget > 0) {
    const current = path[path.length - 1]!;
    const byName = (c: CertInfo) => sameName(c.cert.subject, current.cert.issuer) && keyIdsCompatible(current, c);
    let next: CertInfo | null = null;
    let fromAnchor = false;
    const candidates: [CertInfo, boolean][] = [
      ...anchors.filter(byName).map((a): [CertInfo, boolean] => [a, true]),
      ...opts.intermediates.filter((c) => byName(c) && !path.some((p) => sameCertificate(p, c))).map((c): [CertInfo, boolean] => [c, false]),
    ];
    for (const [candidate, isAnchor] of candidates) {
      if (budget-- <= 0) break;
      const sig = await issuedBy(current, candidate, crypto);
      if (sig.weak) {
        reasons.push(error("weak-algorithm", msg("pkiCertSignedWeak", displayName(current), sig.weak)));
      }
      if (sig.ok) {
        next = candidate;
        fromAnchor = isAnchor;
        break;
      }
      if (sig.unsupported) {
        reasons.push(error("unsupported", msg("pkiCertSignatureUnverifiable", displayName(current), sig.unsupported)));
      } else brokenLink = true;
    }
    if (!next) break;
    path.push(next);
    anchored = fromAnchor;
  }

  if (!anchored) {
    const top = path[path.length - 1]!;
    reasons.push(
      error(
        "untrusted-issuer",
        brokenLink
          ? msg("pkiCertSignatureInvalid", displayName(top), top.issuer)
          : path.length >= maxLength
            ? msg("pkiChainTooLong")
            : msg("pkiIssuerUntrusted", top.issuer),
      ),
    );
  }

  checkCertificates(path, anchored, opts, reasons);
  const revocation = anchored ? await checkRevocation(path, opts, reasons) : "not-checked";
  return { path, anchored, reasons, revocation };
}

function checkCertificates(path: CertInfo[], anchored: boolean, opts: PathOptions, reasons: Reason[]): void {
  path.forEach((c, i) => {
    const isAnchor = anchored && i === path.length - 1;
    const name = displayName(c);
    for (const t of opts.times) {
      if (t.date.getTime() > c.notAfter.getTime()) {
        reasons.push(error("expired", msg("pkiCertExpired", name, frDate(c.notAfter), t.label)));
      } else if (t.date.getTime() < c.notBefore.getTime()) {
        reasons.push(error("not-yet-valid", msg("pkiCertNotYetValid", name, frDate(c.notBefore), t.label)));
      }
    }
    const bits = rsaKeyBits(c.cert.subjectPublicKeyInfo);
    if (bits !== null && bits < MIN_RSA_BITS) {
      reasons.push(error("weak-algorithm", msg("pkiRsaKeyTooShort", name, String(bits), String(MIN_RSA_BITS))));
    }
    if (c.badExtensions.length) {
      reasons.push(error("malformed", msg("pkiBadExtension", name, c.badExtensions.join(", "))));
    }
    // An anchor's own extensions are configuration; an end-entity's always constrain its use.
    if (c.unknownCritical.length && (!isAnchor || i === 0)) {
      reasons.push(error("unsupported", msg("pkiUnknownCritical", name, c.unknownCritical.join(", "))));
    }
    if (i === 0) {
      // The end-entity, even when trusted directly as an anchor, must fit the purpose.
      checkLeafUsage(c, opts.purpose, reasons);
      return;
    }
    // A CA certificate: it must be allowed to sign certificates, and be allowed this many below it.
    if (!c.basicConstraints?.ca) {
      reasons.push(error("untrusted-issuer", msg("pkiNotCa", name)));
    } else if (c.basicConstraints.pathLen !== null) {
      const below = path.slice(1, i).filter((x) => !x.selfIssued).length;
      if (below > c.basicConstraints.pathLen) {
        reasons.push(error("untrusted-issuer", msg("pkiPathLen", name)));
      }
    }
    if (c.keyUsage && !c.keyUsage.has("keyCertSign")) {
      reasons.push(error("wrong-key-usage", msg("pkiNoCertSign", name)));
    }
    // Like NSS: an intermediate restricted to other purposes cannot vouch for this one.
    if (!isAnchor && c.extKeyUsage && !c.extKeyUsage.includes(purposeEku(opts.purpose)) && !c.extKeyUsage.includes(OID.ekuAny)) {
      reasons.push(error("wrong-key-usage", msg("pkiCaWrongPurpose", name, purposeLabel(opts.purpose))));
    }
  });
}

function purposeEku(p: Purpose): string {
  return p === "smime" ? OID.ekuEmailProtection : OID.ekuServerAuth;
}
function purposeLabel(p: Purpose): Text {
  return msg(p === "smime" ? "pkiPurposeSmime" : "pkiPurposeServer");
}

function checkLeafUsage(c: CertInfo, purpose: Purpose, reasons: Reason[]): void {
  const name = displayName(c);
  // Like NSS: a CA certificate signs certificates, not messages, and does not serve TLS.
  if (c.basicConstraints?.ca) {
    reasons.push(
      error(
        "wrong-key-usage",
        purpose === "smime"
          ? msg("pkiLeafIsCaSmime", name)
          : msg("pkiLeafIsCaServer", name),
      ),
    );
  }
  if (c.extKeyUsage && !c.extKeyUsage.includes(purposeEku(purpose)) && !c.extKeyUsage.includes(OID.ekuAny)) {
    reasons.push(error("wrong-key-usage", msg("pkiLeafWrongEku", name, purposeLabel(purpose))));
  }
  if (c.keyUsage) {
    const ok =
      purpose === "smime"
        ? c.keyUsage.has("digitalSignature") || c.keyUsage.has("nonRepudiation")
        : c.keyUsage.has("digitalSignature") || c.keyUsage.has("keyEncipherment") || c.keyUsage.has("keyAgreement");
    if (!ok) {
      reasons.push(
        error(
          "wrong-key-usage",
          purpose === "smime"
            ? msg("pkiLeafNoSignUsage", name)
            : msg("pkiLeafNoTlsUsage", name),
        ),
      );
    }
  }
}

// A CRL kept by the caller is checked once per issuing certificate (and engine), not once per
// message; weakly kept, the entries go with the CRL and certificate objects.
let crlSignatureCache = new WeakMap<PkiCrypto, WeakMap<ParsedCrl, WeakMap<CertInfo, Text | null>>>();

/** Null when the CRL's signature verifies with `issuer`'s key; otherwise why it does not (French). */
async function crlSignatureProblem(crl: ParsedCrl, issuer: CertInfo, crypto: PkiCrypto): Promise<Text | null> {
  if (!pkiCachesEnabled()) return checkCrlSignature(crl, issuer, crypto);
  let byCrl = crlSignatureCache.get(crypto);
  if (!byCrl) crlSignatureCache.set(crypto, (byCrl = new WeakMap()));
  let byIssuer = byCrl.get(crl);
  if (!byIssuer) byCrl.set(crl, (byIssuer = new WeakMap()));
  const cached = byIssuer.get(issuer);
  if (cached !== undefined) return cached;
  const problem = await checkCrlSignature(crl, issuer, crypto);
  byIssuer.set(issuer, problem);
  return problem;
}

async function checkCrlSignature(crl: ParsedCrl, issuer: CertInfo, crypto: PkiCrypto): Promise<Text | null> {
  const sig = await checkSignature(crypto, crl.tbs, crl.signature, crl.signatureAlgorithm, issuer.cert.subjectPublicKeyInfo);
  // Fail closed: weak or not computable is as good as forged for a revocation list.
  const problem = sig.unsupported
    ? msg("pkiCrlSigUnverifiable", sig.unsupported)
    : sig.weak
      ? msg("pkiCrlSignedWeak", sig.weak)
      : sig.ok
        ? null
        : msg("pkiCrlSigInvalid");
  return problem;
}

async function checkRevocation(path: CertInfo[], opts: PathOptions, reasons: Reason[]): Promise<PathCheck["revocation"]> {
  const { crls, require } = opts.revocation;
  const at = opts.times[0]!.date;
  // The anchor is trusted as configured; everything below it is checked.
  const checked = path.slice(0, -1);
  if (crls === undefined) {
    const withDp = checked.filter((c) => c.hasCrlDistributionPoint);
    if (require) {
      reasons.push(error("revocation-unknown", msg("pkiRevocationRequiredNoCrl")));
      return "unknown";
    }
    reasons.push(
      info(
        "revocation-not-checked",
        withDp.length
          ? msg("pkiRevocationNotCheckedNoCrl")
          : msg("pkiRevocationNotCheckedNoDp"),
      ),
    );
    return "not-checked";
  }
  let overall: PathCheck["revocation"] = "good";
  for (let i = 0; i < checked.length; i++) {
    const c = checked[i]!;
    const issuer = path[i + 1]!;
    const isCa = i > 0;
    const name = displayName(c);
    const usable: ParsedCrl[] = [];
    for (const crl of crls) {
      if (!sameName(crl.issuerName, c.cert.issuer)) continue;
      if (crl.isDelta || crl.partialScope || crl.unknownCritical.length) continue;
      if ((crl.onlyUserCerts && isCa) || (crl.onlyCaCerts && !isCa)) continue;
      if (issuer.keyUsage && !issuer.keyUsage.has("cRLSign")) continue;
      const problem = await crlSignatureProblem(crl, issuer, opts.crypto);
      if (problem) {
        reasons.push(warning("crl-invalid", msg("pkiCrlIgnored", crl.issuer, problem)));
        continue;
      }
      crlVerified(crl, issuer);
      // A CRL issued after the verification time is kept: its entries carry their revocation dates,
      // so it still tells whether the certificate was revoked at that time.
      usable.push(crl);
    }
    const entry = usable.map((crl) => revocationOf(crl, c.serialHex)).find((e) => e !== null);
    if (entry && entry.date.getTime() > at.getTime()) {
      reasons.push(info("revoked-later", msg("pkiRevokedLater", name, frDate(entry.date))));
    } else if (entry) {
      reasons.push(
        error(
          "revoked",
          entry.reason ? msg("pkiRevokedReason", name, frDate(entry.date), entry.reason) : msg("pkiRevoked", name, frDate(entry.date)),
        ),
      );
      overall = "revoked";
      continue;
    }
    const current = usable.some((crl) => crl.nextUpdate === null || crl.nextUpdate.getTime() >= at.getTime());
    if (current) continue;
    const stale = usable.length > 0;
    const strict = !isCa || require === true;
    if (!c.hasCrlDistributionPoint && usable.length === 0 && !require) continue;
    const why = stale ? msg("pkiCrlStale", c.issuer) : msg("pkiCrlMissing", c.issuer);
    if (strict) {
      reasons.push(error("revocation-unknown", msg("pkiRevocationUnknown", name, why)));
      if (overall === "good") overall = "unknown";
    } else {
      reasons.push(info("revocation-not-checked", msg("pkiCaRevocationNotChecked", name, why)));
    }
  }
  return overall;
}
