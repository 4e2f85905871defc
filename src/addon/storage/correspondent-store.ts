// The usual correspondents' counts (core/directory/frequency.ts) in storage.local: addresses,
// decayed scores and the date of the last send, nothing else; never sent anywhere. Updates are
// serialised: two messages sent at once must not lose a count to a read-modify-write race.
import { localGet, localRemove, localSet } from "../platform/storage.ts";
import { fromStored, preferredIds, recordSent, toStored, usualCorrespondents, type Correspondents } from "../../core/directory/frequency.ts";
import type { DirectoryIndex } from "../../core/directory/search.ts";

const KEY = "directoryCorrespondents";

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function loadCorrespondents(): Promise<Correspondents> {
  return fromStored((await localGet(KEY)));
}

export function recordSentRecipients(addresses: string[], now = Date.now()): Promise<void> {
  return serial(async () => {
    const next = recordSent(await loadCorrespondents(), addresses, now);
    await localSet({ [KEY]: toStored(next) });
  });
}

export function forgetCorrespondents(): Promise<void> {
  return serial(() => localRemove(KEY));
}

// Addresses → entry ids, per index: resolving costs a search each, so it is done once per
// address and index (a reload of the directory makes a new index, hence a new map).
const resolved = new WeakMap<DirectoryIndex, Map<string, number[]>>();

/**
 * The `prefer` map for a search of `index` (ranking rule 4 of core/directory/search.ts): empty when
 * nobody is usual yet. Here, read by the autocomplete, so that it needs no other feature; whether
 * the option is on is the caller's to check.
 */
export async function preferredFor(index: DirectoryIndex): Promise<Map<number, number>> {
  const usual = usualCorrespondents(await loadCorrespondents(), Date.now());
  if (usual.size === 0) return new Map();
  let ids = resolved.get(index);
  if (!ids) resolved.set(index, (ids = new Map()));
  const cache = ids;
  return preferredIds({ idsOfAddress: (a) => cache.get(a) ?? (cache.set(a, index.idsOfAddress(a)), cache.get(a)!) }, usual);
}
