// Check of the certificate chain an operator's IMAP/SMTP server presents (leaf first, then
// intermediates): path to the anchors, dates (with a warning before expiry), key usage for TLS
// servers, revocation, and optionally the issuing CA (IGC-Santé Élémentaire Organisations only) and
// the white list (the leaf's DN must be listed for the account's domain).
import { normaliseDn } from "../trust/whitelist.ts";
import type { CertInfo } from "./certificate.ts";
import { checkPath, displayName, distributionPoints, frDate } from "./chain.ts";
import type { ParsedCrl } from "./crl.ts";
import { defaultCrypto, type PkiCrypto } from "./crypto.ts";
import { colonHex } from "./der.ts";
import { EXPIRY_WARNING_DAYS } from "./igc-sante.ts";
import { OID_CN, dnValues } from "./names.ts";
import { error, sortReasons, statusOf, warning, type Reason, type Status } from "./reasons.ts";

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
    return await check(chain, options);
  } catch (err) {
    // Not expected (inputs are decoded certificates); a verdict all the same, never an exception.
    return empty(options.at ?? new Date(), error("malformed", `Vérification impossible : ${err instanceof Error ? err.message : String(err)}.`));
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
  if (!leaf) return empty(at, error("malformed", "Aucun certificat de serveur à vérifier."));
  const path = await checkPath({
    leaf,
    intermediates: chain.slice(1),
    anchors: options.anchors,
    times: [{ date: at, label: "à la date de vérification" }],
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
        error("wrong-issuer-ca", `Le certificat du serveur est émis par « ${cn ?? leaf.issuer} » et non par l'autorité attendue (IGC-Santé Élémentaire Organisations).`),
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
            ? `Le certificat « ${leaf.subject} » n'est pas celui que la liste blanche indique pour ${options.domain ?? "ce domaine"}.`
            : `Le domaine ${options.domain ?? ""} n'est pas dans la liste blanche MSSanté.`.replace("  ", " "),
        ),
      );
    }
  }

  const warnDays = options.expiryWarningDays ?? EXPIRY_WARNING_DAYS;
  for (const c of path.path) {
    const left = (c.notAfter.getTime() - at.getTime()) / DAY;
    if (left >= 0 && left <= warnDays) {
      reasons.push(
        warning(
          "expires-soon",
          `Le certificat « ${displayName(c)} » expire le ${frDate(c.notAfter)}, dans ${Math.floor(left)} jour${Math.floor(left) > 1 ? "s" : ""}.`,
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
