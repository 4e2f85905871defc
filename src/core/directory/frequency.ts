// The colleagues this user actually writes to: a count of the addresses of the messages the user
// sent, kept on this machine (src/addon/storage/correspondent-store.ts), decaying with time.
// Only addresses, a score and the date of the last send are kept: never a name, subject or body.
//
// Decay: each send adds 1; a score halves every HALF_LIFE_DAYS (30 days) without sends. A monthly
// correspondent therefore stays near 2, a colleague written to twice last spring fades below the
// threshold within a season, and a change of job reorders the list within weeks, not years.
//
// Ranking (search.ts, rule 0): a "usual correspondent" is an address whose decayed score is at
// least MIN_SCORE (1.5: two sends within about a half-life, so that one message sent to the wrong
// homonym by mistake does not pin that homonym first). Usual correspondents come first WITHIN the
// tier of the ranking rules their match reaches, never across tiers: Marie DUPONT of Nantes whom
// the user writes to comes before her exact homonym of Lyon for "dupont marie" (same tier: exact
// surname), but a correspondent DUPONTEL only reached by the prefix "dupont" does not pass the
// exact DUPONTs, nor a MARTIN of Saint-Denis the SAINT-MARTIN of "saint martin". Between two usual
// correspondents of one tier, the higher score first.
//
// Bounded: at most MAX_CORRESPONDENTS addresses; beyond, the lowest decayed scores go, and scores
// fallen under FORGET_SCORE are dropped at every update. Every operation is linear in the number
// of addresses kept (so bounded by MAX_CORRESPONDENTS), plus a sort of them when over the bound.

export const HALF_LIFE_DAYS = 30;
const HALF_LIFE_MS = HALF_LIFE_DAYS * 24 * 3600 * 1000;
/** Decayed score from which an address ranks first in its tier (see above). */
export const MIN_SCORE = 1.5;
/** Addresses kept at most: a busy practice writes to a few hundred colleagues a year. */
export const MAX_CORRESPONDENTS = 500;
/** Below this (one send about 4.3 half-lives ago, ~4 months), an address is forgotten. */
export const FORGET_SCORE = 0.05;
/** Recipients counted per message at most: a mass mailing says nothing about usual colleagues. */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

export interface Counted {
  /** Score at `at`, before decay. */
  score: number;
  /** Time of the last send (ms since the epoch). */
  at: number;
}

/** address (lower case) → count; the stored form is the entries' array. */
export type Correspondents = Map<string, Counted>;

/** The score of `c` at `now` (never above the stored score: a clock set back does not inflate it). */
export function decayed(c: Counted, now: number): number {
  const age = Math.max(0, now - c.at);
  return c.score * Math.pow(2, -age / HALF_LIFE_MS);
}

const ADDRESS = /^[^\s@<>"]{1,200}@[^\s@<>"]{1,200}$/;

/**
 * The state after one sent message to `addresses` (duplicates counted once). Returns a new map;
 * the input is left as it is. Invalid addresses are ignored; past MAX_RECIPIENTS_PER_MESSAGE
 * distinct recipients the message is not counted at all.
 */
export function recordSent(state: Correspondents, addresses: readonly string[], now: number): Correspondents {
  const distinct = new Set<string>();
  for (const a of addresses) {
    const address = a.trim().toLowerCase();
    if (ADDRESS.test(address)) distinct.add(address);
  }
  const next = prune(state, now);
  if (distinct.size === 0 || distinct.size > MAX_RECIPIENTS_PER_MESSAGE) return next;
  for (const address of distinct) {
    const old = next.get(address);
    next.set(address, { score: (old ? decayed(old, now) : 0) + 1, at: now });
  }
  return bound(next, now);
}

/** The state without the addresses fallen under FORGET_SCORE. */
export function prune(state: Correspondents, now: number): Correspondents {
  const next: Correspondents = new Map();
  for (const [address, c] of state) if (decayed(c, now) >= FORGET_SCORE) next.set(address, c);
  return next;
}

function bound(state: Correspondents, now: number): Correspondents {
  if (state.size <= MAX_CORRESPONDENTS) return state;
  const kept = [...state].sort((x, y) => decayed(y[1], now) - decayed(x[1], now) || y[1].at - x[1].at).slice(0, MAX_CORRESPONDENTS);
  return new Map(kept);
}

/** The usual correspondents at `now`: address → decayed score, only those at or above MIN_SCORE. */
export function usualCorrespondents(state: Correspondents, now: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [address, c] of state) {
    const s = decayed(c, now);
    if (s >= MIN_SCORE) out.set(address, s);
  }
  return out;
}

/** Reads the stored form, dropping anything malformed (storage is ours, but may be from an older version). */
export function fromStored(value: unknown): Correspondents {
  const out: Correspondents = new Map();
  if (!Array.isArray(value)) return out;
  for (const item of value.slice(0, MAX_CORRESPONDENTS)) {
    if (!Array.isArray(item) || item.length !== 2) continue;
    const [address, c] = item as [unknown, unknown];
    if (typeof address !== "string" || !ADDRESS.test(address) || typeof c !== "object" || c === null) continue;
    const { score, at } = c as { score?: unknown; at?: unknown };
    if (typeof score !== "number" || typeof at !== "number" || !Number.isFinite(score) || !Number.isFinite(at) || score <= 0) continue;
    out.set(address.toLowerCase(), { score, at });
  }
  return out;
}

export function toStored(state: Correspondents): [string, Counted][] {
  return [...state];
}

/**
 * The entry ids of the usual correspondents in an index, with their scores, for
 * `DirectoryIndex.search(…, { prefer })`. Addresses not in the directory are left out.
 */
export function preferredIds(index: { idsOfAddress(address: string): number[] }, usual: ReadonlyMap<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [address, score] of usual) for (const id of index.idsOfAddress(address)) out.set(id, score);
  return out;
}
