// Bench commands for the signature check: trust anchors and the CRL cache, as the user and an
// earlier online session would have left them.
import { saveCachedCrl, saveUserAnchors } from "../../../src/addon/storage/pki-store.ts";
import { checkFolderSignatures } from "../../../src/addon/features/folder-signatures.ts";
import type { Handler } from "./handlers.ts";

export const signatureHandlers: Record<string, Handler> = {
  async setAnchors(params: { pems: string[] }) {
    await saveUserAnchors(params.pems);
    return "ok";
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
