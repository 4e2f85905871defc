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
import { error, info, warning, type Reason } from "./reasons.ts";
import { checkSignature, type SignatureOutcome } from "./signature.ts";

export type Purpose = "smime" | "server";

export interface CheckTime {
  date: Date;
  /** French, completes "…" in messages: "à la date de vérification", "à la date de signature". */
  label: string;
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
    return { ok: false, weak: null, unsupported: "algorithme de signature différent de celui que le certificat déclare" };
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
        reasons.push(error("weak-algorithm", `Le certificat « ${displayName(current)} » est signé avec ${sig.weak}, algorithme refusé.`));
      }
      if (sig.ok) {
        next = candidate;
        fromAnchor = isAnchor;
        break;
      }
      if (sig.unsupported) {
        reasons.push(error("unsupported", `Signature du certificat « ${displayName(current)} » non vérifiable : ${sig.unsupported}.`));
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
          ? `La signature du certificat « ${displayName(top)} » par son autorité « ${top.issuer} » est invalide.`
          : path.length >= maxLength
            ? "La chaîne de certificats est trop longue pour être vérifiée."
            : `L'autorité « ${top.issuer} » n'est pas une autorité de confiance (aucune chaîne vers une racine reconnue).`,
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
        reasons.push(error("expired", `Le certificat « ${name} » a expiré le ${frDate(c.notAfter)} (${t.label}).`));
      } else if (t.date.getTime() < c.notBefore.getTime()) {
        reasons.push(error("not-yet-valid", `Le certificat « ${name} » n'est valable qu'à partir du ${frDate(c.notBefore)} (${t.label}).`));
      }
    }
    const bits = rsaKeyBits(c.cert.subjectPublicKeyInfo);
    if (bits !== null && bits < MIN_RSA_BITS) {
      reasons.push(error("weak-algorithm", `La clé RSA du certificat « ${name} » ne fait que ${bits} bits (minimum ${MIN_RSA_BITS}).`));
    }
    if (c.badExtensions.length) {
      reasons.push(error("malformed", `Le certificat « ${name} » contient une extension illisible ou répétée (${c.badExtensions.join(", ")}).`));
    }
    // An anchor's own extensions are configuration; an end-entity's always constrain its use.
    if (c.unknownCritical.length && (!isAnchor || i === 0)) {
      reasons.push(error("unsupported", `Le certificat « ${name} » contient une extension critique non prise en charge (${c.unknownCritical.join(", ")}).`));
    }
    if (i === 0) {
      // The end-entity, even when trusted directly as an anchor, must fit the purpose.
      checkLeafUsage(c, opts.purpose, reasons);
      return;
    }
    // A CA certificate: it must be allowed to sign certificates, and be allowed this many below it.
    if (!c.basicConstraints?.ca) {
      reasons.push(error("untrusted-issuer", `Le certificat « ${name} » n'est pas celui d'une autorité de certification.`));
    } else if (c.basicConstraints.pathLen !== null) {
      const below = path.slice(1, i).filter((x) => !x.selfIssued).length;
      if (below > c.basicConstraints.pathLen) {
        reasons.push(error("untrusted-issuer", `L'autorité « ${name} » n'est pas autorisée à avoir des autorités intermédiaires sous elle.`));
      }
    }
    if (c.keyUsage && !c.keyUsage.has("keyCertSign")) {
      reasons.push(error("wrong-key-usage", `L'autorité « ${name} » n'a pas l'usage de clé « signature de certificats ».`));
    }
    // Like NSS: an intermediate restricted to other purposes cannot vouch for this one.
    if (!isAnchor && c.extKeyUsage && !c.extKeyUsage.includes(purposeEku(opts.purpose)) && !c.extKeyUsage.includes(OID.ekuAny)) {
      reasons.push(error("wrong-key-usage", `L'autorité « ${name} » n'est pas prévue pour ${purposeLabel(opts.purpose)}.`));
    }
  });
}

function purposeEku(p: Purpose): string {
  return p === "smime" ? OID.ekuEmailProtection : OID.ekuServerAuth;
}
function purposeLabel(p: Purpose): string {
  return p === "smime" ? "la signature de messages (protection du courrier)" : "l'authentification de serveurs";
}

