// Bench commands for the signature check: trust anchors and the CRL cache, as the user and an
// earlier online session would have left them.
import { saveCachedCrl, saveUserAnchors } from "../../../src/addon/storage/pki-store.ts";
import { checkSignature } from "../../../src/addon/platform/signature-verify.ts";
import type { Handler } from "./handlers.ts";

export const signatureHandlers: Record<string, Handler> = {
  async setAnchors(params: { pems: string[] }) {
    await saveUserAnchors(params.pems);
    return "ok";
  },
  /**
   * The signature check the popup shows, for one message of the INBOX, without opening it in a tab
   * (opening tabs in headless Thunderbird 153 intermittently hits stale message headers).
   */
  async signatureOf(params: { accountId: string; subject: string }) {
    const [inbox] = await messenger.folders.query({ accountId: params.accountId, specialUse: ["inbox"] });
    if (!inbox) throw new Error("no INBOX");
    let page = await messenger.messages.list(inbox.id);
    for (;;) {
      const m = page.messages.find((x) => x.subject === params.subject);
      if (m) return checkSignature(m.id);
      if (!page.id) {
        // Say what is there instead: the flake this guards against showed an empty INBOX.
        const all = await messenger.messages.list(inbox.id);
        throw new Error(`no message "${params.subject}" in ${inbox.id}; listed now: ${JSON.stringify(all.messages.map((x) => x.subject))}; state: ${await messenger.testbed.inboxDiag(params.accountId)}; folder events: ${(globalThis as { mssanteFolderEvents?: string[] }).mssanteFolderEvents?.join(" | ")}`);
      }
      page = await messenger.messages.continueList(page.id);
    }
  },
  /** What the folder pane's "check signatures" command does, on the account's INBOX. */
  /**
   * « Vérifier les signatures S/MIME du dossier » from the folder pane's real context menu, then the
   * report the add-on kept and the tab it opened for the user to read it.
   */
  async folderSignaturesByMenu(params: { accountId: string; label: string }) {
    const before = new Date().toISOString();
    const tabsBefore = new Set((await messenger.tabs.query({})).map((t) => t.id));
    const labels = await messenger.testbed.clickFolderMenu(params.accountId, params.label);
    for (let i = 0; i < 300; i++) {
      const { folderSignatureReport: report } = await messenger.storage.local.get("folderSignatureReport");
      if (report && (report as { checkedAt: string }).checkedAt >= before) {
        const opened = (await messenger.tabs.query({})).filter((t) => !tabsBefore.has(t.id)).map((t) => t.url ?? "");
        return { labels, report, opened };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no folder report after the menu (menu showed: ${labels.join(" | ")})`);
  },
  async seedCrl(params: { url: string; der: string }) {
    await saveCachedCrl({ url: params.url, der: params.der, fetchedAt: new Date().toISOString() });
    return "ok";
  },
};
