// The last server-certificate check of each MSSanté account, and the history of what was notified
// (shown in the options page and the verdict popup; how "notified once" is proven).
import { localGet, localSet } from "../platform/storage.ts";
import type { Problem } from "../../core/operators/server-certificate.ts";

export interface ServerStatus {
  protocol: "imap" | "smtp";
  host: string;
  port: number;
  ok: boolean;
  subject?: string;
  issuer?: string;
  notAfter?: string;
  problems: Problem[];
  warnings: Problem[];
}

export interface AccountServerCheck {
  accountId: string;
  checkedAt: string;
  servers: ServerStatus[];
  /** Why no check could be made (no Experiment, no white list, unknown account…). */
  unavailable?: string;
}

export async function loadChecks(): Promise<Record<string, AccountServerCheck>> {
  return ((await localGet("serverChecks")) as Record<string, AccountServerCheck> | undefined) ?? {};
}

export interface ServerNotification {
  accountId: string;
  signature: string;
  message: string;
  at: string;
}

export async function loadNotified(): Promise<ServerNotification[]> {
  return ((await localGet("serverNotified")) as ServerNotification[] | undefined) ?? [];
}

export async function saveChecks(checks: Record<string, AccountServerCheck>, notified: ServerNotification[]): Promise<void> {
  await localSet({ serverChecks: checks, serverNotified: notified });
}
