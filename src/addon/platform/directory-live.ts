// The optional live source of the directory (Annuaire Santé FHIR API) inside the add-on. Off by
// default: nothing is sent unless the user turned it on and entered their own key. One client per
// (URL, key), one rate limiter for the whole add-on (the API counts per application), the outcome
// of the last request kept for the options page. The key is read from the settings when a search
// needs it and only ever put in the request header: never logged, never sent back to a page.
// Here in platform (network, like whitelist-download.ts) because the autocomplete searches it and
// the live-source feature (features/directory-live.ts) answers the options page about it.
import { FhirDirectoryClient, RateLimiter, type Clock, type LiveOutcome } from "../../core/directory/fhir.ts";
import type { DirectoryEntry } from "../../core/directory/search.ts";
import { getSettings, type Settings } from "./settings.ts";
import type { LiveStatus } from "./contract.ts";

/** The local answer waits at most this long for the live one; a late one is left out. */
export const LIVE_WAIT_MS = 1500;

const clock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
const limiter = new RateLimiter(clock);

let current: { id: string; client: FhirDirectoryClient } | undefined;
let last: LiveStatus["last"];
/** Which URL and key `last` is about. */
let lastFor = "";
const identity = (s: Settings) => `${s.directoryApiUrl}\n${s.directoryApiKey.trim()}`;

function clientFor(s: Settings, options: { fresh?: boolean } = {}): FhirDirectoryClient | undefined {
  const key = s.directoryApiKey.trim();
  if (!key) return undefined;
  const make = () => new FhirDirectoryClient({ baseUrl: s.directoryApiUrl, apiKey: key, fetch: (url, init) => fetch(url, init), clock, limiter, ...(options.fresh ? { debounceMs: 0, maxPages: 1 } : {}) });
  try {
    if (options.fresh) return make();
    if (current?.id !== identity(s)) current = { id: identity(s), client: make() };
    return current.client;
  } catch {
    // An unusable URL in the settings: no live source.
    return undefined;
  }
}

function record(s: Settings, outcome: LiveOutcome): void {
  // Superseded, too short, cached or held back: nothing new was learnt about the API.
  if (outcome.requests === 0) return;
  lastFor = identity(s);
  last = {
    at: new Date().toISOString(),
    reason: outcome.reason,
    httpStatus: outcome.httpStatus,
    retryAfterSeconds: outcome.retryAfterSeconds,
    count: outcome.entries.length,
    message: outcome.message,
  };
  if (outcome.reason !== "ok") console.warn(`[mssante] annuaire en ligne : ${outcome.message}`);
}

/** Live entries for a query; undefined when the live source is off (then nothing leaves the machine). */
export async function searchLive(query: string): Promise<LiveOutcome | undefined> {
  const s = await getSettings();
  if (!s.directoryLiveEnabled) return undefined;
  const client = clientFor(s);
  if (!client) return undefined;
  const outcome = await client.search(query);
  record(s, outcome);
  return outcome;
}

/**
 * What the live answer adds after the local results: entries whose address is neither shown
 * already nor in the user's own address books, if the answer comes within `waitMs`.
 */
export async function liveExtras(live: Promise<LiveOutcome | undefined>, shown: DirectoryEntry[], own: Set<string>, limit: number, waitMs = LIVE_WAIT_MS): Promise<DirectoryEntry[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
  const outcome = await Promise.race([live.catch(() => undefined), late]);
  clearTimeout(timer);
  if (!outcome) return [];
  const seen = new Set([...own, ...shown.map((e) => e.email.toLowerCase())]);
  const extra: DirectoryEntry[] = [];
  for (const e of outcome.entries) {
    const key = e.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    extra.push(e);
    if (extra.length >= limit) break;
  }
  return extra;
}

export async function liveStatus(): Promise<LiveStatus> {
  const s = await getSettings();
  return { enabled: s.directoryLiveEnabled, hasKey: s.directoryApiKey.trim() !== "", ...(last ? { last } : {}) };
}

/** The options page's "test" button: one search with the key entered, on demand only. */
export async function testLive(): Promise<LiveStatus> {
  const s = await getSettings();
  const client = clientFor(s, { fresh: true });
  if (client) record(s, await client.search("martin"));
  return liveStatus();
}

/** The settings changed: a client or an outcome about another URL or key no longer holds. */
export function settingsChangedForLive(s: Settings): void {
  if (current && current.id !== identity(s)) current = undefined;
  // What was said about the previous key or URL no longer holds.
  if (last && lastFor !== identity(s)) last = undefined;
}
