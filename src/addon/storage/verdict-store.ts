// Verdicts already computed, so that a message is never scanned twice. Keyed by account, folder
// and Message-ID (stable across sessions, unlike Thunderbird's message ids; a copy of the same
// message in another folder is a message of its own and gets its own tag).
import { localGetAll, localGetMany, localRemove, localSet } from "../platform/storage.ts";
import type { Category } from "../../core/trust/verdict.ts";

export interface StoredVerdict {
  trusted: boolean;
  category: Category;
  codes: string[];
  whitelistDate: string;
  tag?: string;
  /** What the verdict was computed from (list, overrides, account kind, marking, add-on version). */
  inputs?: string;
  /** For a signed message: the signature inputs (anchors, CRLs kept) its tag was computed from. */
  signature?: string;
}

export function verdictKey(message: { id: number; headerMessageId: string; folder?: { accountId?: string; path?: string } }): string {
  const folder = `${message.folder?.accountId ?? "?"}${message.folder?.path ?? "/?"}`;
  return `v:${folder}|${message.headerMessageId || `#${message.id}`}`;
}

export async function getVerdicts(keys: string[]): Promise<Record<string, StoredVerdict | undefined>> {
  if (keys.length === 0) return {};
  return (await localGetMany(keys)) as Record<string, StoredVerdict | undefined>;
}

export async function putVerdicts(entries: Record<string, StoredVerdict>): Promise<void> {
  await localSet(entries);
}

export async function clearVerdicts(): Promise<void> {
  const all = await localGetAll();
  const keys = Object.keys(all).filter((k) => k.startsWith("v:"));
  if (keys.length) await localRemove(keys);
}

/**
 * Removes the verdicts of messages no longer seen (deleted, moved): without it the store grows by one
 * entry per message ever received. `seen` holds the keys of every message a complete pass met.
 */
export async function pruneVerdicts(seen: ReadonlySet<string>): Promise<number> {
  const all = await localGetAll();
  const stale = Object.keys(all).filter((k) => k.startsWith("v:") && !seen.has(k));
  if (stale.length) await localRemove(stale);
  return stale.length;
}
