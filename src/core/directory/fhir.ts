// The optional live source of the directory: the Annuaire Santé FHIR R4 API
// (https://gateway.api.esante.gouv.fr/fhir/v2, key in the `ESANTE-API-KEY` header, 17 requests/s per
// application, 50 results a page). It completes the local extraction with what the file lacks
// (APP mailboxes, entries newer than the last download). Pure: `fetch` and the clock are injected.
//
// A query typed for the local search ("dup mar lyon") becomes at most three searches:
//   1. `Practitioner?family=<name>&_revinclude=PractitionerRole:practitioner` — people and their roles;
//   2. `Organization?name:contains=<name>[&address-city=<city>][&address-postalcode=<cp>]` —
//      structures, whose telecoms hold the ORG / APP / CAB mailboxes;
//   3. `Organization?_id=…` — the practices the roles of (1) point to, for organisation and city;
// where <name> is the longest word of the query that is not a postcode (5 digits) nor a city of
// `KNOWN_CITIES`, at least 3 letters (shorter queries go nowhere: the local index answers them),
// from the start of the typed word it is in, with the particles typed before it ("le gall",
// "martin-dupont": the API matches a surname from its start).
// At most `maxPages` pages of each are read (link[next], same origin only: the key is never sent
// elsewhere). The entries found are then filtered with the local search's rule — every query word
// is the prefix of a word of the entry (same folding, same synonyms) — and ranked alike: surname
// equal to the query, then starting with it, then the rest; personal mailboxes first within a tier.
//
// Being a good client: a debounce (only the last query of a burst goes out), a limiter (never more
// than 17 requests in any second), a cache of recent answers (typing more letters of other words
// does not ask again), back-off on HTTP 429 (Retry-After) and on a refused key (401/403). Errors are
// answers, never exceptions: the address book always gets its local results. The key is only ever
// put in the request header; it is never logged nor part of a message.
import { bundleEntries, collectResources, missingOrganizations, nextLink } from "./fhir-bundle.ts";
import { msg, render } from "../i18n.ts";
import { parseQuery, surnameKey } from "./normalize.ts";
import type { DirectoryEntry } from "./search.ts";
import { FieldKind, valueTokens } from "./tokens.ts";

export const FHIR_BASE_URL = "https://gateway.api.esante.gouv.fr/fhir/v2";
export const API_KEY_HEADER = "ESANTE-API-KEY";
/** The API's limit per application. */
export const RATE_LIMIT_PER_SECOND = 17;
export const PAGE_SIZE = 50;
/** Shorter name words are not sent: thousands of answers, and the local index already has them. */
export const MIN_NAME_LENGTH = 3;

/** Cities big enough to be typed as one word in a query ("dupont lyon"): sent as `address-city`. */
export const KNOWN_CITIES: ReadonlySet<string> = new Set([
  "paris", "marseille", "lyon", "toulouse", "nice", "nantes", "montpellier", "strasbourg", "bordeaux",
  "lille", "rennes", "reims", "toulon", "grenoble", "dijon", "angers", "nimes", "villeurbanne", "brest",
  "tours", "amiens", "limoges", "annecy", "perpignan", "metz", "besancon", "orleans", "rouen", "mulhouse",
  "caen", "nancy", "argenteuil", "roubaix", "tourcoing", "avignon", "poitiers", "pau", "calais", "cannes",
  "antibes", "colmar", "troyes", "lorient", "vannes", "quimper", "valence", "chambery", "niort", "bayonne",
  "ajaccio", "bastia", "beziers", "cholet", "laval", "belfort", "evreux", "chartres", "blois", "bourges",
  "nevers", "auxerre", "agen", "albi", "tarbes", "montauban", "narbonne", "carcassonne", "angouleme",
  "cherbourg", "dunkerque", "valenciennes", "arras", "douai", "lens", "beauvais", "compiegne", "creteil",
  "versailles", "nanterre", "vitry", "aubervilliers", "colombes", "asnieres", "courbevoie", "rueil",
  "saintes", "rochefort", "bourg", "macon", "chalon", "vichy", "moulins", "montlucon", "aurillac", "rodez",
  "cahors", "perigueux", "brive", "tulle", "gueret", "chateauroux", "vierzon", "saumur", "lannion", "vienne",
]);

export interface ResponseLike {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal; credentials: "omit"; cache: "no-store" }) => Promise<ResponseLike>;

