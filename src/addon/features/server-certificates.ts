// The certificates the operator's IMAP and SMTP servers present, for every MSSanté account: read
// through the Experiment (no stable API gives them) at start-up, daily, and when an account becomes
// MSSanté, then checked like at setup: chain to a pinned IGC-Santé root through ÉLÉMENTAIRE
// ORGANISATIONS, dates (warning 30 days before expiry), revocation (CRL, last valid kept), and the
// leaf's DN listed for the account's domain in the white list. A new problem is notified once.
import { checkServerCertificate, type Problem } from "../../core/operators/server-certificate.ts";
import { lookup } from "../../core/trust/whitelist.ts";
import { accountDomain, translate } from "../platform/mail.ts";
import { accountServers, accountsExperimentAvailable, serverCertificates } from "../platform/accounts-experiment.ts";
import { crlsFor } from "../platform/crls.ts";
import { everyDay } from "../platform/alarms.ts";
import { fromBase64 } from "../../core/base64.ts";
import { getSettings, onSettingsChanged } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";
import { anchorPolicy, trustAnchorsAdded } from "./account-setup.ts";
import type { Feature } from "./feature.ts";

const ALARM = "mssante-server-certificates";

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
  return ((await messenger.storage.local.get("serverChecks")).serverChecks as Record<string, AccountServerCheck> | undefined) ?? {};
}

export interface ServerNotification {
  accountId: string;
  signature: string;
  message: string;
  at: string;
}

export async function loadNotified(): Promise<ServerNotification[]> {
  return ((await messenger.storage.local.get("serverNotified")).serverNotified as ServerNotification[] | undefined) ?? [];
}


async function checkOne(protocol: "imap" | "smtp", endpoint: { host: string; port: number; security: string }, domain: string, allowedDns: string[]): Promise<ServerStatus> {
  const base = { protocol, host: endpoint.host, port: endpoint.port };
  if (endpoint.security === "plain") {
    return { ...base, ok: false, problems: [{ code: "no-tls", message: translate("serverNoTls", [endpoint.host]) }], warnings: [] };
  }
  try {
    const presented = await serverCertificates({ host: endpoint.host, port: endpoint.port, protocol, security: endpoint.security as "starttls" | "tls" });
    const policy = anchorPolicy();
    const anchors = (await trustAnchorsAdded()).map((a) => fromBase64(a.der));
    const input = {
      host: endpoint.host,
      chain: presented.certificates.map(fromBase64),
      tlsVersion: presented.tlsVersion ?? undefined,
      anchors,
      pins: policy.pins,
      issuerCn: policy.issuerCn,
      allowedDns,
      domain,
    };
    // First without revocation, to learn the distribution points; then with the CRLs found.
    const first = await checkServerCertificate(input);
    const dps = first.verdict?.crlDistributionPoints ?? [];
    const check = dps.length ? await checkServerCertificate({ ...input, crls: await crlsFor(dps) }) : first;
    return { ...base, ok: check.ok, subject: check.subject, issuer: check.issuer, notAfter: check.notAfter, problems: check.problems, warnings: check.warnings };
  } catch (err) {
    return { ...base, ok: false, problems: [{ code: "unreachable", message: translate("serverUnreachable", [endpoint.host, err instanceof Error ? err.message : String(err)]) }], warnings: [] };
  }
}

export async function checkAccount(accountId: string): Promise<AccountServerCheck> {
  const checkedAt = new Date().toISOString();
  if (!accountsExperimentAvailable()) return { accountId, checkedAt, servers: [], unavailable: translate("serverCheckNoExperiment") };
  const [whitelist, domain, servers] = await Promise.all([loadWhitelist(), accountDomain(accountId), accountServers(accountId)]);
  if (!whitelist) return { accountId, checkedAt, servers: [], unavailable: translate("verdictNoList") };
  if (!servers || !domain) return { accountId, checkedAt, servers: [], unavailable: translate("serverCheckNoAccount") };
  const allowedDns = lookup(whitelist, domain)?.operatorDns ?? [];
  const results = [await checkOne("imap", servers.imap, domain, allowedDns)];
  if (servers.smtp) results.push(await checkOne("smtp", servers.smtp, domain, allowedDns));
  return { accountId, checkedAt, servers: results };
}

const signature = (c: AccountServerCheck) =>
  c.servers.flatMap((s) => [...s.problems, ...s.warnings].map((p) => `${s.protocol}:${p.code}`)).sort().join(",");

let queue: Promise<unknown> = Promise.resolve();

/**
 * Checks every MSSanté account; notifies problems that were not there at the previous check.
 * One check at a time, in the order asked: two overlapping runs would each write what they saw,
 * the older result last.
 */
export function checkAllAccounts(): Promise<Record<string, AccountServerCheck>> {
  const run = queue.then(runChecks, runChecks);
  queue = run.catch(() => undefined);
  return run;
}

async function runChecks(): Promise<Record<string, AccountServerCheck>> {
  const { mssanteAccounts } = await getSettings();
  const previous = await loadChecks();
  const next: Record<string, AccountServerCheck> = {};
  const notified = await loadNotified();
  for (const accountId of mssanteAccounts) {
    const check = await checkAccount(accountId);
    next[accountId] = check;
    const sig = signature(check);
    if (sig && sig !== signature(previous[accountId] ?? { accountId, checkedAt: "", servers: [] })) {
      const first = check.servers.flatMap((s) => [...s.problems, ...s.warnings].map((p) => `${s.host} : ${p.message}`))[0] ?? "";
      await messenger.notifications.create(`mssante-server-${accountId}`, {
        type: "basic",
        iconUrl: messenger.runtime.getURL("icons/verdict-outside.svg"),
        title: translate("serverNotificationTitle"),
        message: first,
      });
      notified.push({ accountId, signature: sig, message: first, at: check.checkedAt });
    }
  }
  // The history of what was notified: shown in the options page, and how "once" is proven.
  await messenger.storage.local.set({ serverChecks: next, serverNotified: notified.slice(-50) });
  return next;
}

export const serverCertificatesFeature: Feature = {
  name: "server-certificates",
  start() {
    // A minute after the first start (Thunderbird's own start first), then daily.
    everyDay(ALARM, "servers", 1, checkAllAccounts);
    let known: string[] | undefined;
    onSettingsChanged((s) => {
      // An account just marked MSSanté (by the wizard or the user) is checked at once.
      if (known && s.mssanteAccounts.some((id) => !known!.includes(id))) inBackground("servers", checkAllAccounts);
      known = s.mssanteAccounts;
    });
    inBackground("servers", async () => {
      known ??= (await getSettings()).mssanteAccounts;
    });
    handle("servers:status", () => loadChecks());
    handle("servers:check", () => checkAllAccounts());
  },
};
