// The descriptions the autocomplete showed, by address, for the recipients cleaning at send time
// (core/directory/recipient.ts). In storage.local, the add-on's own storage on this machine:
// a draft saved with a picked suggestion may be sent after Thunderbird restarts, and its To: must
// still be cleaned (in storage.session the memory went with the session, and the description was
// sent; found by the review). Directory texts and addresses only, bounded; nothing of it is sent.
import { localGet, localSet } from "../platform/storage.ts";
import { recordFailure } from "../platform/failures.ts";
import type { Suggested } from "../../core/directory/recipient.ts";

const KEY = "suggestedRecipients";
// A secretary's day of typing is a few hundred suggestions; the oldest go first beyond this.
const MAX_ADDRESSES = 2000;

let cache: Map<string, Suggested[]> | undefined;

async function load(): Promise<Map<string, Suggested[]>> {
  if (!cache) {
    const stored = ((await localGet(KEY)) ?? []) as [string, Suggested[]][];
    cache = new Map(stored);
  }
  return cache;
}

export async function rememberSuggested(shown: { email: string; suggested: Suggested }[]): Promise<void> {
  const map = await load();
  let changed = false;
  for (const { email, suggested } of shown) {
    const address = email.toLowerCase();
    const known = map.get(address) ?? [];
    if (known.some((s) => s.description === suggested.description && s.name === suggested.name)) continue;
    map.delete(address);
    map.set(address, [...known, suggested].slice(-4));
    changed = true;
  }
  if (!changed) return;
  while (map.size > MAX_ADDRESSES) map.delete(map.keys().next().value!);
  writeSoon(map);
}

// The autocomplete awaits rememberSuggested before showing its results: the memory it reads at
// send time is the one above, at once; storage.local (which can hold up to MAX_ADDRESSES × 4
// descriptions) is written once for the keystrokes of WRITE_AFTER_MS, never awaited by them.
const WRITE_AFTER_MS = 500;
let writeTimer: ReturnType<typeof setTimeout> | undefined;
function writeSoon(map: Map<string, Suggested[]>): void {
  if (writeTimer !== undefined) return;
  writeTimer = setTimeout(() => {
    writeTimer = undefined;
    localSet({ [KEY]: [...map] }).catch((err: unknown) => recordFailure("directory", err));
  }, WRITE_AFTER_MS);
}

export async function suggestedLookup(): Promise<(address: string) => readonly Suggested[] | undefined> {
  const map = await load();
  return (address) => map.get(address);
}
