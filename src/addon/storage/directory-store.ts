// The directory index lives in the add-on's own IndexedDB (it is personal data: never elsewhere).
// A new index is written in one transaction that replaces the old one: readers see either the
// old or the new index, never a mix, and a failed import leaves the old one untouched.
import { openDB, type IDBPDatabase } from "idb";
import type { DirectoryManifest } from "../../core/directory/index.ts";

export interface DirectoryStatus {
  url?: string;
  etag?: string;
  lastModified?: string;
  lastCheck?: string;
  lastSuccess?: string;
  outcome?: "updated" | "unchanged" | "failed" | "running";
  error?: { key: string; params: string[] };
  /** Earliest time for the next attempt after an HTTP 429. */
  retryAfter?: string;
  manifest?: DirectoryManifest;
}

let db: Promise<IDBPDatabase> | undefined;
function open(): Promise<IDBPDatabase> {
  db ??= openDB("mssante-directory", 1, {
    upgrade(d) {
      d.createObjectStore("kv");
    },
  });
  return db;
}

export async function loadIndexBytes(): Promise<ArrayBuffer | undefined> {
  return (await (await open()).get("kv", "index")) as ArrayBuffer | undefined;
}

export async function loadDirectoryStatus(): Promise<DirectoryStatus> {
  return ((await (await open()).get("kv", "status")) as DirectoryStatus | undefined) ?? {};
}

export async function saveDirectoryStatus(status: DirectoryStatus): Promise<void> {
  await (await open()).put("kv", status, "status");
}

/** Swaps in a new index and its status in one transaction. */
export async function swapIndex(data: ArrayBuffer, status: DirectoryStatus): Promise<void> {
  const tx = (await open()).transaction("kv", "readwrite");
  await Promise.all([tx.store.put(data, "index"), tx.store.put(status, "status"), tx.done]);
}
