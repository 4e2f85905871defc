// The Annuaire Santé FHIR live source: query plans, parsing of realistic Bundles, the rate limit,
// the debounce, the cache and every error path, against a fake fetch and a fake clock.
import { describe, expect, it } from "vitest";
import {
  API_KEY_HEADER,
  FhirDirectoryClient,
  RateLimiter,
  planQuery,
  rankEntries,
  requestUrl,
  retryAfterMs,
  type Clock,
  type FetchLike,
  type ResponseLike,
} from "../../src/core/directory/fhir.ts";
import { bundleEntries, collectResources, MSS_METADATA_URL, mssMailboxes, referenceKey } from "../../src/core/directory/fhir-bundle.ts";
import type { DirectoryEntry } from "../../src/core/directory/search.ts";

const BASE = "https://gateway.api.esante.gouv.fr/fhir/v2";
const KEY = "cle-secrete-1234";

// ---------------------------------------------------------------------------------------------
// Fixtures: resources shaped like the Annuaire Santé's (IG "Annuaire Santé", API v2).

const G15 = "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante";
const R38 = "https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale";
const R257 = "https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL";
const R256 = "https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie";

function mailbox(email: string, type: string, more: { listeRouge?: boolean; service?: string; description?: string } = {}) {
  const meta = [
    { url: "type", valueCodeableConcept: { coding: [{ system: R257, code: type }] } },
    ...(more.description ? [{ url: "description", valueString: more.description }] : []),
    ...(more.service ? [{ url: "service", valueString: more.service }] : []),
    { url: "listeRouge", valueBoolean: more.listeRouge ?? false },
    { url: "digitization", valueBoolean: true },
  ];
  return {
    system: "email",
    value: email,
    extension: [
      { url: "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-email-type", valueCoding: { system: R256, code: "MSSANTE" } },
      { url: MSS_METADATA_URL, extension: meta },
    ],
  };
}

function practitioner(id: string, family: string, given: string, telecom: unknown[], prefix = "DR") {
  return {
    resourceType: "Practitioner",
    id,
    meta: { lastUpdated: "2026-03-02T01:00:00.000+01:00" },
    active: true,
    identifier: [
      { use: "official", system: "urn:oid:1.2.250.1.71.4.2.1", value: `8100${id.replace(/\D/g, "").padStart(7, "0")}`, type: { coding: [{ code: "IDNPS" }] } },
      { use: "official", system: "https://rpps.esante.gouv.fr", value: `100${id.replace(/\D/g, "").padStart(7, "0")}` },
    ],
    name: [{ use: "official", family, given: [given], prefix: [prefix] }],
    telecom,
    qualification: [{ code: { coding: [{ system: G15, code: "10" }] } }],
  };
}

function role(id: string, practitionerId: string, orgId: string | undefined, specialty: string, telecom: unknown[] = []) {
  return {
    resourceType: "PractitionerRole",
    id,
    active: true,
    practitioner: { reference: `Practitioner/${practitionerId}` },
    ...(orgId ? { organization: { reference: `Organization/${orgId}` } } : {}),
    code: [
      { coding: [{ system: "https://mos.esante.gouv.fr/NOS/TRE_R22-GenreActivite/FHIR/TRE-R22-GenreActivite", code: "GENR01" }] },
      { coding: [{ system: G15, code: "10", display: "Médecin" }] },
    ],
    specialty: specialty ? [{ coding: [{ system: R38, code: "SM54", display: specialty }] }] : [],
    telecom,
  };
}

function organization(id: string, name: string, city: string, postalCode: string, telecom: unknown[] = []) {
  return {
    resourceType: "Organization",
    id,
    active: true,
    name,
    address: [{ use: "work", line: ["12 RUE DES LILAS"], city, postalCode, country: "FRANCE" }],
    telecom,
  };
}

function bundle(entries: { resource: unknown; mode?: "match" | "include" }[], next?: string) {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: entries.filter((e) => e.mode !== "include").length,
    link: [{ relation: "self", url: `${BASE}/x` }, ...(next ? [{ relation: "next", url: next }] : [])],
    entry: entries.map((e) => ({
      fullUrl: `${BASE}/${(e.resource as { resourceType: string }).resourceType}/${(e.resource as { id: string }).id}`,
      resource: e.resource,
      search: { mode: e.mode ?? "match" },
    })),
  };
}

