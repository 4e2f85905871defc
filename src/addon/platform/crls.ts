// Fetching CRLs from certificates' distribution points, keeping the last one that parsed: offline,
// it still answers (and a stale CRL still proves a revocation).
import { parseCrl, type ParsedCrl } from "../../core/pki/index.ts";
import { loadCachedCrl, saveCachedCrl } from "../storage/pki-store.ts";
import { fromBase64, toBase64 } from "../../core/base64.ts";

const CRL_TIMEOUT_MS = 10_000;

export async function fetchCrl(url: string): Promise<ParsedCrl | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(CRL_TIMEOUT_MS), credentials: "omit", cache: "no-store" });
    if (response.ok) {
      const der = new Uint8Array(await response.arrayBuffer());
      const crl = parseCrl(der);
      await saveCachedCrl({ url, der: toBase64(der), fetchedAt: new Date().toISOString() });
      return crl;
    }
  } catch {
    // Offline, host unknown, or not a CRL: fall back to the last one kept.
  }
  const cached = await loadCachedCrl(url);
  if (!cached) return undefined;
  try {
    return parseCrl(fromBase64(cached.der));
  } catch {
    return undefined;
  }
}

/** The CRLs of these distribution points that could be fetched or were kept. */
export async function crlsFor(urls: readonly string[]): Promise<ParsedCrl[]> {
  const found = await Promise.all(urls.filter((u) => /^https?:/i.test(u)).map(fetchCrl));
  return found.filter((c): c is ParsedCrl => Boolean(c));
}
