// S/MIME signatures of the displayed message, checked against the trust anchors (the IGC-Santé
// roots the user installed, plus anchors the user added) with revocation from the certificates'
// CRL distribution points. When a CRL cannot be fetched, the last one kept is used; with none,
// the status says revocation is unknown rather than pretending.
import { parseCertificates, parseCrl, verifySmime, type ParsedCrl, type SmimeVerdict } from "../../core/pki/index.ts";
import { handle } from "../platform/rpc.ts";
import { loadCachedCrl, loadUserAnchors, saveCachedCrl, saveUserAnchors } from "../storage/pki-store.ts";
import type { Feature } from "./index.ts";

// Same bound as the core's default: beyond it the status is "unsupported".
const MAX_MESSAGE = 64 * 1024 * 1024;
const CRL_TIMEOUT_MS = 10_000;

const b64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function anchors() {
  const pems = await loadUserAnchors();
  return pems.flatMap((pem) => {
    try {
      return parseCertificates(new TextEncoder().encode(pem));
    } catch {
      return [];
    }
  });
}

async function fetchCrl(url: string): Promise<ParsedCrl | undefined> {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), CRL_TIMEOUT_MS);
    const response = await fetch(url, { signal: controller.signal, credentials: "omit", cache: "no-store" });
    clearTimeout(timer);
    if (response.ok) {
      const der = new Uint8Array(await response.arrayBuffer());
      const crl = parseCrl(der);
      await saveCachedCrl({ url, der: b64(der), fetchedAt: new Date().toISOString() });
      return crl;
    }
  } catch {
    // Offline, host unknown, or not a CRL: fall back to the last one kept.
  }
  const cached = await loadCachedCrl(url);
  if (!cached) return undefined;
  try {
    return parseCrl(unb64(cached.der));
  } catch {
    return undefined;
  }
}

export async function checkSignature(messageId: number): Promise<SmimeVerdict> {
  const file = await messenger.messages.getRaw(messageId, { data_format: "File" });
  const bytes = typeof file === "string" ? Uint8Array.from(file.slice(0, MAX_MESSAGE + 1), (c) => c.charCodeAt(0) & 0xff) : new Uint8Array(await file.slice(0, MAX_MESSAGE + 1).arrayBuffer());
  const trustAnchors = await anchors();
  const first = await verifySmime(bytes, { anchors: trustAnchors });
  if (!first.signed || first.crlDistributionPoints.length === 0 || first.status !== "valid") return first;
  const crls = (await Promise.all(first.crlDistributionPoints.filter((u) => /^https?:/i.test(u)).map(fetchCrl))).filter((c): c is ParsedCrl => Boolean(c));
  return verifySmime(bytes, { anchors: trustAnchors, crls });
}

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
      if (certs.length === 0) throw new Error(messenger.i18n.getMessage("anchorsNotCertificate"));
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
