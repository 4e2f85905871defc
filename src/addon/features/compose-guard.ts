// Before a message leaves an MSSanté identity, recipients outside the trust space trigger a
// warning that names them and lets the user cancel. Patients (patient.mssante.fr) are inside.
import { recipientsOutside, type RecipientCheck } from "../../core/trust/recipients.ts";
import { getSettings } from "../platform/settings.ts";
import { identityAccount } from "../platform/mail.ts";
import { handle } from "../platform/rpc.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";
import { closeWindow, onBeforeSend, onWindowClosed, openDialog, windowOpen, type ComposeDetails, type ComposeRecipientList } from "../platform/compose.ts";
import { recordFailure } from "../platform/failures.ts";
import type { Feature } from "./feature.ts";

export interface PendingWarning {
  id: string;
  recipients: RecipientCheck[];
  subject: string;
  windowId?: number;
  /** The warning page has loaded and asked for its content: the user sees it. */
  shown: boolean;
  resolve(send: boolean): void;
}

const pending = new Map<string, PendingWarning>();

/** Warnings waiting for the user's answer (the warning window reads its own). */
export function pendingWarnings(): PendingWarning[] {
  return [...pending.values()];
}

export function answerWarning(id: string, send: boolean): boolean {
  const w = pending.get(id);
  if (!w) return false;
  pending.delete(id);
  w.resolve(send);
  if (w.windowId !== undefined) void closeWindow(w.windowId).catch(() => {});
  return true;
}

function addresses(list: ComposeRecipientList | undefined): string[] {
  if (!list) return [];
  const items = Array.isArray(list) ? list : [list];
  // Address book references (contact or list ids) carry no address here: they are reported as unreadable.
  return items.map((r) => (typeof r === "string" ? r : `${r.type}:${r.nodeId}`));
}

async function beforeSend(details: ComposeDetails): Promise<{ cancel: boolean } | void> {
  const settings = await getSettings();
  const accountId = details.identityId ? await identityAccount(details.identityId) : undefined;
  if (!accountId || !settings.mssanteAccounts.includes(accountId)) return;
  const whitelist = await loadWhitelist();
  // Without any list the check cannot be made; the options page says the list is missing.
  if (!whitelist) return;
  const outside = recipientsOutside([...addresses(details.to), ...addresses(details.cc), ...addresses(details.bcc)], whitelist, settings.overrides);
  if (outside.length === 0) return;
  const id = crypto.randomUUID();
  const answer = new Promise<boolean>((resolve) => {
    pending.set(id, { id, recipients: outside, subject: details.subject ?? "", shown: false, resolve });
  });
  // Sized to its content (a few recipients); more scroll inside the list.
  const windowId = await openDialog(`ui/compose-warning/warning.html?id=${encodeURIComponent(id)}`, 560, 260);
  const w = pending.get(id);
  if (w) w.windowId = windowId;
  // A suspended MV3 event page would lose this pending answer while Thunderbird keeps the compose
  // window locked: a parent API call every 20 s keeps it awake while the warning is open (as
  // xdm-send does), and notices a window gone without its close event.
  const keepAwake = setInterval(() => {
    if (windowId === undefined) return;
    void windowOpen(windowId).then((open) => {
      if (!open) answerWarning(id, false);
    });
  }, 20_000);
  const send = await answer.finally(() => clearInterval(keepAwake));
  return send ? undefined : { cancel: true };
}

/**
 * The listener Thunderbird calls. A listener that throws leaves the send neither done nor refused:
 * the check failed, so the message does not leave (fail closed), the options page's « Problèmes
 * récents » keeps why, and a window tells the user now, where they are.
 */
async function guardedBeforeSend(details: ComposeDetails): Promise<{ cancel: boolean } | void> {
  try {
    return await beforeSend(details);
  } catch (err) {
    await recordFailure("send", err);
    const message = err instanceof Error ? err.message : String(err);
    await openDialog(`ui/compose-warning/warning.html?error=${encodeURIComponent(message)}`, 560, 220).catch(() => undefined);
    return { cancel: true };
  }
}

export const composeGuard: Feature = {
  name: "compose-guard",
  start() {
    onBeforeSend((_tab, details) => guardedBeforeSend(details));
    // Closing the warning window is a "no".
    onWindowClosed((windowId) => {
      for (const w of pending.values()) if (w.windowId === windowId) answerWarning(w.id, false);
    });
    handle("compose:warning", (payload) => {
      const w = pending.get((payload as { id: string }).id);
      if (!w) return undefined;
      w.shown = true;
      return { recipients: w.recipients, subject: w.subject };
    });
    handle("compose:answer", (payload) => {
      const p = payload as { id: string; send: boolean };
      return answerWarning(p.id, p.send);
    });
  },
};