export interface Clock {
  /** Epoch milliseconds (Date.now()): spaces requests and reads Retry-After dates. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export type LiveReason = "ok" | "superseded" | "tooShort" | "unauthorized" | "rateLimited" | "network" | "timeout" | "http" | "invalid";

export interface LiveOutcome {
  entries: DirectoryEntry[];
  reason: LiveReason;
  /** French (from _locales/fr), for logs and the command line; never holds the key. */
  message: string;
  httpStatus?: number;
  /** When the API asked to wait (429), or the client waits after a refused key. */
  retryAfterSeconds?: number;
  /** HTTP requests this search sent (0: answered from the cache, or not sent at all). */
  requests: number;
  fromCache?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Query plan

export interface LiveRequest {
  resource: "Practitioner" | "Organization";
  params: [string, string][];
}

export interface LivePlan {
  /** Folded query words, all of which an entry must match. */
  tokens: string[];
  /** The word searched by name; city / postcode when recognised. */
  name: string;
  city?: string;
  postalCode?: string;
  requests: LiveRequest[];
  /** Same key, same requests: the answer can be reused. */
  key: string;
}

const POSTCODE = /^(\d{5}|2[ab]\d{3})$/;
/** Words that start French compound surnames, searched together with the next word. */
const PARTICLES = new Set(["le", "la", "de", "du", "des", "van", "von", "der", "den", "di", "da", "del", "della", "dos", "mac", "mc", "ben", "el", "al"]);

/** What to ask the API for a free-text query; undefined when it is not worth a request. */
export function planQuery(query: string, isCity: (folded: string) => boolean = (w) => KNOWN_CITIES.has(w), pageSize = PAGE_SIZE): LivePlan | undefined {
  const { tokens, groups } = parseQuery(query);
  const postalCode = tokens.find((t) => POSTCODE.test(t));
  let city = tokens.find((t) => t !== postalCode && isCity(t));
  const candidates = (exclude: (string | undefined)[]) => tokens.filter((t) => !exclude.includes(t) && !/^\d+$/.test(t) && t.length >= MIN_NAME_LENGTH);
  let names = candidates([postalCode, city]);
  if (names.length === 0 && city) {
    // "lyon" alone: a name as much as a place.
    names = candidates([postalCode]);
    city = undefined;
  }
  if (names.length === 0) return undefined;
  let name = names.reduce((a, b) => (b.length > a.length ? b : a));
  // The API matches a surname from its start: "martin-dupont" is searched as "martin", and
  // "le gall", "de la fontaine" with their particles.
  let at = tokens.indexOf(name);
  const first = groups.indexOf(groups[at]!);
  if (first < at && names.includes(tokens[first]!)) at = first;
  name = tokens[at]!;
  let start = at;
  while (start > 0 && PARTICLES.has(tokens[start - 1]!)) start--;
  if (start < at) name = tokens.slice(start, at + 1).join(" ");
  const count = String(pageSize);
  const requests: LiveRequest[] = [
    { resource: "Practitioner", params: [["family", name], ["_revinclude", "PractitionerRole:practitioner"], ["_count", count]] },
    {
      resource: "Organization",
      params: [["name:contains", name], ...(city ? [["address-city", city] as [string, string]] : []), ...(postalCode ? [["address-postalcode", postalCode] as [string, string]] : []), ["_count", count]],
    },
  ];
  return { tokens, name, city, postalCode, requests, key: JSON.stringify(requests) };
}

export function requestUrl(baseUrl: string, request: LiveRequest): string {
  const enc = (x: string) => encodeURIComponent(x).replace(/%3A/gi, ":");
  const query = request.params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  return `${baseUrl.replace(/\/+$/, "")}/${request.resource}?${query}`;
}

// ---------------------------------------------------------------------------------------------
// Matching and ranking, as the local search does

function entryTokens(e: DirectoryEntry): string[] {
  const [local = "", domain = ""] = e.email.split("@");
  const fields: [string, number][] = [
    [e.lastName, FieldKind.Name],
    [e.firstName, FieldKind.Name],
    [e.civility, FieldKind.Civility],
    [e.profession, FieldKind.Profession],
    [e.specialty, FieldKind.Profession],
    [e.organisation, FieldKind.Organisation],
    [e.tradeName, FieldKind.Organisation],
    [e.service, FieldKind.Organisation],
    [e.city, FieldKind.Place],
    [e.postalCode, FieldKind.Code],
    [local, FieldKind.EmailLocal],
    [domain, FieldKind.Domain],
  ];
  return fields.flatMap(([text, kind]) => (text ? valueTokens(text, kind) : []));
}

/** Whether every query word is the prefix of a word of the entry (the local search's rule). */
export function entryMatches(e: DirectoryEntry, tokens: string[]): boolean {
  const words = entryTokens(e);
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}

/** Filters and ranks like the local index: exact surname, then surname prefix, then the rest; PER first. */
export function rankEntries(entries: DirectoryEntry[], query: string): DirectoryEntry[] {
  const { tokens, groups } = parseQuery(query);
  const spans: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && groups[i - 1] === groups[i]) continue;
    for (let j = i; j < tokens.length; j++) {
      if (j + 1 < tokens.length && groups[j + 1] === groups[j]) continue;
      spans.push(tokens.slice(i, j + 1).join(""));
    }
  }
  const tier = (e: DirectoryEntry) => {
    const key = surnameKey(e.lastName);
    if (!key) return 2;
    if (spans.includes(key)) return 0;
    return spans.some((s) => key.startsWith(s)) ? 1 : 2;
  };
  return entries
    .filter((e) => entryMatches(e, tokens))
    .map((e, i) => ({ e, i, t: tier(e) * 2 + (e.mailboxType === "PER" ? 0 : 1) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

// ---------------------------------------------------------------------------------------------
// Rate limiting

/**
 * At most `max` requests in any `windowMs` (a sliding window: unlike a token bucket refilled at
 * the same rate, it never lets 2 × 17 requests through across a second's boundary). Callers are
 * served in order. `pause` refuses every request until a time (HTTP 429).
 */
export class RateLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  constructor(
    private readonly clock: Clock,
    readonly max = RATE_LIMIT_PER_SECOND,
    readonly windowMs = 1000,
  ) {}

  /** When requests may go again after a pause (0: not paused). */
  get resumeAt(): number {
    return this.pausedUntil > this.clock.now() ? this.pausedUntil : 0;
  }

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * Resolves true when one more request may go out (counted from then), false at once while
   * paused: an address book answer cannot wait for the end of a back-off.
   */
  acquire(): Promise<boolean> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async waitForSlot(): Promise<boolean> {
    for (;;) {
      const now = this.clock.now();
      if (this.pausedUntil > now) return false;
      while (this.sent.length > 0 && now - this.sent[0]! >= this.windowMs) this.sent.shift();
      if (this.sent.length < this.max) {
        this.sent.push(now);
        return true;
      }
      await this.clock.sleep(this.sent[0]! + this.windowMs - now);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The client

export interface FhirClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  clock: Clock;
  /** Shared by every client of the application (the API counts per key). */
  limiter?: RateLimiter;
  /** Only the last query of a burst closer than this goes out. */
  debounceMs?: number;
  /** Pages (link[next]) read per search at most. */
  maxPages?: number;
  pageSize?: number;
  /** Per request, headers and body. */
  timeoutMs?: number;
  cacheTtlMs?: number;
  cacheSize?: number;
  /** Entries returned at most. */
  limit?: number;
  isCity?: (folded: string) => boolean;
}

interface Fetched {
  bundles: unknown[];
  failure?: Omit<LiveOutcome, "entries" | "requests">;
}

class Superseded extends Error {}

const SECOND = 1000;
/** After a refused key, the same key is tried again only after this. */
const REFUSED_PAUSE_MS = 5 * 60 * SECOND;
const MAX_BACKOFF_MS = 10 * 60 * SECOND;

export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * SECOND;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export class FhirDirectoryClient {
  private readonly baseUrl: string;
  private readonly origin: string;
  private readonly limiter: RateLimiter;
  private readonly o: Required<Omit<FhirClientOptions, "limiter" | "isCity">> & { isCity?: (folded: string) => boolean };
  private ticket = 0;
  private inflight: AbortController | undefined;
  private readonly cache = new Map<string, { at: number; entries: DirectoryEntry[] }>();
  /** A refused key: no request until then. */
  private refusedUntil = 0;
  private refusedStatus = 401;
  private backoffMs = 0;

  constructor(options: FhirClientOptions) {
    this.o = { debounceMs: 300, maxPages: 2, pageSize: PAGE_SIZE, timeoutMs: 8000, cacheTtlMs: 5 * 60 * SECOND, cacheSize: 64, limit: 20, ...options };
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.origin = new URL(this.baseUrl).origin;
    this.limiter = options.limiter ?? new RateLimiter(options.clock);
  }

  /**
   * Entries for a query, best first, or why there are none. Never throws. A newer call makes the
   * older ones answer `superseded` (before their request goes out, or by aborting it).
   */
  async search(query: string): Promise<LiveOutcome> {
    const ticket = ++this.ticket;
    try {
      return await this.run(query, ticket);
    } catch (err) {
      if (err instanceof Superseded) return { entries: [], reason: "superseded", message: render(msg("liveSuperseded")), requests: 0 };
      return { entries: [], reason: "invalid", message: render(msg("liveUnexpected", this.safe(err))), requests: 0 };
    }
  }

  private async run(query: string, ticket: number): Promise<LiveOutcome> {
    const plan = planQuery(query, this.o.isCity, this.o.pageSize);
    if (!plan) return { entries: [], reason: "tooShort", message: render(msg("liveTooShort", String(MIN_NAME_LENGTH))), requests: 0 };
    const done = (entries: DirectoryEntry[], rest: Omit<LiveOutcome, "entries">): LiveOutcome => ({ entries: rankEntries(entries, query).slice(0, this.o.limit), ...rest });

    const now = this.o.clock.now();
    const hit = this.cache.get(plan.key);
    if (hit && now - hit.at < this.o.cacheTtlMs) return done(hit.entries, { reason: "ok", message: render(msg("liveFromCache")), requests: 0, fromCache: true });

    await this.o.clock.sleep(this.o.debounceMs);
    if (ticket !== this.ticket) throw new Superseded();
    const blocked = this.blocked();
    if (blocked) return { entries: [], requests: 0, ...blocked };

    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    const counter = { requests: 0 };
    try {
      const [people, structures] = await Promise.all(plan.requests.map((r) => this.fetchPages(requestUrl(this.baseUrl, r), controller.signal, counter)));
      const bundles = [...people!.bundles, ...structures!.bundles];
      let failure = people!.failure ?? structures!.failure;
      // The practices of the people found, when the search did not bring them.
      const missing = missingOrganizations(collectResources(people!.bundles))
        .map((k) => k.slice("Organization/".length))
        .slice(0, this.o.pageSize);
      if (missing.length > 0 && !failure) {
        const orgs = await this.fetchPages(requestUrl(this.baseUrl, { resource: "Organization", params: [["_id", missing.join(",")], ["_count", String(this.o.pageSize)]] }), controller.signal, counter, 1);
        // Only context: they describe the roles, they are not answers themselves.
        for (const b of orgs.bundles) bundles.push(asIncluded(b));
        failure = orgs.failure;
      }
      if (ticket !== this.ticket) throw new Superseded();
      const entries = bundleEntries(collectResources(bundles));
      if (failure) return done(entries, { ...failure, requests: counter.requests });
      this.backoffMs = 0;
      this.remember(plan.key, entries);
      return done(entries, { reason: "ok", message: render(msg("liveFound", String(entries.length))), requests: counter.requests });
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
    }
  }

  /** An error's text for a message. Belt and braces: no platform puts request headers in its errors, but never echo the key. */
  private safe(err: unknown): string {
    const detail = err instanceof Error ? err.message : String(err);
    return this.o.apiKey ? detail.split(this.o.apiKey).join("…") : detail;
  }

  /** Why no request may go now, if so. */
  private blocked(): Omit<LiveOutcome, "entries" | "requests"> | undefined {
    const now = this.o.clock.now();
    if (this.refusedUntil > now) {
      return { reason: "unauthorized", httpStatus: this.refusedStatus, message: render(msg("liveUnauthorized", String(this.refusedStatus))), retryAfterSeconds: Math.ceil((this.refusedUntil - now) / SECOND) };
    }
    const resume = this.limiter.resumeAt;
    if (resume > now) {
      const s = Math.ceil((resume - now) / SECOND);
      return { reason: "rateLimited", httpStatus: 429, message: render(msg("liveRateLimitedRetry", String(s))), retryAfterSeconds: s };
    }
    return undefined;
  }

  private remember(key: string, entries: DirectoryEntry[]): void {
    this.cache.delete(key);
    this.cache.set(key, { at: this.o.clock.now(), entries });
    while (this.cache.size > this.o.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  private async fetchPages(firstUrl: string, signal: AbortSignal, counter: { requests: number }, maxPages = this.o.maxPages): Promise<Fetched> {
    const bundles: unknown[] = [];
    let url = firstUrl;
    for (let page = 0; page < maxPages && url; page++) {
      const got = await this.fetchBundle(url, signal, counter);
      if ("failure" in got) return { bundles, failure: got.failure };
      bundles.push(got.bundle);
      url = this.sameOrigin(nextLink(got.bundle), url);
    }
    return { bundles };
  }

  /** A next link, resolved, if it stays on the API's origin (the key goes nowhere else). */
  private sameOrigin(link: string, current: string): string {
    if (!link) return "";
    try {
      const u = new URL(link, current);
      return u.origin === this.origin ? u.href : "";
    } catch {
      return "";
    }
  }

  private async fetchBundle(url: string, signal: AbortSignal, counter: { requests: number }): Promise<{ bundle: unknown } | { failure: NonNullable<Fetched["failure"]> }> {
    const slot = await this.limiter.acquire();
    if (signal.aborted) throw new Superseded();
    const blocked = this.blocked();
    if (blocked || !slot) return { failure: blocked ?? { reason: "rateLimited", httpStatus: 429, message: render(msg("liveRateLimited")) } };
    counter.requests++;
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal.addEventListener("abort", stop);
    let timedOut = false;
    const timeout = this.o.clock.sleep(this.o.timeoutMs).then(() => {
      timedOut = true;
      controller.abort();
      return "timeout" as const;
    });
    try {
      const exchange = (async () => {
        const response = await this.o.fetch(url, {
          headers: { [API_KEY_HEADER]: this.o.apiKey, Accept: "application/fhir+json" },
          signal: controller.signal,
          credentials: "omit",
          cache: "no-store",
        });
        if (!response.ok) return { response, body: undefined };
        return { response, body: await response.json() };
      })();
      const got = await Promise.race([exchange, timeout]);
      if (got === "timeout") return { failure: { reason: "timeout", message: render(msg("liveTimeout", String(Math.round(this.o.timeoutMs / SECOND)))) } };
      return this.interpret(got.response, got.body);
    } catch (err) {
      if (signal.aborted) throw new Superseded();
      if (timedOut) return { failure: { reason: "timeout", message: render(msg("liveTimeout", String(Math.round(this.o.timeoutMs / SECOND)))) } };
      if (err instanceof SyntaxError) return { failure: { reason: "invalid", message: render(msg("liveBadJson")) } };
      return { failure: { reason: "network", message: render(msg("liveNetwork", this.safe(err))) } };
    } finally {
      signal.removeEventListener("abort", stop);
    }
  }

  private interpret(response: ResponseLike, body: unknown): { bundle: unknown } | { failure: NonNullable<Fetched["failure"]> } {
    const status = response.status;
    const now = this.o.clock.now();
    if (status === 401 || status === 403) {
      this.refusedUntil = now + REFUSED_PAUSE_MS;
      this.refusedStatus = status;
      return { failure: { reason: "unauthorized", httpStatus: status, message: render(msg("liveUnauthorized", String(status))), retryAfterSeconds: REFUSED_PAUSE_MS / SECOND } };
    }
    if (status === 429) {
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 2 * SECOND);
      const wait = Math.min(MAX_BACKOFF_MS, retryAfterMs(response.headers.get("retry-after"), now) ?? this.backoffMs);
      this.limiter.pause(now + wait);
      const s = Math.ceil(wait / SECOND);
      return { failure: { reason: "rateLimited", httpStatus: 429, message: render(msg("liveRateLimitedRetry", String(s))), retryAfterSeconds: s } };
    }
    if (!response.ok) return { failure: { reason: "http", httpStatus: status, message: render(msg("liveHttp", String(status))) } };
    const b = body as { resourceType?: unknown } | null;
    if (!b || typeof b !== "object" || b.resourceType !== "Bundle") return { failure: { reason: "invalid", message: render(msg("liveNotBundle")) } };
    return { bundle: body };
  }
}

/** The same Bundle with every entry marked as included (context only). */
function asIncluded(bundle: unknown): unknown {
  const b = bundle as { entry?: unknown };
  if (!Array.isArray(b.entry)) return bundle;
  return { ...b, entry: b.entry.map((e: unknown) => (e && typeof e === "object" ? { ...e, search: { mode: "include" } } : e)) };
}
