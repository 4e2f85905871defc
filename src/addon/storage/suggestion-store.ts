// The descriptions the autocomplete showed, by address, for the recipients cleaning at send time
// (core/directory/recipient.ts). In storage.local, the add-on's own storage on this machine:
// a draft saved with a picked suggestion may be sent after Thunderbird restarts, and its To: must
// still be cleaned (in storage.session the memory went with the session, and the description was
// sent; found by the review). Directory texts and addresses only, bounded; nothing of it is sent.
import { localGet, localSet } from "../platform/storage.ts";
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
  await localSet({ [KEY]: [...map] });
}

export async function suggestedLookup(): Promise<(address: string) => readonly Suggested[] | undefined> {
  const map = await load();
  return (address) => map.get(address);
}
