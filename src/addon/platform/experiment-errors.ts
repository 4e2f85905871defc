// The add-on's Experiments (src/experiments) fail with "[kind:code] [params…]" (JSON): the kind
// says what failed (login, TLS, DNS…), the code why, in no language. Here they become
// AccountsApiError with the reason said in the user's language (_locales: experimentError_<code>).
// When Thunderbird does not load the Experiments, every call throws `unavailable` and the wizard
// shows the settings to enter by hand instead.
import { translate } from "./mail.ts";

export type AccountsErrorKind =
  | "unavailable"
  | "exists"
  | "login"
  | "certificate"
  | "unreachable"
  | "timeout"
  | "protocol"
  | "tls"
  | "pin"
  | "anchor"
  | "dns"
  | "sync"
  | "clientcert"
  | "account";

const KINDS = new Set<string>(["exists", "login", "certificate", "unreachable", "timeout", "protocol", "tls", "pin", "anchor", "dns", "sync", "clientcert", "account"]);

/** Every code the Experiments throw, each with its message experimentError_<code> (test/unit/locales.test.ts). */
export const EXPERIMENT_ERROR_CODES = [
  "logon-failed",
  "logon-timeout",
  "account-exists",
  "no-account",
  "client-cert-missing",
  "p12-bad-password",
  "p12-unreadable",
  "p12-collision",
  "p12-duplicate",
  "p12-refused",
  "p12-several-user-certs",
  "p12-no-user-cert",
  "not-pinned",
  "anchor-not-saved",
  "builtin-root",
  "unexpected-reply",
  "starttls-refused",
  "no-starttls",
  "dialogue-error",
  "server-unreachable",
  "tls-failed",
  "server-timeout",
  "dns-timeout",
] as const;
export type ExperimentErrorCode = (typeof EXPERIMENT_ERROR_CODES)[number] | "internal";

const CODES = new Set<string>(EXPERIMENT_ERROR_CODES);

export class AccountsApiError extends Error {
  constructor(
    readonly kind: AccountsErrorKind,
    /** Said in the user's language. */
    readonly detail: string,
    readonly code: ExperimentErrorCode = "internal",
    readonly params: string[] = [],
  ) {
    super(`[${kind}] ${detail}`);
    this.name = "AccountsApiError";
  }
}

/** Reads an Experiment's error; an error not in that form (a bug, Thunderbird's own) keeps its text. */
export function experimentError(err: unknown): AccountsApiError {
  const text = err instanceof Error ? err.message : String(err);
  // Bounded: one anchored match over the message, then one JSON parse of its tail.
  const m = /^\[([a-z]+):([a-z0-9-]+)\] (\[[\s\S]*\])$/.exec(text);
  if (!m || !KINDS.has(m[1]!)) return new AccountsApiError("account", text);
  const kind = m[1] as AccountsErrorKind;
  let params: string[];
  try {
    const parsed: unknown = JSON.parse(m[3]!);
    params = Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return new AccountsApiError(kind, text);
  }
  const code = m[2]!;
  if (!CODES.has(code)) return new AccountsApiError(kind, params.join(" ") || code);
  return new AccountsApiError(kind, translate(`experimentError_${code.replace(/-/g, "_")}`, params), code as ExperimentErrorCode, params);
}

/** True when Thunderbird loaded the add-on's Experiments (it may refuse non-allow-listed ones one day). */
export function accountsExperimentAvailable(): boolean {
  const m = messenger as unknown as Record<string, Record<string, unknown> | undefined>;
  return typeof m.mssanteAccounts?.createAccount === "function" && typeof m.mssanteCertificates?.installTrustAnchor === "function" && typeof m.mssanteServers?.getServerCertificates === "function";
}

export async function invoke<T>(run: () => Promise<T>): Promise<T> {
  if (!accountsExperimentAvailable()) throw new AccountsApiError("unavailable", translate("experimentUnavailable"));
  try {
    return await run();
  } catch (err) {
    throw experimentError(err);
  }
}
