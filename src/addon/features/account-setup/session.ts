// One wizard run: what the previous steps found (address, operators, settings, what was checked),
// so that a later step cannot skip an earlier one. And how failures are said.
import type { Operator } from "../../../core/operators/operator.ts";
import type { ServerSettings } from "../../../core/operators/settings.ts";
import type { Problem, TrustAnchorPin } from "../../../core/operators/server-certificate.ts";
import { AccountsApiError } from "../../platform/experiment-errors.ts";
import { translate } from "../../platform/mail.ts";
import type { Failure, Result } from "../../platform/contract.ts";

export interface Session {
  id: string;
  address: string;
  domain: string;
  operators: Operator[];
  operatorDns: string[];
  settings?: ServerSettings;
  /** Settings (JSON) the last successful server check was made for. */
  checkedFor?: string;
  anchorsNeeded: { pin: TrustAnchorPin; der: Uint8Array }[];
  cancelled: boolean;
  busy: boolean;
}

export const sessions = new Map<string, Session>();

export function fail(code: string, message: string, problems?: Problem[]): Failure {
  return { ok: false, code, message, problems };
}

export function session(id: string): Session | Failure {
  const s = sessions.get(id);
  if (!s) return fail("no-session", translate("accountErrorNoSession"));
  if (s.cancelled) return fail("cancelled", translate("accountErrorCancelled"));
  return s;
}

export const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

export function experimentFailure(err: unknown, host?: string): Failure {
  if (!(err instanceof AccountsApiError)) return fail("internal", translate("accountErrorInternal", [err instanceof Error ? err.message : String(err)]));
  switch (err.kind) {
    case "unavailable":
      return fail("unavailable", translate("accountErrorUnavailable"));
    case "unreachable":
    case "timeout":
      return fail("unreachable", translate("accountErrorUnreachable", [host ?? "", err.detail]));
    case "protocol":
    case "tls":
      return fail("unreachable", translate("accountErrorTls", [host ?? "", err.detail]));
    case "login":
      return fail("login", translate("accountErrorLogin", [host ?? ""]));
    case "certificate":
      return fail("certificate", translate("accountErrorCertificateAfter", [host ?? ""]));
    case "exists":
      return fail("exists", translate("accountErrorExists"));
    case "clientcert":
      return fail("client-certificate", translate("accountClientCertError", [err.detail]));
    default:
      return fail("internal", translate("accountErrorInternal", [err.detail]));
  }
}

/** Ends a run; a step in progress sees `cancelled` and undoes what it made. */
export function cancelSetup(sessionId: string): Result<object> {
  const s = sessions.get(sessionId);
  if (s) {
    s.cancelled = true;
    if (!s.busy) sessions.delete(sessionId);
  }
  return { ok: true };
}
