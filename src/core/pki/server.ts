// Check of the certificate chain an operator's IMAP/SMTP server presents (leaf first, then
// intermediates): path to the anchors, dates (with a warning before expiry), key usage for TLS
// servers, revocation, and optionally the issuing CA (IGC-Santé Élémentaire Organisations only) and
// the white list (the leaf's DN must be listed for the account's domain).
import { normaliseDn } from "../trust/whitelist.ts";
import type { CertInfo } from "./certificate.ts";
import { checkPath, displayName, distributionPoints, frDate } from "./chain.ts";
import type { ParsedCrl } from "./crl.ts";
import { defaultCrypto, type PkiCrypto } from "./crypto.ts";
import { PkiDecodeError, colonHex } from "./der.ts";
import { EXPIRY_WARNING_DAYS } from "./igc-sante.ts";
import { OID_CN, dnValues } from "./names.ts";
import { msg, type Translate } from "../i18n.ts";
import { error, localizeVerdict, sortReasons, statusOf, warning, type Reason, type Status } from "./reasons.ts";

export interface ServerChainOptions {
  anchors: readonly CertInfo[];
  at?: Date;
  crls?: readonly ParsedCrl[];
  requireRevocation?: boolean;
  crypto?: PkiCrypto;
  /**
   * Pattern the CN of the leaf's issuing CA must match. Unset: any CA under the anchors. The add-on
   * passes SERVER_ISSUER_CN (igc-sante.ts): IGC-Santé Élémentaire Organisations only.
   */
  expectedIssuerCn?: RegExp;
  /**
   * DNs the white list allows for the account's domain (as written in DNCertificatOperateur). When
   * given, the leaf's subject must be one of them.
   */
  allowedDns?: readonly string[];
  /** Domain the DNs were looked up for, for messages. */
  domain?: string;
  expiryWarningDays?: number;
  /** Words of the reasons (default: French, from _locales); the add-on passes Thunderbird's. */
  translate?: Translate;
}

export interface ServerCertVerdict {
  valid: boolean;
  status: Status;
  reasons: Reason[];
  warnings: Reason[];
  subject: string | null;
  issuer: string | null;
  notBefore: string | null;
  notAfter: string | null;
  /** Whole days from the verification time to the leaf's expiry (negative once expired). */
  daysLeft: number | null;
  serialNumber: string | null;
  dnsNames: string[];
  fingerprintSha256: string | null;
  /** Subjects of the certification path, leaf first. */
  chain: string[];
  /** CRL distribution points of the path's certificates (anchor excluded): what to fetch for revocation. */
  crlDistributionPoints: string[];
  checkedAt: string;
}

const DAY = 86_400_000;

export async function checkServerChain(chain: readonly CertInfo[], options: ServerChainOptions): Promise<ServerCertVerdict> {
  try {
    return localizeVerdict(await check(chain, options), options.translate);
  } catch (err) {
    // Not expected (inputs are decoded certificates); a verdict all the same, never an exception.
    const detail = err instanceof PkiDecodeError ? err.text : err instanceof Error ? err.message : String(err);
    return localizeVerdict(empty(options.at ?? new Date(), error("malformed", msg("pkiCheckImpossible", detail))), options.translate);
  }
}

function empty(at: Date, reason: Reason): ServerCertVerdict {
  return {
    valid: false,
    status: statusOf([reason]),
    reasons: [reason],
    warnings: [],
    subject: null,
    issuer: null,
    notBefore: null,
    notAfter: null,
    daysLeft: null,
    serialNumber: null,
    dnsNames: [],
    fingerprintSha256: null,
    chain: [],
    crlDistributionPoints: [],
    checkedAt: at.toISOString(),
  };
}

async function check(chain: readonly CertInfo[], options: ServerChainOptions): Promise<ServerCertVerdict> {
  const at = options.at ?? new Date();
  const crypto = options.crypto ?? defaultCrypto();
  const reasons: Reason[] = [];
  const leaf = chain[0];
  if (!leaf) return empty(at, error("malformed", msg("pkiNoServerCertificate")));
  const path = await checkPath({
    leaf,
    intermediates: chain.slice(1),
    anchors: options.anchors,
    times: [{ date: at, label: msg("pkiAtVerificationTime") }],
    purpose: "server",
    revocation: { crls: options.crls, require: options.requireRevocation },
    crypto,
  });
  reasons.push(...path.reasons);

  if (options.expectedIssuerCn) {
    const issuerCert = path.path[1];
    const cn = issuerCert ? dnValues(issuerCert.cert.subject, OID_CN)[0] : dnValues(leaf.cert.issuer, OID_CN)[0];
    if (!cn || !options.expectedIssuerCn.test(cn)) {
      reasons.push(
        error("wrong-issuer-ca", msg("pkiServerWrongIssuer", cn ?? leaf.issuer)),
      );
    }
  }

  if (options.allowedDns) {
    const mine = normaliseDn(leaf.subject).toLowerCase();
    if (!options.allowedDns.some((dn) => normaliseDn(dn).toLowerCase() === mine)) {
      reasons.push(
        error(
          "not-whitelisted",
          options.allowedDns.length
            ? options.domain
              ? msg("pkiServerNotWhitelisted", leaf.subject, options.domain)
              : msg("pkiServerNotWhitelistedNoDomain", leaf.subject)
            : options.domain
              ? msg("pkiDomainNotWhitelisted", options.domain)
              : msg("pkiDomainNotWhitelistedNoDomain"),
        ),
      );
    }
  }

  const warnDays = options.expiryWarningDays ?? EXPIRY_WARNING_DAYS;
  for (const c of path.path) {
    const left = (c.notAfter.getTime() - at.getTime()) / DAY;
    if (left >= 0 && left <= warnDays) {
      const days = Math.floor(left);
      reasons.push(
        warning(
          "expires-soon",
          msg(days > 1 ? "pkiExpiresSoonDays" : "pkiExpiresSoonDay", displayName(c), frDate(c.notAfter), String(days)),
        ),
      );
    }
  }

  const sorted = sortReasons(reasons);
  const status = statusOf(sorted);
  return {
    valid: status === "valid",
    status,
    reasons: sorted,
    warnings: sorted.filter((r) => r.severity === "warning"),
    subject: leaf.subject,
    issuer: leaf.issuer,
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    daysLeft: Math.floor((leaf.notAfter.getTime() - at.getTime()) / DAY),
    serialNumber: leaf.serialHex,
    dnsNames: leaf.dnsNames,
    fingerprintSha256: colonHex(await crypto.digest("SHA-256", leaf.der)),
    chain: path.path.map((c) => c.subject),
    crlDistributionPoints: distributionPoints(path.path, path.anchored),
    checkedAt: at.toISOString(),
  };
}
