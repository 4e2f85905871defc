// Bench commands for the directory feature.
import { refreshDirectory } from "../../../src/addon/platform/directory-download.ts";
import type { Handler } from "./handlers.ts";
import { answerWarning, pendingWarnings } from "../../../src/addon/features/compose-guard.ts";
import { sendAnswering } from "./compose-send.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Thunderbird folds long vCard lines (RFC 6350 §3.2): unfold before reading a property.
const unfold = (vcard: string) => vcard.replace(/\r?\n[ \t]/g, "");
const fn = (vcard: string) => /^FN:(.*)$/m.exec(unfold(vcard))?.[1]?.replace(/\\([,;\\])/g, "$1") ?? "";
const email = (vcard: string) => /^EMAIL[^:]*:(.*)$/m.exec(unfold(vcard))?.[1] ?? "";

export const directoryHandlers: Record<string, Handler> = {
  /**
   * Replies to all of the INBOX message with this subject (waiting for it to arrive) as the Reply
   * all button does, and sends; an outside-recipient warning is answered « send ».
   */
  async replyAllAndSend(params: { accountId: string; subject: string }) {
    const [inbox] = await messenger.folders.query({ accountId: params.accountId, specialUse: ["inbox"] });
    if (!inbox) throw new Error(`no INBOX in ${params.accountId}`);
    let message: messenger.messages.MessageHeader | undefined;
    for (let i = 0; i < 60 && !message; i++) {
      message = (await messenger.messages.list(inbox.id)).messages.find((m) => m.subject === params.subject);
      if (!message) await sleep(500);
    }
    if (!message) throw new Error(`no message "${params.subject}" in the INBOX`);
    const tab = await messenger.compose.beginReply(message.id, "replyToAll");
    const details = await messenger.compose.getComposeDetails(tab.id!);
    const result = await sendAnswering(tab.id!, () => {
      const w = pendingWarnings()[0];
      if (!w?.shown) return false;
      answerWarning(w.id, true);
      return true;
    });
    return { to: details.to, cc: details.cc, ...result };
  },

  async directoryRefresh() {
    return refreshDirectory(true);
  },

  /** What addressBooks.contacts.query returns (the add-on API path of the search). */
  async directoryQuery(params: { searchString: string; includeLocal: boolean }) {
    const nodes = await messenger.addressBooks.contacts.query({ searchString: params.searchString, includeRemote: true, includeLocal: params.includeLocal });
    return nodes.map((n) => ({ name: fn(n.vCard ?? ""), email: email(n.vCard ?? ""), remote: n.remote ?? false }));
  },

  /** The compose window's autocomplete (privileged test path). */
  async autocomplete(params: { searchString: string }) {
    return messenger.testbed.autocomplete(params.searchString);
  },

  /** Opens a compose window from the identity and types into its To: field as a user would. */
  async composeTypeTo(params: { identityId: string; text: string }) {
    const tab = await messenger.compose.beginNew({ identityId: params.identityId });
    for (let i = 0; i < 50; i++) {
      const rows = await messenger.testbed.composeType(params.text).catch(() => null);
      if (rows?.length) return { composeTabId: tab.id, rows };
      await new Promise((r) => setTimeout(r, 200));
    }
    return { composeTabId: tab.id, rows: [] as string[] };
  },

  async closeTab(params: { tabId: number }) {
    await messenger.tabs.remove(params.tabId);
    return "ok";
  },

  async setIntPref(params: { name: string; value: number }) {
    await messenger.testbed.setIntPref(params.name, params.value);
    return "ok";
  },

  /** The live source's status as the real options page shows it (loaded in a frame of this page). */
  async directoryOptionsLiveStatus() {
    const frame = document.createElement("iframe");
    frame.src = messenger.runtime.getURL("ui/options/options.html");
    (document.body ?? document.documentElement).append(frame);
    try {
      for (let i = 0; i < 100; i++) {
        const text = frame.contentDocument?.getElementById("dir-live-status")?.textContent ?? "";
        if (text) return text;
        await sleep(100);
      }
      throw new Error("options page: no status shown for the live source");
    } finally {
      frame.remove();
    }
  },

  /** Deletes the cards of an address from the user's own (local) address books, e.g. Collected Addresses. */
  async forgetContact(params: { email: string }) {
    const nodes = await messenger.addressBooks.contacts.query({ searchString: params.email, includeRemote: false, includeLocal: true });
    const mine = nodes.filter((n) => email(n.vCard ?? "").toLowerCase() === params.email.toLowerCase());
    for (const n of mine) await messenger.addressBooks.contacts.delete(n.id);
    return mine.length;
  },

  async addContact(params: { name: string; email: string }) {
    const books = await messenger.addressBooks.list(false);
    const personal = books.find((b) => !b.remote && !b.readOnly);
    if (!personal) throw new Error(`no writable address book: ${books.map((b) => b.name).join(", ")}`);
    const vCard = `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:${params.name}\r\nEMAIL;PREF=1:${params.email}\r\nEND:VCARD`;
    return messenger.addressBooks.contacts.create(personal.id, vCard);
  },
};
