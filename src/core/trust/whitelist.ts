// The MSSanté white list ("liste blanche"): the official XML, parsed, validated and normalised.
// Lookup is an exact match of the full domain: no wildcard, no suffix logic (domain.md §1).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { msg, render, type Text } from "../i18n.ts";
import { deletions, displayDomain, normaliseDomain, skeleton } from "./domains.ts";
import { detached } from "../text.ts";

export const WHITELIST_NAMESPACE = "https://listeblanche.mssante.fr/schema";
export const PATIENT_DOMAIN = "patient.mssante.fr";

export interface WhitelistEntry {
  domain: string;
  description: string;
  /** Operator server certificate DNs allowed for this domain, normalised. */
  operatorDns: string[];
}

export interface Whitelist {
  /** DateDeGeneration, ISO 8601. */
  generatedAt: string;
  /** Number of <Domaine> elements in the source (one per domain and operator DN). */
  sourceEntries: number;
  entries: Map<string, WhitelistEntry>;
}

export class WhitelistError extends Error {
  constructor(
    readonly code: "not-xml" | "wrong-root" | "wrong-namespace" | "no-date" | "empty" | "shrank" | "older",
    /** The detail's _locales key and parameters (`message`: its French words, for logs and the CLI). */
    readonly text: Text,
  ) {
    super(render(text));
    this.name = "WhitelistError";
  }
}

/** DN with the spaces around RDN separators removed (one real entry uses ", "). */
export function normaliseDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) => {
      const eq = rdn.indexOf("=");
      return eq < 0 ? rdn.trim() : `${rdn.slice(0, eq).trim().toUpperCase()}=${rdn.slice(eq + 1).trim()}`;
    })
    .join(",");
}

/** The CN of a DN (the operator server's host name), lower-case. */
export function commonName(dn: string): string | undefined {
  const m = /(?:^|,)CN=([^,]+)/.exec(normaliseDn(dn));
  return m ? m[1]!.toLowerCase() : undefined;
}

type Raw = Record<string, unknown>;

function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return text((v as Raw)["#text"]);
  return String(v).trim();
}

/** Parses the official XML. Throws WhitelistError (French message) for anything unusable. */
export function parseWhitelistXml(xml: string): Whitelist {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WhitelistError("not-xml", msg("wlDetailNotXml", String(valid.err.line), valid.err.msg));
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === "Domaine",
  });
  const doc = parser.parse(xml) as Raw;
  const root = doc.ListeBlancheMSSante as Raw | undefined;
  if (!root || typeof root !== "object") {
    throw new WhitelistError("wrong-root", msg("wlDetailWrongRoot"));
  }
  // The parser drops namespace declarations along with prefixes: read the root's own declaration.
  const start = /<(?:([A-Za-z_][\w.-]*):)?ListeBlancheMSSante\b([^>]*)>/.exec(xml);
  const prefix = start?.[1];
  const decl = start ? new RegExp(`\\bxmlns${prefix ? `:${prefix}` : ""}\\s*=\\s*["']([^"']*)["']`).exec(start[2]!) : null;
  const ns = decl?.[1];
  if (ns !== WHITELIST_NAMESPACE) {
    throw new WhitelistError("wrong-namespace", ns ? msg("wlDetailWrongNamespace", String(ns)) : msg("wlDetailNoNamespace"));
  }
  const generatedAt = text(root.DateDeGeneration);
  if (!generatedAt || Number.isNaN(Date.parse(generatedAt))) {
    throw new WhitelistError("no-date", msg("wlDetailNoDate"));
  }
  const raw = ((root.ListeDomaines as Raw | undefined)?.Domaine as Raw[] | undefined) ?? [];
  const entries = new Map<string, WhitelistEntry>();
  for (const d of raw) {
    const domain = normaliseDomain(text(d.Nom));
    if (!domain) continue;
    const dn = text(d.DNCertificatOperateur);
    const entry = entries.get(domain) ?? { domain, description: text(d.Description), operatorDns: [] };
    if (dn) {
      const norm = normaliseDn(dn);
      if (!entry.operatorDns.includes(norm)) entry.operatorDns.push(norm);
    }
    entries.set(domain, entry);
  }
  if (entries.size === 0) throw new WhitelistError("empty", msg("wlDetailEmpty"));
  return { generatedAt: new Date(generatedAt).toISOString(), sourceEntries: raw.length, entries };
}

/**
 * Whether `next` may replace `current`. A list that shrank implausibly (more than `maxShrink` of
 * its domains gone at once) or is older than the current one is refused: the last good list stays.
 */
