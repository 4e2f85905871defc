// The user's own trust anchors for S/MIME signatures (options page: list, add, remove). The check
// of a message's signature itself is platform/signature-verify.ts (the popup, the tags and the
// folder check all use it).
import { parseCertificates } from "../../core/pki/index.ts";
import { handle } from "../platform/rpc.ts";
import { translate } from "../platform/mail.ts";
import { loadUserAnchors, saveUserAnchors } from "../storage/pki-store.ts";
import type { Feature } from "./feature.ts";

export const signatureCheck: Feature = {
  name: "signature-check",
  start() {
    handle("anchors:list", async () =>
      (await loadUserAnchors()).map((pem) => {
        try {
          const [cert] = parseCertificates(new TextEncoder().encode(pem));
          return { pem, subject: cert?.subject ?? "?", notAfter: cert?.notAfter.toISOString() ?? "" };
        } catch {
          return { pem, subject: "?", notAfter: "" };
        }
      }),
    );
    handle("anchors:add", async (payload) => {
      const pem = String((payload as { pem: string }).pem ?? "");
      // Refuse what is not a certificate, with the parser's own explanation.
      const certs = parseCertificates(new TextEncoder().encode(pem));
      if (certs.length === 0) throw new Error(translate("anchorsNotCertificate"));
      const current = await loadUserAnchors();
      await saveUserAnchors([...new Set([...current, pem.trim()])]);
      return certs.length;
    });
    handle("anchors:remove", async (payload) => {
      const pem = String((payload as { pem: string }).pem ?? "");
      await saveUserAnchors((await loadUserAnchors()).filter((p) => p !== pem));
      return true;
    });
  },
};
