// Bench commands for health documents: compose with an IHE_XDM.ZIP attached and send through the
// real confirmation window (its page is read and its buttons clicked, as a user does), and the
// popup's « Autres messages de ce patient » button followed by what the message list then shows.
import { answerWarning, pendingWarnings } from "../../../src/addon/features/compose-guard.ts";
import { answerXdmSend, pendingXdmSends } from "../../../src/addon/features/xdm-send.ts";
import type { Handler } from "./handlers.ts";
import { sendAnswering } from "./compose-send.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// extension.getViews is not in the generated MV3 types, but Thunderbird keeps it for pages.
const views = (type?: string) => (messenger as unknown as { extension: { getViews(o: object): Window[] } }).extension.getViews(type ? { type } : {});

export interface ConfirmShown {
  title: string;
  blocked: boolean;
  patient: string;
  documents: string[];
  headers: string[];
  reasons: string[];
  warnings: string[];
  patientRecipients: string | null;
  sendLabel: string;
  /** Whether the page sits in a window of its own (not a tab of the compose window). */
  window: boolean;
}

function readConfirm(doc: Document): Omit<ConfirmShown, "window"> {
  const items = (id: string) => [...doc.querySelectorAll(`#${id} li`)].filter((li) => !li.closest("[hidden]")).map((li) => li.textContent ?? "");
  const prs = doc.getElementById("patient-recipients")!;
  return {
    title: doc.getElementById("title")?.textContent ?? "",
    blocked: !doc.getElementById("blocked")!.hidden,
    patient: doc.getElementById("patient")?.textContent ?? "",
    documents: items("documents"),
    headers: items("headers"),
    reasons: items("reasons"),
    warnings: items("warnings"),
    patientRecipients: prs.hidden ? null : (doc.getElementById("patient-addresses")?.textContent ?? ""),
    sendLabel: doc.getElementById("send")?.textContent ?? "",
  };
}

/**
 * The page of this send's window: the previous send's page may still be listed while its window
 * closes, and clicking there answers nobody (seen once on the bench).
 */
const confirmView = (id: string) => views().find((v) => v.location.href.includes(`/ui/xdm-send/confirm.html?id=${encodeURIComponent(id)}`));

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A new message from the identity with the given ZIP attachments (the bench sends them as base64). */
function beginWithDocuments(params: { identityId: string; to: string[]; subject: string; attachments: { name: string; base64: string }[] }) {
  return messenger.compose.beginNew({
    identityId: params.identityId,
    to: params.to,
    subject: params.subject,
    plainTextBody: "Bonjour, veuillez trouver ci-joint les résultats.\n",
    attachments: params.attachments.map((a) => ({ file: new File([b64(a.base64)], a.name, { type: "application/zip" }) })),
  });
}

