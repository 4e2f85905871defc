// The national directory as a read-only address book answering compose autocomplete, from the
// local index (no network). Results already in the user's own address books are left out so
// that their contacts keep precedence and nothing shows twice. When the user turned on the live
// source (Annuaire Santé API, off by default), its entries not already shown come after the
// local ones, if they arrive within LIVE_WAIT_MS. The user's usual correspondents come first
// among their homonyms (counted by directory-correspondents.ts, read from its store).
import { DirectoryIndex } from "../../core/directory/index.ts";
import { toVCard } from "../../core/directory/vcard.ts";
import { suggestedFor } from "../../core/directory/recipient.ts";
import { rememberSuggested } from "../storage/suggestion-store.ts";
import { accountIdentities, translate } from "../platform/mail.ts";
import { localContactVCards, provideAddressBook } from "../platform/address-books.ts";
import { loadIndexBytes } from "../storage/directory-store.ts";
import { inBackground } from "../platform/failures.ts";
import { refreshDirectory, onDirectoryUpdated } from "../platform/directory-download.ts";
import { liveExtras, searchLive } from "../platform/directory-live.ts";
import { getSettings } from "../platform/settings.ts";
import { preferredFor } from "../storage/correspondent-store.ts";
import type { Feature } from "./feature.ts";

export const ADDRESS_BOOK = { addressBookName: "Annuaire Santé (MSSanté)", isSecure: true, id: "mssante-annuaire-sante" };
// Thunderbird shows at most 100; the first few are what a secretary reads.
const RESULTS = 20;

let index: Promise<DirectoryIndex | undefined> | undefined;
function currentIndex(): Promise<DirectoryIndex | undefined> {
  // A failed load is not kept: the next keystroke tries again instead of failing for ever.
  index ??= loadIndexBytes()
    .then((bytes) => (bytes ? DirectoryIndex.load(bytes) : undefined))
    .catch((err: unknown) => {
      index = undefined;
      throw err;
    });
  return index;
}

async function ownAddresses(searchString: string): Promise<Set<string>> {
  const own = new Set<string>();
  for (const card of await localContactVCards(searchString)) {
    // vCard lines may be folded (RFC 6350 §3.2): unfold before reading EMAIL properties.
    const vCard = card.replace(/\r?\n[ \t]/g, "");
    for (const m of vCard.matchAll(/^EMAIL[^:]*:(.+)$/gim)) own.add(m[1]!.trim().toLowerCase());
  }
  return own;
}

async function identityAddresses(): Promise<Set<string>> {
  return new Set((await accountIdentities()).map((i) => i.email.toLowerCase()));
}

let latest = 0;

export async function searchDirectory(searchString: string, limit = RESULTS): Promise<{ isCompleteResult: boolean; results: string[] }> {
  const ticket = ++latest;
  // Started first: its debounce runs while the local search does (undefined when off).
  const live = searchLive(searchString).catch(() => undefined);
  const idx = await currentIndex();
  // A newer keystroke arrived while the index was loading: this answer is stale.
  if (ticket !== latest) return { isCompleteResult: false, results: [] };
  // The user's usual correspondents first among their homonyms (rule 4 of core/directory/search.ts).
  const prefer = idx && (await getSettings()).directoryUsualFirst ? await preferredFor(idx) : new Map<number, number>();
  const [entries, own] = await Promise.all([Promise.resolve(idx ? idx.search(searchString, { limit: limit * 2, prefer }) : []), ownAddresses(searchString)]);
  // The user's own addresses are never suggested: Thunderbird pre-fills the first suggestion,
  // and Enter would address the message to oneself.
  const mine = await identityAddresses();
  const local = entries.filter((e) => !own.has(e.email.toLowerCase()) && !mine.has(e.email.toLowerCase())).slice(0, limit);
  const extra = (await liveExtras(live, local, own, limit)).filter((e) => !mine.has(e.email.toLowerCase()));
  const shown = [...local, ...extra];
  await rememberSuggested(shown.map((e) => ({ email: e.email, suggested: suggestedFor(e, translate) })));
  return { isCompleteResult: false, results: shown.map((e) => toVCard(e, translate)) };
}

export const directoryAutocomplete: Feature = {
  name: "directory-autocomplete",
  start() {
    provideAddressBook(ADDRESS_BOOK, (searchString) => searchDirectory(searchString));
    onDirectoryUpdated(() => {
      index = undefined;
    });
    // First use: no local copy yet, fetch one in the background.
    inBackground("directory", async () => {
      if (!(await currentIndex())) await refreshDirectory();
    });
  },
};
