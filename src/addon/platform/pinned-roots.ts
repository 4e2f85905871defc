// The pinned IGC-Santé roots from their official address, for a server that does not send its root
// while the add-on does not hold it yet. A download is kept only if its fingerprint is the pinned one.
import { derFromPemOrDer } from "../../core/pki/der.ts";
import { pinFor, sha256Fingerprint, type TrustAnchorPin } from "../../core/operators/server-certificate.ts";

const downloaded = new Map<string, Uint8Array>();

/** The pinned root, or undefined when it cannot be had (said in the console: the check then refuses the chain). */
export async function downloadPinned(pin: TrustAnchorPin): Promise<Uint8Array | undefined> {
  const cached = downloaded.get(pin.sha256);
  if (cached) return cached;
  if (!pin.url) return undefined;
  try {
    const response = await fetch(pin.url, { cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(20000) });
    if (!response.ok) return undefined;
    // PEM or DER: the first certificate; anything else has no fingerprint to match.
    const der = derFromPemOrDer(new Uint8Array(await response.arrayBuffer()), ["CERTIFICATE"])[0];
    if (!der || !pinFor(await sha256Fingerprint(der), [pin])) {
      console.warn(`[mssante] ${pin.url} : empreinte différente de celle attendue pour ${pin.name}, certificat ignoré`);
      return undefined;
    }
    downloaded.set(pin.sha256, der);
    return der;
  } catch (err) {
    console.warn(`[mssante] racine ${pin.name} non téléchargée depuis ${pin.url} :`, err instanceof Error ? err.message : err);
    return undefined;
  }
}
