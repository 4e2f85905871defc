// The IGC-Santé roots the add-on installed in Thunderbird's certificate database, remembered so
// that they can be listed, used as trust anchors, and removed (only those).
import { localGet, localSet } from "../platform/storage.ts";

export interface StoredAnchor {
  sha256: string;
  name: string;
  subject: string;
  /** Base64 DER. */
  der: string;
  installedAt: string;
  /** The certificate was already in the database (untrusted): removal only withdraws the trust. */
  previouslyPresent: boolean;
}

export async function loadInstalledAnchors(): Promise<StoredAnchor[]> {
  return ((await localGet("trustAnchors")) as StoredAnchor[] | undefined) ?? [];
}

export async function saveInstalledAnchors(list: StoredAnchor[]): Promise<void> {
  await localSet({ trustAnchors: list });
}
