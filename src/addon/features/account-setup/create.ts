// Step 5: credentials; the chains are checked again, the account is created through the Experiment
// (all or nothing), marked as MSSanté, and synced. The add-on never stores a password or a token
// itself: Thunderbird's login manager does.
import { formatDisplayName } from "../../../core/operators/display-name.ts";
import { createAccount, deleteAccount, syncAccount } from "../../platform/accounts-experiment.ts";
import { inboxOf, translate } from "../../platform/mail.ts";
import { getSettings, updateSettings } from "../../platform/settings.ts";
import { pscCovers, pscStatus } from "./psc.ts";
import { checkBoth } from "./servers.ts";
import { experimentFailure, fail, isFailure, session, sessions } from "./session.ts";
import type { CreateRequest, Created, Result } from "../../platform/contract.ts";

async function markMssante(accountId: string): Promise<void> {
  const settings = await getSettings();
  if (!settings.mssanteAccounts.includes(accountId)) await updateSettings({ mssanteAccounts: [...settings.mssanteAccounts, accountId] });
}

/** Asks for the INBOX until Thunderbird knows the folder (it discovers folders on first login). */
async function firstSync(accountId: string): Promise<boolean> {
  let asked = await syncAccount(accountId);
  for (let i = 0; !asked && i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (await inboxOf(accountId)) asked = await syncAccount(accountId);
  }
  return asked;
}

export async function createMssanteAccount(sessionId: string, request: CreateRequest): Promise<Result<Created>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!s.settings || s.checkedFor !== JSON.stringify(s.settings)) return fail("not-checked", translate("accountErrorNotChecked"));
  if (s.busy) return fail("busy", translate("accountErrorBusy"));
  const displayName = formatDisplayName(request.name);
  if (!request.name.lastName.trim()) return fail("name", translate("accountErrorName"));
  const oauth = request.credential === "psc";
  if (oauth) {
    const psc = pscStatus();
    if (!psc.configured) return fail("psc-not-configured", translate("accountErrorPscNotConfigured"));
    if (!pscCovers(s.settings.imap.host, psc) || !pscCovers(s.settings.smtp.host, psc)) return fail("psc-host", translate("accountErrorPscHost", [s.settings.imap.host]));
  } else if (request.credential === "client-certificate" && !request.pkcs12) return fail("client-certificate", translate("accountClientCertMissing"));
  else if (!request.secret) return fail("secret", translate("accountErrorSecret"));
  s.busy = true;
  try {
    // Checked again right before the credentials leave: the servers (or DNS) may have changed, and
    // Thunderbird must now trust the chain through the root just installed.
    const again = await checkBoth(s, s.settings);
    if (!again.ok) return again;
    if (again.anchors.length) return fail("anchor-missing", translate("accountErrorAnchorMissing"));
    if (!again.imap.trustedByThunderbird || !again.smtp.trustedByThunderbird) return fail("certificate", translate("accountErrorCertificateAfter", [s.settings.imap.host]));
    const certificate = request.credential === "client-certificate";
    const auth = oauth ? ("oauth2" as const) : certificate ? ("client-certificate" as const) : ("password" as const);
    const created = await createAccount({
      email: s.address,
      fullName: displayName,
      imap: { ...s.settings.imap, auth },
      smtp: { ...s.settings.smtp, auth },
      password: oauth || certificate ? undefined : request.secret,
      ...(certificate ? { clientCertificate: { pkcs12: request.pkcs12!, password: request.secret! } } : {}),
      // A one-time code is worth nothing once used: it is not kept.
      rememberPassword: request.credential === "password",
    });
    try {
      if (s.cancelled) throw new Error("cancelled");
      await markMssante(created.accountId);
    } catch (err) {
      // All or nothing: an account the user cancelled, or that is not marked, does not stay.
      await deleteAccount(created.accountId).catch((e: unknown) => console.error("[mssante] compte non retiré :", e));
      if (s.cancelled) return fail("cancelled", translate("accountErrorCancelled"));
      throw err;
    }
    sessions.delete(sessionId);
    const inboxRequested = await firstSync(created.accountId).catch(() => false);
    return { ok: true, ...created, displayName, inboxRequested };
  } catch (err) {
    return experimentFailure(err, `${s.settings.imap.host}:${s.settings.imap.port}`);
  } finally {
    s.busy = false;
  }
}