const MARIE = practitioner("1001", "DUPONT", "Marie", [mailbox("marie.dupont@medecin.mssante.fr", "PER")]);
const PAUL = practitioner("1002", "DUPONTEL", "Paul", [
  mailbox("paul.dupontel@medecin.mssante.fr", "PER"),
  // A plain address, not an MSSanté mailbox: not an answer.
  { system: "email", value: "paul@gmail.com" },
]);
const SECRET = practitioner("1003", "DUPONT", "Jeanne", [mailbox("jeanne.dupont@medecin.mssante.fr", "PER", { listeRouge: true })]);
const LILAS = organization("org-1", "CABINET MEDICAL DES LILAS", "LYON", "69003");
const CHU = organization("org-2", "CENTRE HOSPITALIER DUPONT", "LYON", "69008", [
  mailbox("dpi@ch-dupont.mssante.fr", "APP", { description: "Logiciel DPI - comptes rendus" }),
  mailbox("direction@ch-dupont.mssante.fr", "ORG", { listeRouge: true, service: "Direction" }),
  mailbox("urgences@ch-dupont.mssante.fr", "ORG", { service: "Urgences" }),
]);
const PRACTITIONERS = bundle([
  { resource: MARIE },
  { resource: PAUL },
  { resource: SECRET },
  { resource: role("r1", "1001", "org-1", "Médecine Générale"), mode: "include" },
  { resource: LILAS, mode: "include" },
  { resource: role("r2", "1002", "org-3", "Cardiologie", [mailbox("cardio.dupontel@cabinet.mssante.fr", "CAB")]), mode: "include" },
]);
const ORGANIZATIONS = bundle([{ resource: CHU }]);
const PRACTICES = bundle([{ resource: organization("org-3", "CABINET DE CARDIOLOGIE", "VILLEURBANNE", "69100") }]);

// ---------------------------------------------------------------------------------------------
// Fakes

class FakeClock implements Clock {
  t = Date.parse("2026-06-01T08:00:00Z");
  private timers: { at: number; resolve: () => void }[] = [];
  now() {
    return this.t;
  }
  sleep(ms: number) {
    return new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  }
  /** Moves time forward, firing due timers in order and letting promises run after each. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = end;
    await flush();
  }
}

async function flush() {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

interface Call {
  url: URL;
  headers: Record<string, string>;
  signal: AbortSignal;
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string>; text?: string } | Error | Promise<never>;

function fakeFetch(answer: (url: URL) => Reply) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    calls.push({ url: u, headers: init.headers, signal: init.signal });
    const r = answer(u);
    if (r instanceof Error) throw r;
    // A server that never answers: only an abort ends the wait, as with a real fetch.
    if (r instanceof Promise) return new Promise<never>((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const status = r.status ?? 200;
    const response: ResponseLike = {
      status,
      ok: status >= 200 && status < 300,
      headers: { get: (n) => r.headers?.[n.toLowerCase()] ?? null },
      json: async () => (r.text !== undefined ? JSON.parse(r.text) : r.body),
    };
    return response;
  };
  return { fetch, calls };
}

/** The Annuaire Santé as the tests want it: practitioners, organisations, practices by id. */
function directoryApi(url: URL): Reply {
  if (url.pathname.endsWith("/Practitioner")) return { body: PRACTITIONERS };
  if (url.pathname.endsWith("/Organization") && url.searchParams.has("_id")) return { body: PRACTICES };
  if (url.pathname.endsWith("/Organization")) return { body: ORGANIZATIONS };
  return { status: 404, body: {} };
}

function client(fetch: FetchLike, clock: FakeClock, more: Partial<ConstructorParameters<typeof FhirDirectoryClient>[0]> = {}) {
  return new FhirDirectoryClient({ baseUrl: BASE, apiKey: KEY, fetch, clock, ...more });
}

/** Runs a search to completion on the fake clock. */
async function settle<T>(clock: FakeClock, p: Promise<T>, ms = 1000): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) await clock.advance(ms / 10);
  return p;
}

const emails = (entries: DirectoryEntry[]) => entries.map((e) => e.email);

// ---------------------------------------------------------------------------------------------

