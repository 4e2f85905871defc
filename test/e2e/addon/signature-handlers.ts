// Bench commands for the signature check: trust anchors and the CRL cache, as the user and an
// earlier online session would have left them.
import { saveCachedCrl, saveUserAnchors } from "../../../src/addon/storage/pki-store.ts";
import { checkFolderSignatures } from "../../../src/addon/features/folder-signatures.ts";
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
  async folderSignatures(params: { accountId: string }) {
    const [inbox] = await messenger.folders.query({ accountId: params.accountId, specialUse: ["inbox"] });
    if (!inbox) throw new Error("no INBOX");
    return checkFolderSignatures(inbox.id, inbox.path);
  },
  async seedCrl(params: { url: string; der: string }) {
    await saveCachedCrl({ url: params.url, der: params.der, fetchedAt: new Date().toISOString() });
    return "ok";
  },
};