export const xdmHandlers: Record<string, Handler> = {
  /**
   * Composes from `identityId` with the given attachments, sends, and answers: the outside-recipient
   * warning (if it opens) with `guard`, the health-document window by ticking « pas de réponse »
   * when `noReply` and clicking its Send or Cancel button. Returns what each window showed, in order.
   */
  async composeXdmAndSend(params: {
    identityId: string;
    to: string[];
    subject: string;
    attachments: { name: string; base64: string }[];
    answer: "send" | "cancel";
    noReply?: boolean;
    guard?: "send" | "cancel";
  }) {
    const tab = await beginWithDocuments(params);
    const order: string[] = [];
    let shown: ConfirmShown | null = null;
    let guardDone = false;
    const result = await sendAnswering(tab.id!, async () => {
      const w = pendingWarnings()[0];
      if (w?.shown && !guardDone) {
        order.push("guard");
        guardDone = true;
        answerWarning(w.id, (params.guard ?? "cancel") === "send");
      }
      const p = pendingXdmSends()[0];
      if (!p?.shown) return false;
      // The page asked for its content: wait until it has drawn it, then act on it.
      for (let i = 0; i < 100; i++) {
        const view = confirmView(p.id);
        const doc = view?.document;
        if (doc?.getElementById("title")?.textContent && doc.getElementById("send")?.textContent) {
          const win = p.windowId !== undefined ? await messenger.windows.get(p.windowId).catch(() => undefined) : undefined;
          if (params.noReply) {
            const box = doc.getElementById("no-reply") as HTMLInputElement;
            if (box.closest("[hidden]")) throw new Error("« pas de réponse » is not offered");
            box.click();
          }
          shown = { ...readConfirm(doc), window: win?.type === "popup" };
          order.push("xdm");
          (doc.getElementById(params.answer === "send" ? "send" : "cancel") as HTMLButtonElement).click();
          return true;
        }
        await sleep(100);
      }
      throw new Error("the health-document window did not render");
    });
    return { order, shown, ...result };
  },

  /** Starts a send with documents and leaves the confirmation window open (screenshots). */
  async composeXdmOpen(params: { identityId: string; to: string[]; subject: string; attachments: { name: string; base64: string }[]; noReply?: boolean }) {
    const tab = await beginWithDocuments(params);
    void messenger.compose.sendMessage(tab.id!, { mode: "sendNow" }).catch(() => undefined);
    for (let i = 0; i < 100; i++) {
      const p = pendingXdmSends()[0];
      const doc = p ? confirmView(p.id)?.document : undefined;
      if (p?.shown && doc?.getElementById("send")?.textContent) {
        if (params.noReply) (doc.getElementById("no-reply") as HTMLInputElement).click();
        return { id: p.id, composeTabId: tab.id };
      }
      await sleep(100);
    }
    throw new Error("the health-document window did not open");
  },

  async composeXdmCancel(params: { id: string; composeTabId: number }) {
    // false: the answer was no longer awaited (the event page lost it).
    const waited = answerXdmSend(params.id, { send: false });
    await sleep(300);
    await messenger.tabs.remove(params.composeTabId).catch(() => {});
    return { waited };
  },

  /**
   * Opens the action popup of the message shown in the main mail tab (popupOf must have displayed
   * it), clicks « Autres messages de ce patient », and returns the subjects the message list then
   * holds (the Quick Filter applied by Thunderbird) and what the popup said.
   */
  async patientSearchFromPopup() {
    const [mailTab] = await messenger.mailTabs.query({});
    const tabId = mailTab!.tabId;
    await messenger.tabs.update(tabId, { active: true });
    await messenger.messageDisplayAction.openPopup();
    let doc: Document | undefined;
    for (let i = 0; i < 100 && !doc; i++) {
      const d = views("popup")[0]?.document;
      if (d?.getElementById("header")?.className && !d.getElementById("xdm")!.hidden) doc = d;
      else await sleep(100);
    }
    if (!doc) throw new Error("the popup did not show « Documents de santé »");
    const button = doc.getElementById("xdm-search") as HTMLButtonElement;
    if (button.hidden) throw new Error("no « Autres messages de ce patient » button");
    const label = button.textContent ?? "";
    button.click();
    let done = "";
    for (let i = 0; i < 100 && !done; i++) {
      const el = doc.getElementById("xdm-search-done");
      const error = doc.getElementById("page-error");
      if (error && !error.hidden) throw new Error(`popup: ${error.textContent}`);
      if (el && !el.hidden) done = el.textContent ?? "";
      else await sleep(100);
    }
    views("popup")[0]?.close();
    // The Quick Filter searches asynchronously: wait until the listing stops changing.
    let last = "";
    let subjects: string[] = [];
    for (let i = 0; i < 50; i++) {
      await sleep(200);
      subjects = (await messenger.mailTabs.getListedMessages(tabId)).messages.map((m) => m.subject).sort();
      const now = subjects.join("\n");
      if (now === last) break;
      last = now;
    }
    return { label, done, subjects };
  },

  async clearQuickFilter() {
    const [mailTab] = await messenger.mailTabs.query({});
    await messenger.mailTabs.setQuickFilter(mailTab!.tabId, { show: false });
    return "ok";
  },
};