describe("query plan", () => {
  it("searches the longest word by name, a known city and a postcode as places", () => {
    const plan = planQuery("dup mar lyon")!;
    expect(plan.tokens).toEqual(["dup", "mar", "lyon"]);
    expect(plan).toMatchObject({ name: "dup", city: "lyon" });
    expect(plan.requests[0]).toEqual({ resource: "Practitioner", params: [["family", "dup"], ["_revinclude", "PractitionerRole:practitioner"], ["_count", "50"]] });
    expect(plan.requests[1]!.params).toEqual([["name:contains", "dup"], ["address-city", "lyon"], ["_count", "50"]]);

    expect(planQuery("Dupont 69003")).toMatchObject({ name: "dupont", postalCode: "69003" });
    expect(planQuery("Hélène Martin-Dupont")!.name).toBe("helene");
    expect(planQuery("dr le gall")!.name).toBe("le gall");
    expect(planQuery("anne martin-dupont")!.name).toBe("martin");
    expect(planQuery("lyon")).toMatchObject({ name: "lyon", city: undefined });
  });

  it("sends nothing for queries the API cannot narrow", () => {
    expect(planQuery("du")).toBeUndefined();
    expect(planQuery("69003")).toBeUndefined();
    expect(planQuery("  ")).toBeUndefined();
  });

  it("builds URLs under the base, parameters encoded, modifiers kept", () => {
    const url = requestUrl(`${BASE}/`, planQuery("Zoé d'Aubigné")!.requests[1]!);
    expect(url).toBe(`${BASE}/Organization?name:contains=aubigne&_count=50`);
    expect(requestUrl(BASE, planQuery("de la fontaine")!.requests[0]!)).toBe(`${BASE}/Practitioner?family=de%20la%20fontaine&_revinclude=PractitionerRole:practitioner&_count=50`);
    expect(requestUrl(BASE, { resource: "Practitioner", params: [["family", "a&b=c"]] })).toBe(`${BASE}/Practitioner?family=a%26b%3Dc`);
  });
});

