// Bench commands for the signature check: trust anchors and the CRL cache, as the user and an
// earlier online session would have left them.
import { saveCachedCrl, saveUserAnchors } from "../../../src/addon/storage/pki-store.ts";
import type { Handler } from "./handlers.ts";

export const signatureHandlers: Record<string, Handler> = {
  async setAnchors(params: { pems: string[] }) {
    await saveUserAnchors(params.pems);
    return "ok";
  },
  async seedCrl(params: { url: string; der: string }) {
    await saveCachedCrl({ url: params.url, der: params.der, fetchedAt: new Date().toISOString() });
    return "ok";
  },
};
