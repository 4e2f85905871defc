// Sending health documents from an MSSanté identity: when an IHE_XDM.ZIP is attached, the add-on
// reads it and, after the user has seen them in a window of its own, adds X-MSS-CODECDA and
// X-MSS-INS (and X-MSS-MES: FIN when the user chose « pas de réponse » for a patient) through
// the compose API's custom headers. The decision table is core/xdm/send-plan.ts.
//
// Cooperation with the other onBeforeSend listeners (compose-guard, directory-recipients):
// Thunderbird 153 runs an add-on's listeners one after the other, in the order they were added
// (features/index.ts), each given the details as the previous ones left them (ext-compose.js,
// beforeSendEventTracker); the first {cancel} stops the send. This one comes last: the user is
// asked about documents only for a message that the recipient warning let through, and the
// headers are merged into the custom headers as they are then (setComposeDetails replaces the
// whole list). Verified end to end by test/e2e/xdm-send.e2e.test.ts.
import { failedPlan, hasOwnHeaders, mergeHeaders, noReplyHeader, readXdmZip, sendPlan, XDM_ATTACHMENT_NAME, type SendPlan, type XdmAttachment } from "../../core/xdm/index.ts";
import { recordFailure } from "../platform/failures.ts";
import { getSettings } from "../platform/settings.ts";
import { identityAccount, translate } from "../platform/mail.ts";
import { closeWindow, composeAttachmentBytes, composeAttachments, onBeforeSend, onWindowClosed, openDialog, windowOpen, type ComposeDetails, type ComposeTab } from "../platform/compose.ts";
import { handle } from "../platform/rpc.ts";
import type { Feature } from "./feature.ts";

export type XdmSendAnswer = { send: false } | { send: true; noReply: boolean };

export interface PendingXdmSend {
  id: string;
  plan: Exclude<SendPlan, { kind: "none" }>;
  subject: string;
  windowId?: number;
  /** The page has loaded and asked for its content: the user sees it. */
  shown: boolean;
  resolve(answer: XdmSendAnswer): void;
}

const pending = new Map<string, PendingXdmSend>();

export function pendingXdmSends(): PendingXdmSend[] {
  return [...pending.values()];
}

export function answerXdmSend(id: string, answer: XdmSendAnswer): boolean {
  const p = pending.get(id);
  if (!p) return false;
  pending.delete(id);
  p.resolve(answer);
  if (p.windowId !== undefined) void closeWindow(p.windowId).catch(() => {});
  return true;
}

async function readAttachments(tabId: number): Promise<XdmAttachment[]> {
  const out: XdmAttachment[] = [];
  for (const a of await composeAttachments(tabId)) {
    if (!XDM_ATTACHMENT_NAME.test(a.name.trim())) continue;
    try {
      out.push({ name: a.name, xdm: await readXdmZip(await composeAttachmentBytes(a.id), undefined, translate) });
    } catch (err) {
      // Unreadable is said to the user (blocked plan), never taken as "no documents".
      out.push({ name: a.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

type BeforeSendResult = { cancel: true } | { details: ComposeDetails } | undefined;

async function beforeSend(tab: ComposeTab, details: ComposeDetails): Promise<BeforeSendResult> {
  // Our headers left by an earlier send that failed after this listener ran are never reused.
  const stale = hasOwnHeaders(details.customHeaders) ? { details: { customHeaders: mergeHeaders(details.customHeaders, []) } } : undefined;
  const recipients = [details.to, details.cc, details.bcc].flatMap((l) => (l === undefined ? [] : Array.isArray(l) ? l : [l])).filter((r): r is string => typeof r === "string");
  let plan: SendPlan;
  try {
    const settings = await getSettings();
    const accountId = details.identityId ? await identityAccount(details.identityId) : undefined;
    // An ordinary identity: the MSSanté conventions do not apply, its attachments are not read.
    if (!accountId || !settings.mssanteAccounts.includes(accountId) || tab.id === undefined) return stale;
    plan = sendPlan(await readAttachments(tab.id), recipients, translate, details.subject ?? "");
  } catch (err) {
    // A listener that throws leaves Thunderbird's compose window locked, the send neither done nor
    // refused: the failure goes to the same window, which says it and lets the user choose.
    plan = failedPlan(err instanceof Error ? err.message : String(err), recipients, translate);
  }
  if (plan.kind === "none") return stale;

  const id = crypto.randomUUID();
  const answer = new Promise<XdmSendAnswer>((resolve) => {
    pending.set(id, { id, plan, subject: details.subject ?? "", shown: false, resolve });
  });
  let windowId: number | undefined;
  try {
    windowId = await openDialog(`ui/xdm-send/confirm.html?id=${encodeURIComponent(id)}`, 620, plan.kind === "blocked" ? 460 : 520);
  } catch (err) {
    pending.delete(id);
    // No window, no consent: the send stops, Thunderbird keeps the compose window open, and the
    // options page says why (platform/failures.ts).
    await recordFailure("send", err);
    return { cancel: true };
  }
  const p = pending.get(id);
  if (p) p.windowId = windowId;
  // Thunderbird suspends an idle MV3 event page after 30 s; by its ext-backgroundPage.js a pending
  // listener buys only one more period, and a parent API call resets the timer. A suspended page
  // would lose this pending answer while the compose window stays locked: an API call every 20 s
  // keeps the page awake for as long as the window is open, and notices a window gone without its
  // close event. (Not reproducible on the bench, whose probe keeps the page awake by itself.)
  const keepAwake = setInterval(() => {
    if (windowId === undefined) return;
    void windowOpen(windowId).then((open) => {
      if (!open) answerXdmSend(id, { send: false });
    });
  }, 20_000);
  const a = await answer.finally(() => clearInterval(keepAwake));
  if (!a.send) return { cancel: true };
  const headers = [...(plan.kind === "confirm" ? plan.headers : []), ...noReplyHeader(plan, a.noReply)];
  return { details: { customHeaders: mergeHeaders(details.customHeaders, headers) } };
}

export const xdmSend: Feature = {
  name: "xdm-send",
  start() {
    onBeforeSend((tab, details) => beforeSend(tab, details));
    // Closing the window is a "no": nothing leaves without the user's answer.
    onWindowClosed((windowId) => {
      for (const p of pending.values()) if (p.windowId === windowId) answerXdmSend(p.id, { send: false });
    });
    handle("xdm-send:plan", (payload) => {
      const p = pending.get((payload as { id: string }).id);
      if (!p) return undefined;
      p.shown = true;
      return { plan: p.plan, subject: p.subject };
    });
    handle("xdm-send:answer", (payload) => {
      const a = payload as { id: string; send: boolean; noReply?: boolean };
      return answerXdmSend(a.id, a.send ? { send: true, noReply: a.noReply === true } : { send: false });
    });
  },
};
