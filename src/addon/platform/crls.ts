// Fetching CRLs from certificates' distribution points, keeping the last good one: offline, it still
// answers (and a stale CRL still proves a revocation).
//
// "Good" is decided by the core, never here: a fetched CRL is kept only once a verification has
// checked its signature against the issuing CA of a trusted path (whenCrlVerified), and only while it
// is within its validity window and not older than the one kept (shouldKeepCrl). A CRL that does not
// verify is still handed to that verification (which ignores it) but never stored, so it can neither
// be kept nor replace a good one.
import { bytesEqual, parseCrl, shouldKeepCrl, whenCrlVerified, type ParsedCrl } from "../../core/pki/index.ts";
import { loadCachedCrl, saveCachedCrl } from "../storage/pki-store.ts";
import { fromBase64, toBase64 } from "../../core/base64.ts";

const CRL_TIMEOUT_MS = 10_000;

async function loadKept(url: string): Promise<{ crl: ParsedCrl; der: Uint8Array } | null> {
  try {
    const cached = await loadCachedCrl(url);
    if (!cached) return null;
    const der = fromBase64(cached.der);
    return { crl: parseCrl(der), der };
  } catch {
    return null;
  }
}

async function keep(url: string, der: Uint8Array, crl: ParsedCrl): Promise<void> {
  try {
    const kept = await loadKept(url);
    if (!shouldKeepCrl(crl, kept?.crl ?? null, new Date())) return;
    await saveCachedCrl({ url, der: toBase64(der), fetchedAt: new Date().toISOString() });
  } catch {
    // Storage unavailable: the CRL still served this verification.
  }
}

/** The fetched CRL (when it parsed) then the one kept, both for the core to verify. */
async function fetchCrls(url: string): Promise<ParsedCrl[]> {
  const out: ParsedCrl[] = [];
  let freshDer: Uint8Array | null = null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(CRL_TIMEOUT_MS), credentials: "omit", cache: "no-store" });
    if (response.ok) {
      const der = new Uint8Array(await response.arrayBuffer());
      const crl = parseCrl(der);
      whenCrlVerified(crl, () => void keep(url, der, crl));
      out.push(crl);
      freshDer = der;
    }
  } catch {
    // Offline, host unknown, or not a CRL: the one kept answers.
  }
  const kept = await loadKept(url);
  if (kept && !(freshDer && bytesEqual(freshDer, kept.der))) out.push(kept.crl);
  return out;
}

/** The CRL just fetched from `url` if it parsed, else the one kept (both unverified: the core checks them). */
export async function fetchCrl(url: string): Promise<ParsedCrl | undefined> {
  return (await fetchCrls(url))[0];
}

/** The CRLs of these distribution points that could be fetched or were kept. */
export async function crlsFor(urls: readonly string[]): Promise<ParsedCrl[]> {
  const found = await Promise.all(urls.filter((u) => /^https?:/i.test(u)).map(fetchCrls));
  return found.flat();
}
