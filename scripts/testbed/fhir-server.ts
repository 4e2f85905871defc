// A tiny stand-in for the Annuaire Santé FHIR API (https://gateway.api.esante.gouv.fr/fhir/v2) on
// 127.0.0.1 over HTTPS with the bench's certificate: searchset Bundles for the searches the
// add-on's live source makes, the ESANTE-API-KEY header checked (401 otherwise), link[next] paging,
// 400 for a parameter it does not know (as a strict server would), and a log of every request.
import { createServer } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

export interface FhirRequest {
  resource: string;
  params: Record<string, string>;
  status: number;
  /** Whether the right key came in the header. */
  authorized: boolean;
}

export interface FhirMock {
  /** What to configure as the API URL. */
  baseUrl: string;
  requests: FhirRequest[];
  setResources(resources: FhirResource[]): void;
  /** Answers this much later (a slow API). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const KNOWN = new Set(["family", "given", "name", "name:contains", "name:exact", "address-city", "address-postalcode", "_id", "_count", "_revinclude", "_getpagesoffset", "mailbox-mss", "mailbox-mss-type"]);
const BASE_PATH = "/fhir/v2";

const fold = (s: unknown) => (typeof s === "string" ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase() : "");
type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function names(r: FhirResource, part: "family" | "given" | "any"): string[] {
  return list(r.name).flatMap((n) => {
    const family = [fold(n.family)];
    const given = list(n.given).map(fold);
    return part === "family" ? family : part === "given" ? given : [...family, ...given];
  });
}

function matches(r: FhirResource, key: string, value: string): boolean {
  const v = fold(value);
  switch (key) {
    case "_id":
      return value.split(",").includes(r.id);
    case "family":
    case "given":
    case "name":
      if (r.resourceType === "Organization") return fold(r.name).startsWith(v);
      return names(r, key === "name" ? "any" : key).some((n) => n.startsWith(v));
    case "name:contains":
      return r.resourceType === "Organization" ? fold(r.name).includes(v) : names(r, "any").some((n) => n.includes(v));
    case "name:exact":
      return r.name === value;
    case "address-city":
      return list(r.address).some((a) => fold(a.city).startsWith(v));
    case "address-postalcode":
      return list(r.address).some((a) => fold(a.postalCode).startsWith(v));
    case "mailbox-mss":
      return list(r.telecom).some((t) => fold(t.value) === v);
    default:
      return true;
  }
}

const outcome = (code: string, text: string) => ({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics: text }] });

export async function startFhirServer(opts: { certFile: string; keyFile: string; apiKey: string; resources?: FhirResource[] }): Promise<FhirMock> {
  let resources = opts.resources ?? [];
  let delayMs = 0;
  const requests: FhirRequest[] = [];
  const server = createServer({ cert: readFileSync(opts.certFile), key: readFileSync(opts.keyFile), minVersion: "TLSv1.2" }, (req, res) => {
    const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "127.0.0.1"}`);
    const resource = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length + 1) : "";
    const params = Object.fromEntries(url.searchParams);
    const authorized = req.headers["esante-api-key"] === opts.apiKey;
    const reply = (status: number, body: unknown) => {
      requests.push({ resource, params, status, authorized });
      const send = () => res.writeHead(status, { "content-type": "application/fhir+json;charset=utf-8" }).end(JSON.stringify(body));
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    };
    if (!authorized) return reply(401, { message: "Invalid authentication credentials" });
    if (req.method !== "GET" || !["Practitioner", "PractitionerRole", "Organization"].includes(resource)) return reply(404, outcome("not-found", `${req.method} ${url.pathname}`));
    const unknown = Object.keys(params).filter((k) => !KNOWN.has(k));
    if (unknown.length > 0) return reply(400, outcome("invalid", `Unknown search parameter(s): ${unknown.join(", ")}`));

    const found = resources.filter((r) => r.resourceType === resource && Object.entries(params).every(([k, v]) => k.startsWith("_") && k !== "_id" ? true : matches(r, k, v)));
    const count = Math.min(Number(params._count ?? "50") || 50, 50);
    const offset = Number(params._getpagesoffset ?? "0") || 0;
    const page = found.slice(offset, offset + count);
    const included: FhirResource[] = [];
    if (resource === "Practitioner" && params._revinclude === "PractitionerRole:practitioner") {
      const ids = new Set(page.map((p) => `Practitioner/${p.id}`));
      included.push(...resources.filter((r) => r.resourceType === "PractitionerRole" && ids.has(String((r.practitioner as Json | undefined)?.reference))));
    }
    const self = `${url.origin}${url.pathname}${url.search}`;
    const link = [{ relation: "self", url: self }];
    if (offset + count < found.length) {
      const next = new URL(self);
      next.searchParams.set("_getpagesoffset", String(offset + count));
      link.push({ relation: "next", url: next.href });
    }
    reply(200, {
      resourceType: "Bundle",
      type: "searchset",
      total: found.length,
      link,
      entry: [
        ...page.map((r) => ({ fullUrl: `${url.origin}${BASE_PATH}/${r.resourceType}/${r.id}`, resource: r, search: { mode: "match" } })),
        ...included.map((r) => ({ fullUrl: `${url.origin}${BASE_PATH}/${r.resourceType}/${r.id}`, resource: r, search: { mode: "include" } })),
      ],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `https://127.0.0.1:${port}${BASE_PATH}`,
    requests,
    setResources: (r) => {
      resources = r;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