describe("Bundle parsing", () => {
  it("reads people with their practice, and structures' ORG / APP mailboxes", () => {
    const entries = bundleEntries(collectResources([PRACTITIONERS, ORGANIZATIONS, { ...PRACTICES, entry: PRACTICES.entry.map((e) => ({ ...e, search: { mode: "include" } })) }]));
    expect(entries.find((e) => e.email === "marie.dupont@medecin.mssante.fr")).toEqual({
      email: "marie.dupont@medecin.mssante.fr",
      lastName: "DUPONT",
      firstName: "Marie",
      civility: "DR",
      profession: "Médecin",
      specialty: "Médecine Générale",
      organisation: "CABINET MEDICAL DES LILAS",
      tradeName: "",
      service: "",
      postalCode: "69003",
      city: "LYON",
      mailboxType: "PER",
      ppIdentifier: "81000001001",
    });
    // A mailbox on the role belongs to that practice.
    expect(entries.find((e) => e.email === "cardio.dupontel@cabinet.mssante.fr")).toMatchObject({
      lastName: "DUPONTEL",
      mailboxType: "CAB",
      specialty: "Cardiologie",
      organisation: "CABINET DE CARDIOLOGIE",
      city: "VILLEURBANNE",
    });
    expect(entries.find((e) => e.email === "dpi@ch-dupont.mssante.fr")).toMatchObject({
      lastName: "",
      organisation: "CENTRE HOSPITALIER DUPONT",
      service: "Logiciel DPI - comptes rendus",
      mailboxType: "APP",
      city: "LYON",
      postalCode: "69008",
    });
    expect(entries.find((e) => e.email === "urgences@ch-dupont.mssante.fr")).toMatchObject({ service: "Urgences", mailboxType: "ORG" });
  });

  it("leaves out listeRouge mailboxes, plain addresses and included-only resources", () => {
    const all = emails(bundleEntries(collectResources([PRACTITIONERS, ORGANIZATIONS])));
    expect(all).not.toContain("jeanne.dupont@medecin.mssante.fr");
    expect(all).not.toContain("direction@ch-dupont.mssante.fr");
    expect(all).not.toContain("paul@gmail.com");
    expect(all.sort()).toEqual(
      ["cardio.dupontel@cabinet.mssante.fr", "dpi@ch-dupont.mssante.fr", "marie.dupont@medecin.mssante.fr", "paul.dupontel@medecin.mssante.fr", "urgences@ch-dupont.mssante.fr"].sort(),
    );
  });

  it("profession from the code when the API gives no display; no practice when none is known", () => {
    const [paul] = bundleEntries(collectResources([bundle([{ resource: PAUL }])]));
    expect(paul).toMatchObject({ profession: "Médecin", organisation: "", city: "", specialty: "" });
  });

  it("survives hostile or odd JSON without throwing", () => {
    const odd = [
      null,
      42,
      { resourceType: "Bundle", entry: "nope" },
      { resourceType: "Bundle", entry: [null, 1, { resource: { resourceType: "Practitioner" } }, { resource: { resourceType: "Organization", id: "x", telecom: [{ system: "email", value: "not an address", extension: [{ url: MSS_METADATA_URL }] }] } }] },
      { resourceType: "Bundle", entry: [{ resource: { resourceType: "Organization", id: "y", name: 3, address: "?", telecom: [{ system: "email", value: "a@b.fr", extension: [{ url: MSS_METADATA_URL, extension: [{ url: "type", valueCodeableConcept: { coding: "?" } }] }] }] } }] },
    ];
    expect(bundleEntries(collectResources(odd))).toEqual([
      { email: "a@b.fr", lastName: "", firstName: "", civility: "", profession: "", specialty: "", organisation: "", tradeName: "", service: "", postalCode: "", city: "", mailboxType: "ORG", ppIdentifier: "" },
    ]);
    expect(mssMailboxes({ telecom: [{ system: "email", value: "x@y.fr", extension: [{ url: MSS_METADATA_URL, extension: [{ url: "listeRouge", valueBoolean: true }] }] }] })).toEqual([
      { email: "x@y.fr", type: "", service: "", description: "", listeRouge: true },
    ]);
    expect(referenceKey("https://h/fhir/v2/Organization/12/_history/3")).toBe("Organization/12");
    expect(referenceKey("")).toBe("");
  });

  it("ranks like the local index: exact surname, then prefix, personal first", () => {
    const entries = bundleEntries(collectResources([PRACTITIONERS, ORGANIZATIONS]));
    // Input reversed: the order comes from the ranking, ties keep the input order.
    expect(emails(rankEntries([...entries].reverse(), "dupont"))).toEqual([
      "marie.dupont@medecin.mssante.fr",
      "paul.dupontel@medecin.mssante.fr",
      "cardio.dupontel@cabinet.mssante.fr",
      "urgences@ch-dupont.mssante.fr",
      "dpi@ch-dupont.mssante.fr",
    ]);
    // Every word must match, as a prefix, with the local search's synonyms.
    expect(emails(rankEntries(entries, "dup mar lyon"))).toEqual(["marie.dupont@medecin.mssante.fr"]);
    expect(emails(rankEntries(entries, "dupontel cardiologue"))).toEqual(["paul.dupontel@medecin.mssante.fr", "cardio.dupontel@cabinet.mssante.fr"]);
    expect(emails(rankEntries(entries, "dupont dpi"))).toEqual(["dpi@ch-dupont.mssante.fr"]);
  });
});

