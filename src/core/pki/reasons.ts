// Verdict statuses and reasons of the certificate checks. A status is a stable string (the CLI, the
// popup and the acceptance tests rely on it); reasons explain it in a secretary's words, from
// _locales: each carries its message key and parameters, and its French words for the CLI.
// Every failed check adds an `error` reason; the status is the error of highest precedence below.

import { french, render, type Param, type Text, type Translate } from "../i18n.ts";

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
  /** For people: French unless the check was given another translator. */
  message: string;
  severity: Severity;
  /** The _locales key of `message` and its parameters. */
  key: string;
  params?: Param[];
}

function reason(code: string, t: Text, severity: Severity): Reason {
  return { code, message: render(t), severity, key: t.key, ...(t.params ? { params: t.params } : {}) };
}
export function error(code: Exclude<Status, "valid">, t: Text): Reason {
  return reason(code, t, "error");
}
export function warning(code: string, t: Text): Reason {
  return reason(code, t, "warning");
}
export function info(code: string, t: Text): Reason {
  return reason(code, t, "info");
}

/** The same reasons in the words of `translate` (the add-on passes Thunderbird's). */
export function localizeReasons(reasons: readonly Reason[], translate: Translate = french): Reason[] {
  return reasons.map((r) => ({ ...r, message: render(r, translate) }));
}

/** A verdict whose reasons and warnings are said by `translate`; unchanged without one. */
export function localizeVerdict<V extends { reasons: Reason[]; warnings: Reason[] }>(v: V, translate?: Translate): V {
  if (!translate) return v;
  return { ...v, reasons: localizeReasons(v.reasons, translate), warnings: localizeReasons(v.warnings, translate) };
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

/** The _locales key of a status's one-line summary (headlines, CLI): "pkiStatus_" + status. */
export function statusKey(status: Status): string {
  return `pkiStatus_${status.replace(/-/g, "_")}`;
}

/** One-line summary of a status (French by default). */
export function statusLabel(status: Status, translate: Translate = french): string {
  return translate(statusKey(status));
}

/** One-line French summary of a status, for the CLI's headlines. */
export const STATUS_LABELS = Object.fromEntries(STATUS_PRECEDENCE.map((s) => [s, statusLabel(s)])) as Record<Status, string>;
