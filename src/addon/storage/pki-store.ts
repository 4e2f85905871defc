// Trust anchors added by the user (PEM) and the CRLs fetched for signature checks. The last CRL that
// parsed is kept: offline, it still answers (and a stale CRL still proves a revocation).
import { localGet, localSet, onLocalChanged } from "../platform/storage.ts";

export interface CachedCrl {
  url: string;
  /** DER, base64. */
  der: string;
  fetchedAt: string;
}

export async function loadUserAnchors(): Promise<string[]> {
  return ((await localGet("userAnchors")) as string[] | undefined) ?? [];
}

export async function saveUserAnchors(pems: string[]): Promise<void> {
  await localSet({ userAnchors: pems });
}

export async function loadCachedCrl(url: string): Promise<CachedCrl | undefined> {
  return (await localGet(`crl:${url}`)) as CachedCrl | undefined;
}

export async function saveCachedCrl(crl: CachedCrl): Promise<void> {
  const index = await loadCrlIndex();
  await localSet({ [`crl:${crl.url}`]: crl, crlIndex: { ...index, [crl.url]: crl.fetchedAt } });
}

/** When each kept CRL was fetched, by URL: what signature verdicts depend on, without the CRLs' bytes. */
export async function loadCrlIndex(): Promise<Record<string, string>> {
  return ((await localGet("crlIndex")) as Record<string, string> | undefined) ?? {};
}

/**
 * Calls `listener` when what a signature verdict depends on changes: the user's anchors, the roots
 * the account feature installed (`trustAnchors`), or a CRL kept.
 */
export function onSignatureInputsChanged(listener: () => void): void {
  onLocalChanged((changes) => {
    if (Object.keys(changes).some((k) => k === "userAnchors" || k === "trustAnchors" || k === "crlIndex")) listener();
  });
}
