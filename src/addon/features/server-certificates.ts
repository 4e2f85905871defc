// The certificates the operator's IMAP and SMTP servers present, for every MSSanté account: read
// through the Experiment (no stable API gives them) at start-up, daily, and when an account becomes
// MSSanté, then checked like at setup: chain to a pinned IGC-Santé root through ÉLÉMENTAIRE
// ORGANISATIONS, dates (warning 30 days before expiry), revocation (CRL, last valid kept), and the
// leaf's DN listed for the account's domain in the white list. A new problem is notified once.
import { lookup } from "../../core/trust/whitelist.ts";
import { accountDomain, translate } from "../platform/mail.ts";
import { accountServers } from "../platform/accounts-experiment.ts";
import { accountsExperimentAvailable } from "../platform/experiment-errors.ts";
import { serverCertificates } from "../platform/servers-experiment.ts";
import { checkPresentedChain } from "../platform/server-check.ts";
import { everyDay } from "../platform/alarms.ts";
import { getSettings, onSettingsChanged } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";
import { loadChecks, loadNotified, saveChecks, type AccountServerCheck, type ServerStatus } from "../storage/server-check-store.ts";
import type { Feature } from "./feature.ts";
import { notify } from "../platform/notifications.ts";

const ALARM = "mssante-server-certificates";

async function checkOne(protocol: "imap" | "smtp", endpoint: { host: string; port: number; security: string }, domain: string, allowedDns: string[]): Promise<ServerStatus> {
  const base = { protocol, host: endpoint.host, port: endpoint.port };
  if (endpoint.security === "plain") {
    return { ...base, ok: false, problems: [{ code: "no-tls", message: translate("serverNoTls", [endpoint.host]), key: "serverNoTls", params: [endpoint.host] }], warnings: [] };
  }
  try {
    const presented = await serverCertificates({ host: endpoint.host, port: endpoint.port, protocol, security: endpoint.security as "starttls" | "tls" });
    // Without a CRL, checked again with none: revocation then shows as unknown.
    const check = await checkPresentedChain(presented, { host: endpoint.host, domain, allowedDns }, { fetchPinnedRoots: false, missingCrl: "report" });
    return { ...base, ok: check.ok, subject: check.subject, issuer: check.issuer, notAfter: check.notAfter, problems: check.problems, warnings: check.warnings };
  } catch (err) {
    const params = [endpoint.host, err instanceof Error ? err.message : String(err)];
    return { ...base, ok: false, problems: [{ code: "unreachable", message: translate("serverUnreachable", params), key: "serverUnreachable", params }], warnings: [] };
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
      await notify(`mssante-server-${accountId}`, {
        icon: "icons/verdict-outside.svg",
        title: translate("serverNotificationTitle"),
        message: first,
      });
      notified.push({ accountId, signature: sig, message: first, at: check.checkedAt });
    }
  }
  // The history of what was notified: shown in the options page, and how "once" is proven.
  await saveChecks(next, notified.slice(-50));
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