describe("client", () => {
  it("sends the key in the header only, follows the practices, returns ranked entries", async () => {
    const clock = new FakeClock();
    const { fetch, calls } = fakeFetch(directoryApi);
    const out = await settle(clock, client(fetch, clock).search("dupont lyon"));
    expect(out.reason).toBe("ok");
    expect(emails(out.entries)).toEqual(["marie.dupont@medecin.mssante.fr", "dpi@ch-dupont.mssante.fr", "urgences@ch-dupont.mssante.fr"]);
    expect(out.requests).toBe(3);
    expect(calls.map((c) => `${c.url.pathname}?${decodeURIComponent(c.url.search.slice(1))}`)).toEqual([
      "/fhir/v2/Practitioner?family=dupont&_revinclude=PractitionerRole:practitioner&_count=50",
      "/fhir/v2/Organization?name:contains=dupont&address-city=lyon&_count=50",
      "/fhir/v2/Organization?_id=org-3&_count=50",
    ]);
    for (const c of calls) {
      expect(c.headers[API_KEY_HEADER]).toBe(KEY);
      expect(c.url.href).not.toContain(KEY);
    }
  });

  it("follows link[next] up to the page limit, and never to another origin", async () => {
    const clock = new FakeClock();
    const page = (n: number, next: string | undefined) =>
      bundle([{ resource: practitioner(`20${n}`, `DURAND${n}`, "Luc", [mailbox(`luc.durand${n}@medecin.mssante.fr`, "PER")]) }], next);
    const { fetch, calls } = fakeFetch((url) => {
      if (url.pathname.endsWith("/Organization")) return { body: bundle([]) };
      const p = Number(url.searchParams.get("_page") ?? "1");
      return { body: page(p, `${BASE}/Practitioner?family=durand&_page=${p + 1}`) };
    });
    const out = await settle(clock, client(fetch, clock, { maxPages: 3 }).search("durand"));
    expect(emails(out.entries)).toEqual(["luc.durand1@medecin.mssante.fr", "luc.durand2@medecin.mssante.fr", "luc.durand3@medecin.mssante.fr"]);
    expect(calls.filter((c) => c.url.pathname.endsWith("/Practitioner"))).toHaveLength(3);

    const evil = fakeFetch((url) => (url.pathname.endsWith("/Organization") ? { body: bundle([]) } : { body: page(1, "https://evil.example/steal?family=durand") }));
    const out2 = await settle(clock, client(evil.fetch, clock).search("durand"));
    expect(out2.reason).toBe("ok");
    expect(evil.calls.every((c) => c.url.origin === new URL(BASE).origin)).toBe(true);
  });

  it("debounces: only the last query of a burst goes out", async () => {
    const clock = new FakeClock();
    const { fetch, calls } = fakeFetch(directoryApi);
    const c = client(fetch, clock);
    const first = c.search("dupo");
    await clock.advance(100);
    const second = c.search("dupon");
    await clock.advance(100);
    const third = c.search("dupont");
    expect(await settle(clock, first)).toMatchObject({ reason: "superseded", requests: 0, entries: [] });
    expect(await settle(clock, second)).toMatchObject({ reason: "superseded", requests: 0 });
    expect((await settle(clock, third)).reason).toBe("ok");
    expect(calls.map((x) => x.url.searchParams.get("family") ?? x.url.searchParams.get("name:contains") ?? "_id").filter((v) => v !== "_id")).toEqual(["dupont", "dupont"]);
  });

  it("a newer query aborts the request still in flight", async () => {
    const clock = new FakeClock();
    let hang = true;
    const { fetch, calls } = fakeFetch((url) => (hang ? new Promise<never>(() => {}) : directoryApi(url)));
    const c = client(fetch, clock);
    const slow = c.search("martin");
    await clock.advance(400);
    expect(calls).toHaveLength(2);
    hang = false;
    const fresh = c.search("dupont");
    await clock.advance(400);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect((await settle(clock, slow)).reason).toBe("superseded");
    expect((await settle(clock, fresh)).reason).toBe("ok");
  });

  it("answers again from its cache: more letters of another word ask nothing more", async () => {
    const clock = new FakeClock();
    const { fetch, calls } = fakeFetch(directoryApi);
    const c = client(fetch, clock);
    await settle(clock, c.search("dupont m"));
    const before = calls.length;
    const again = await c.search("dupont mar");
    expect(again).toMatchObject({ reason: "ok", fromCache: true, requests: 0 });
    expect(emails(again.entries)).toEqual(["marie.dupont@medecin.mssante.fr"]);
    expect(calls.length).toBe(before);
    await clock.advance(6 * 60 * 1000);
    await settle(clock, c.search("dupont mar"));
    expect(calls.length).toBeGreaterThan(before);
  });

  it("401/403: says the key is refused, and stops asking for a while", async () => {
    for (const status of [401, 403]) {
      const clock = new FakeClock();
      const { fetch, calls } = fakeFetch(() => ({ status, body: { resourceType: "OperationOutcome" } }));
      const c = client(fetch, clock);
      const out = await settle(clock, c.search("dupont"));
      expect(out).toMatchObject({ reason: "unauthorized", httpStatus: status, entries: [] });
      expect(out.message).toContain("clé API refusée");
      expect(out.message).not.toContain(KEY);
      const sent = calls.length;
      expect(await settle(clock, c.search("martin"))).toMatchObject({ reason: "unauthorized", requests: 0 });
      expect(calls.length).toBe(sent);
    }
  });

  it("429: backs off for Retry-After, then asks again", async () => {
    const clock = new FakeClock();
    let limited = true;
    const { fetch, calls } = fakeFetch((url) => (limited ? { status: 429, headers: { "retry-after": "30" }, body: {} } : directoryApi(url)));
    const c = client(fetch, clock);
    const out = await settle(clock, c.search("dupont"));
    expect(out).toMatchObject({ reason: "rateLimited", httpStatus: 429, retryAfterSeconds: 30 });
    const sent = calls.length;
    limited = false;
    expect(await settle(clock, c.search("martin"))).toMatchObject({ reason: "rateLimited", requests: 0 });
    expect(calls.length).toBe(sent);
    await clock.advance(30_000);
    expect((await settle(clock, c.search("martin"))).reason).toBe("ok");
    expect(retryAfterMs("Wed, 01 Jan 2031 00:00:10 GMT", Date.parse("2031-01-01T00:00:00Z"))).toBe(10_000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });

  it("network errors, server errors, bad JSON and timeouts are answers, not exceptions", async () => {
    const cases: [Reply | ((u: URL) => Reply), string][] = [
      [new TypeError(`NetworkError when attempting to fetch resource (${KEY})`), "network"],
      [{ status: 500, body: {} }, "http"],
      [{ text: "<html>maintenance</html>" }, "invalid"],
      [{ body: { resourceType: "OperationOutcome" } }, "invalid"],
      [new Promise<never>(() => {}), "timeout"],
    ];
    for (const [reply, reason] of cases) {
      const clock = new FakeClock();
      const { fetch } = fakeFetch(() => (reply instanceof Promise ? new Promise<never>(() => {}) : (reply as Reply)));
      const out = await settle(clock, client(fetch, clock, { timeoutMs: 2000 }).search("dupont"), 5000);
      expect(out.reason, reason).toBe(reason);
      expect(out.entries).toEqual([]);
      expect(out.message).not.toContain(KEY);
    }
  });

  it("keeps the entries of the searches that worked when another one failed", async () => {
    const clock = new FakeClock();
    const { fetch } = fakeFetch((url) => (url.pathname.endsWith("/Organization") ? { status: 502, body: {} } : directoryApi(url)));
    const out = await settle(clock, client(fetch, clock).search("dupont"));
    expect(out).toMatchObject({ reason: "http", httpStatus: 502 });
    expect(emails(out.entries)).toContain("marie.dupont@medecin.mssante.fr");
  });
});

describe("rate limit", () => {
  it("never lets more than 17 requests through in any second", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    const granted: number[] = [];
    for (let i = 0; i < 40; i++) void limiter.acquire().then(() => granted.push(clock.now()));
    await flush();
    expect(granted).toHaveLength(17);
    await clock.advance(999);
    expect(granted).toHaveLength(17);
    await clock.advance(1);
    expect(granted).toHaveLength(34);
    await clock.advance(1000);
    expect(granted).toHaveLength(40);
    for (let i = 0; i + 17 < granted.length; i++) expect(granted[i + 17]! - granted[i]!).toBeGreaterThanOrEqual(1000);
  });

  it("is shared by clients: a burst of searches is spread over seconds", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    const { fetch, calls } = fakeFetch(() => ({ body: bundle([]) }));
    const at: number[] = [];
    const timed: FetchLike = (url, init) => {
      at.push(clock.now());
      return fetch(url, init);
    };
    const searches = Array.from({ length: 12 }, (_, i) => client(timed, clock, { limiter, debounceMs: 0 }).search(`nom${"abcdefghijkl"[i]}xx`));
    await settle(clock, Promise.all(searches), 3000);
    expect(calls).toHaveLength(24);
    for (let i = 0; i + 17 < at.length; i++) expect(at[i + 17]! - at[i]!).toBeGreaterThanOrEqual(1000);
  });

  it("refuses at once while paused", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    limiter.pause(clock.now() + 5000);
    expect(await limiter.acquire()).toBe(false);
    await clock.advance(5000);
    expect(await limiter.acquire()).toBe(true);
  });
});
