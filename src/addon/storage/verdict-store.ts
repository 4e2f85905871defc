// Verdicts already computed, so that a message is never scanned twice. Keyed by account, folder
// and Message-ID (stable across sessions, unlike Thunderbird's message ids; a copy of the same
// message in another folder is a message of its own and gets its own tag).
//
// They live in the add-on's own IndexedDB, not in storage.local: a scan reads and writes them by
// batches of 50, and storage.local took 40–70 ms per batch (each write is also broadcast to every
// listener of storage.onChanged) where one IndexedDB transaction takes a few: about 20 s of a
// 10,000-message scan (bench/scan-thunderbird.ts).
import { openDB, type IDBPDatabase } from "idb";
import { localGet, localGetAll, localRemove, localSet } from "../platform/storage.ts";
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

const STORE = "verdicts";
let db: Promise<IDBPDatabase> | undefined;
function open(): Promise<IDBPDatabase> {
  db ??= openDB("mssante-verdicts", 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  }).catch((err: unknown) => {
    db = undefined; // the next call tries again
    throw err;
  });
  return db;
}

export async function getVerdicts(keys: string[]): Promise<Record<string, StoredVerdict | undefined>> {
  if (keys.length === 0) return {};
  const tx = (await open()).transaction(STORE, "readonly");
  const values = (await Promise.all([...keys.map((k) => tx.store.get(k)), tx.done])) as (StoredVerdict | undefined)[];
  const out: Record<string, StoredVerdict | undefined> = {};
  keys.forEach((k, i) => {
    if (values[i] !== undefined) out[k] = values[i];
  });
  return out;
}

/** One transaction for the whole batch: all stored or none. */
export async function putVerdicts(entries: Record<string, StoredVerdict>): Promise<void> {
  const list = Object.entries(entries);
  if (list.length === 0) return;
  const tx = (await open()).transaction(STORE, "readwrite");
  await Promise.all([...list.map(([k, v]) => tx.store.put(v, k)), tx.done]);
}

export async function clearVerdicts(): Promise<void> {
  await (await open()).clear(STORE);
}

/** Every key kept (the bench checks that verdicts of deleted messages go). */
export async function verdictKeys(): Promise<string[]> {
  return (await (await open()).getAllKeys(STORE)) as string[];
}

/**
 * Removes the verdicts of messages no longer seen (deleted, moved): without it the store grows by one
 * entry per message ever received. `seen` holds the keys of every message a complete pass met.
 */
export async function pruneVerdicts(seen: ReadonlySet<string>): Promise<number> {
  const tx = (await open()).transaction(STORE, "readwrite");
  // Keys only: the verdicts themselves are never loaded to prune them. One transaction: a verdict
  // written meanwhile by new mail waits for it and is not lost.
  const stale = ((await tx.store.getAllKeys()) as string[]).filter((k) => !seen.has(k));
  await Promise.all([...stale.map((k) => tx.store.delete(k)), tx.done]);
  return stale.length;
}

/**
 * Versions up to 0.1.0 kept verdicts in storage.local under "v:" keys: they are dropped (the next
 * analysis computes them again; tags stay as they are meanwhile).
 */
export async function dropLegacyVerdicts(): Promise<number> {
  // Once: reading every key of storage.local (the white list among them) at each start would cost.
  if (await localGet(LEGACY_DROPPED)) return 0;
  const stale = Object.keys(await localGetAll()).filter((k) => k.startsWith("v:"));
  if (stale.length) await localRemove(stale);
  await localSet({ [LEGACY_DROPPED]: true });
  return stale.length;
}
const LEGACY_DROPPED = "verdictsMovedToIndexedDb";