function checkLeafUsage(c: CertInfo, purpose: Purpose, reasons: Reason[]): void {
  const name = displayName(c);
  // Like NSS: a CA certificate signs certificates, not messages, and does not serve TLS.
  if (c.basicConstraints?.ca) {
    reasons.push(
      error(
        "wrong-key-usage",
        purpose === "smime"
          ? `Le certificat « ${name} » est celui d'une autorité de certification : il ne peut pas signer de messages.`
          : `Le certificat « ${name} » est celui d'une autorité de certification : il ne peut pas être le certificat d'un serveur.`,
      ),
    );
  }
  if (c.extKeyUsage && !c.extKeyUsage.includes(purposeEku(purpose)) && !c.extKeyUsage.includes(OID.ekuAny)) {
    reasons.push(error("wrong-key-usage", `Le certificat « ${name} » n'est pas prévu pour ${purposeLabel(purpose)} (usage étendu de clé).`));
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
            ? `Le certificat « ${name} » n'autorise pas la signature (usage de clé).`
            : `Le certificat « ${name} » n'autorise pas l'établissement de sessions TLS (usage de clé).`,
        ),
      );
    }
  }
}

// A CRL kept by the caller is checked once per issuing certificate (and engine), not once per
// message; weakly kept, the entries go with the CRL and certificate objects.
let crlSignatureCache = new WeakMap<PkiCrypto, WeakMap<ParsedCrl, WeakMap<CertInfo, string | null>>>();

/** Null when the CRL's signature verifies with `issuer`'s key; otherwise why it does not (French). */
async function crlSignatureProblem(crl: ParsedCrl, issuer: CertInfo, crypto: PkiCrypto): Promise<string | null> {
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

async function checkCrlSignature(crl: ParsedCrl, issuer: CertInfo, crypto: PkiCrypto): Promise<string | null> {
  const sig = await checkSignature(crypto, crl.tbs, crl.signature, crl.signatureAlgorithm, issuer.cert.subjectPublicKeyInfo);
  // Fail closed: weak or not computable is as good as forged for a revocation list.
  const problem = sig.unsupported
    ? `a une signature non vérifiable (${sig.unsupported})`
    : sig.weak
      ? `est signée avec ${sig.weak}, algorithme refusé`
      : sig.ok
        ? null
        : "a une signature invalide";
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
      reasons.push(error("revocation-unknown", "La révocation n'a pas pu être vérifiée : aucune liste de révocation (CRL) n'a été fournie."));
      return "unknown";
    }
    reasons.push(
      info(
        "revocation-not-checked",
        withDp.length
          ? "Révocation non vérifiée : aucune liste de révocation (CRL) n'a été fournie."
          : "Révocation non vérifiée : les certificats n'indiquent pas de liste de révocation.",
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
        reasons.push(warning("crl-invalid", `La liste de révocation de « ${crl.issuer} » fournie ${problem} : elle est ignorée.`));
        continue;
      }
      crlVerified(crl, issuer);
      // A CRL issued after the verification time is kept: its entries carry their revocation dates,
      // so it still tells whether the certificate was revoked at that time.
      usable.push(crl);
    }
    const entry = usable.map((crl) => revocationOf(crl, c.serialHex)).find((e) => e !== null);
    if (entry && entry.date.getTime() > at.getTime()) {
      reasons.push(info("revoked-later", `Le certificat « ${name} » a été révoqué le ${frDate(entry.date)}, après la date de vérification.`));
    } else if (entry) {
      reasons.push(
        error(
          "revoked",
          `Le certificat « ${name} » a été révoqué le ${frDate(entry.date)}${entry.reason ? ` (motif : ${entry.reason})` : ""}.`,
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
    const why = stale ? `la liste de révocation de « ${c.issuer} » est périmée` : `aucune liste de révocation de « ${c.issuer} » n'a été fournie`;
    if (strict) {
      reasons.push(error("revocation-unknown", `Révocation du certificat « ${name} » non vérifiable : ${why}.`));
      if (overall === "good") overall = "unknown";
    } else {
      reasons.push(info("revocation-not-checked", `Révocation de l'autorité « ${name} » non vérifiée : ${why}.`));
    }
  }
  return overall;
}
