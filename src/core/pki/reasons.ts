// Verdict statuses and reasons of the certificate checks. A status is a stable string (the CLI, the
// popup and the acceptance tests rely on it); reasons explain it in French, a secretary's words.
// Every failed check adds an `error` reason; the status is the error of highest precedence below.

export type Status =
  | "malformed"
  | "unsupported"
  | "encrypted"
  | "not-signed"
  | "nested-signature"
  | "altered"
  | "bad-signature"
  | "untrusted-issuer"
  | "revoked"
  | "expired"
  | "not-yet-valid"
  | "weak-algorithm"
  | "wrong-key-usage"
  | "wrong-issuer-ca"
  | "signer-mismatch"
  | "not-whitelisted"
  | "signing-time-mismatch"
  | "revocation-unknown"
  | "valid";

/**
 * Most decisive first. Structure before content (nothing else can be trusted when the structure is
 * not understood), content integrity before identity (an altered message is altered whoever signed
 * it), identity (chain, revocation, dates) before policy (key usage, issuing CA, From, Date).
 */
export const STATUS_PRECEDENCE: readonly Status[] = [
  "malformed",
  "unsupported",
  "encrypted",
  "not-signed",
  "nested-signature",
  "altered",
  "bad-signature",
  "untrusted-issuer",
  "revoked",
  "expired",
  "not-yet-valid",
  "weak-algorithm",
  "wrong-key-usage",
  "wrong-issuer-ca",
  "signer-mismatch",
  "not-whitelisted",
  "signing-time-mismatch",
  "revocation-unknown",
  "valid",
];

export type Severity = "error" | "warning" | "info";

export interface Reason {
  /** For errors, the status it leads to; otherwise a stable informational code. */
  code: string;
  /** French, for people. */
  message: string;
  severity: Severity;
}

export function error(code: Exclude<Status, "valid">, message: string): Reason {
  return { code, message, severity: "error" };
}
export function warning(code: string, message: string): Reason {
  return { code, message, severity: "warning" };
}
export function info(code: string, message: string): Reason {
  return { code, message, severity: "info" };
}

const rank = (code: string): number => {
  const i = STATUS_PRECEDENCE.indexOf(code as Status);
  return i < 0 ? STATUS_PRECEDENCE.length : i;
};
const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The status the reasons lead to: the error of highest precedence, or `valid`. */
export function statusOf(reasons: readonly Reason[]): Status {
  let best: Status = "valid";
  for (const r of reasons) {
    if (r.severity === "error" && rank(r.code) < rank(best)) best = r.code as Status;
  }
  return best;
}

/** Errors first (by precedence), then warnings, then information; duplicates removed. */
export function sortReasons(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  const unique = reasons.filter((r) => {
    const key = `${r.severity}|${r.code}|${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique
    .map((r, i) => ({ r, i }))
    .sort((a, b) => severityRank[a.r.severity] - severityRank[b.r.severity] || rank(a.r.code) - rank(b.r.code) || a.i - b.i)
    .map(({ r }) => r);
}

/** One-line French summary of a status, for headlines. */
export const STATUS_LABELS: Record<Status, string> = {
  malformed: "Structure illisible ou corrompue",
  unsupported: "Format non pris en charge",
  encrypted: "Message chiffré",
  "not-signed": "Message non signé",
  "nested-signature": "Signature imbriquée refusée",
  altered: "Contenu modifié après la signature",
  "bad-signature": "Signature invalide",
  "untrusted-issuer": "Autorité de certification non reconnue",
  revoked: "Certificat révoqué",
  expired: "Certificat expiré",
  "not-yet-valid": "Certificat pas encore valide",
  "weak-algorithm": "Algorithme trop faible",
  "wrong-key-usage": "Certificat non prévu pour cet usage",
  "wrong-issuer-ca": "Autorité émettrice inattendue",
  "signer-mismatch": "Signataire différent de l'expéditeur",
  "not-whitelisted": "Certificat absent de la liste blanche",
  "signing-time-mismatch": "Date de signature incohérente",
  "revocation-unknown": "Révocation non vérifiable",
  valid: "Valide",
};
