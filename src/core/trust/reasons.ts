// Every reason a verdict can give: a stable code (for tests, filters and the acceptance CLI), a
// severity, and a message key in _locales ("reason_" + code with "-" turned into "_").

export type Severity = "info" | "warning" | "danger";

export const REASONS = {
  // Where the sender stands.
  "whitelisted-domain": "info",
  "patient-sender": "info",
  "outside-domain": "danger",
  "ordinary-mail": "info",
  "impersonation-other-account": "danger",
  "training-domain": "danger",
  "lookalike-domain": "danger",
  "mssante-lookalike": "danger",
  "claims-mssante": "danger",
  "claims-ans": "danger",
  "claims-ordre": "danger",
  "claims-operator": "danger",
  "mixed-script-domain": "danger",
  "international-domain": "warning",
  "invalid-domain": "danger",
  "domain-hidden-character": "danger",
  // How the From field is written.
  "no-from": "danger",
  "several-from-fields": "danger",
  "several-authors": "danger",
  "unreadable-from": "danger",
  "malformed-from": "danger",
  "encoded-address": "danger",
  "display-name-address": "danger",
  "comment-address": "danger",
  "nul-bytes": "danger",
  "bare-carriage-return": "danger",
  "disguised-field-name": "danger",
  "header-too-large": "danger",
  "header-too-complex": "danger",
  "local-part-hidden-character": "danger",
  "display-differs": "danger",
  // Sender and Reply-To.
  "several-sender-fields": "danger",
  "malformed-sender": "danger",
  "sender-outside": "danger",
  "sender-differs": "info",
  "reply-to-outside": "warning",
  // Relay announced by the user's own operator.
  "relay-match": "info",
  "relay-mismatch": "warning",
  // The user's own decisions.
  "user-override-trusted": "warning",
  "user-override-untrusted": "danger",
} as const satisfies Record<string, Severity>;

export type ReasonCode = keyof typeof REASONS;

// Computed once per code: the verdict asks for a key with every reason it gives.
const KEYS = new Map<string, string>();

export function messageKey(code: ReasonCode): string {
  let key = KEYS.get(code);
  if (key === undefined) {
    key = `reason_${code.replace(/-/g, "_")}`;
    if (KEYS.size < 1000) KEYS.set(code, key);
  }
  return key;
}