export function checkUpdate(current: Whitelist | undefined, next: Whitelist, maxShrink = 0.2): void {
  if (!current) return;
  if (Date.parse(next.generatedAt) < Date.parse(current.generatedAt)) {
    throw new WhitelistError("older", msg("wlDetailOlder", next.generatedAt, current.generatedAt));
  }
  if (next.entries.size < current.entries.size * (1 - maxShrink)) {
    throw new WhitelistError(
      "shrank",
      msg("wlDetailShrank", String(next.entries.size), String(current.entries.size)),
    );
  }
}

/** Compact form for the add-on's storage. */
export interface StoredWhitelist {
  generatedAt: string;
  sourceEntries: number;
  entries: [domain: string, description: string, dns: string[]][];
}

export function toStored(w: Whitelist): StoredWhitelist {
  return { generatedAt: w.generatedAt, sourceEntries: w.sourceEntries, entries: [...w.entries.values()].map((e) => [e.domain, e.description, e.operatorDns]) };
}

export function fromStored(s: StoredWhitelist): Whitelist {
  return {
    generatedAt: s.generatedAt,
    sourceEntries: s.sourceEntries,
    entries: new Map(s.entries.map(([domain, description, operatorDns]) => [domain, { domain, description, operatorDns }])),
  };
}

export function lookup(w: Whitelist, domain: string): WhitelistEntry | undefined {
  const d = normaliseDomain(domain);
  return d ? w.entries.get(d) : undefined;
}

// The CNs read out of an entry's DNs, kept with the DNs they were read from (weakly, with the entry's
// array): checked again on every call, so a list changed in place is read again.
const hostsOf = new WeakMap<string[], { dns: string[]; hosts: string[] }>();

/** CNs of the operator certificates listed for a domain. */
export function operatorHosts(w: Whitelist, domain: string): string[] {
  return [...sharedOperatorHosts(w, domain)];
}

const NO_HOSTS: readonly string[] = Object.freeze([]);

/** operatorHosts without the copy, for callers that only read it (the relay check, per message). */
export function sharedOperatorHosts(w: Whitelist, domain: string): readonly string[] {
  const dns = lookup(w, domain)?.operatorDns;
  if (!dns) return NO_HOSTS;
  const kept = hostsOf.get(dns);
  if (kept && sameList(kept.dns, dns)) return kept.hosts;
  const hosts = dns.map(commonName).filter((x): x is string => Boolean(x));
  hostsOf.set(dns, { dns: [...dns], hosts });
  return hosts;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface LookalikeIndex {
  skeletons: Map<string, string>;
  nearMisses: Map<string, string>;
  /** Answers already given for this list: sender domains recur from one message to the next. */
  answers: Map<string, string | undefined>;
}
// At most this many remembered answers per list (domains are ≤ 253 characters: ≤ a few MiB).
const MAX_ANSWERS = 4096;
const lookalikeIndexes = new WeakMap<Whitelist, LookalikeIndex>();

function lookalikeIndex(w: Whitelist): LookalikeIndex {
  let idx = lookalikeIndexes.get(w);
  if (!idx) {
    idx = { skeletons: new Map(), nearMisses: new Map(), answers: new Map() };
    for (const domain of w.entries.keys()) {
      idx.skeletons.set(skeleton(displayDomain(domain)), domain);
      for (const del of deletions(domain)) if (!idx.nearMisses.has(del)) idx.nearMisses.set(del, domain);
    }
    lookalikeIndexes.set(w, idx);
  }
  return idx;
}

/**
 * The white-listed domain that `domain` (not itself listed) imitates, if any: same skeleton
 * (homoglyphs), or one edit away. Built once per list; each check is a few map lookups.
 */
export function imitatedDomain(w: Whitelist, domain: string): string | undefined {
  if (w.entries.has(domain)) return undefined;
  const idx = lookalikeIndex(w);
  if (idx.answers.has(domain)) return idx.answers.get(domain);
  const answer = findImitated(idx, domain);
  if (idx.answers.size >= MAX_ANSWERS) idx.answers.clear();
  idx.answers.set(detached(domain), answer);
  return answer;
}

function findImitated(idx: LookalikeIndex, domain: string): string | undefined {
  const bySkeleton = idx.skeletons.get(skeleton(displayDomain(domain)));
  if (bySkeleton && bySkeleton !== domain) return bySkeleton;
  if (domain.length < 8) return undefined;
  for (const del of deletions(domain)) {
    const hit = idx.nearMisses.get(del);
    if (hit && hit !== domain) return hit;
  }
  return undefined;
}
