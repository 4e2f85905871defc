// Reading Annuaire Santé FHIR R4 search Bundles (Practitioner, PractitionerRole, Organization) into
// the same `DirectoryEntry` objects the local index returns. The JSON comes from the network: every
// field is checked before use, and anything unexpected is skipped rather than trusted.
//
// Where things are (IG "Annuaire Santé", ANS):
// - mailboxes are `telecom` entries with `system = email` carrying the extension
//   `as-ext-mailbox-mss-metadata` (sub-extensions `type` PER/ORG/APP/CAB, `description`, `service`,
//   `listeRouge`, `digitization`), on Practitioner, PractitionerRole or Organization;
// - a person's name is `Practitioner.name` (the `official` one when several), the civilité
//   d'exercice its `prefix`;
// - profession and speciality are codings of `PractitionerRole.code` / `.specialty` or of
//   `Practitioner.qualification` (display when given, else a label for the common profession codes);
// - the organisation, city and postcode come from the Organization a role points to.
import type { DirectoryEntry } from "./search.ts";

export const MSS_METADATA_URL = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
/** idNatPs (8 + RPPS, 0 + ADELI), as `Identification nationale PP` in the file. */
const IDNATPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";
const MAILBOX_TYPES = new Set(["PER", "ORG", "APP", "CAB"]);
// Lenient on purpose: the directory's own addresses; the file holds nothing stricter.
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Labels of the common TRE_G15 profession codes, for codings that come without a display. */
const PROFESSIONS: Record<string, string> = {
  "10": "Médecin",
  "21": "Pharmacien",
  "26": "Audioprothésiste",
  "28": "Opticien-Lunetier",
  "40": "Chirurgien-Dentiste",
  "50": "Sage-Femme",
  "60": "Infirmier",
  "70": "Masseur-Kinésithérapeute",
  "80": "Pédicure-Podologue",
  "91": "Orthophoniste",
  "92": "Orthoptiste",
  "93": "Psychologue",
  "94": "Ergothérapeute",
  "95": "Diététicien",
  "96": "Psychomotricien",
  "98": "Manipulateur ERM",
};
const PROFESSION_SYSTEM = /TRE[-_]G15|ProfessionSante/i;
const SPECIALTY_SYSTEM = /TRE[-_]R(3[89]|4[0-7])|Specialite|SavoirFaire|Competence|Capacite|QualificationPAC/i;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Json[] => arr(v).map(obj).filter((o): o is Json => o !== undefined);
const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

export interface FhirMailbox {
  email: string;
  /** PER, ORG, APP, CAB; "" when the extension does not say. */
  type: string;
  service: string;
  description: string;
  listeRouge: boolean;
}

function subExtension(ext: Json, url: string): Json | undefined {
  return objs(ext.extension).find((e) => str(e.url) === url);
}

function codeOf(value: Json | undefined): string {
  if (!value) return "";
  const direct = str(value.valueCode) || str(value.valueString);
  if (direct) return direct;
  const coding = obj(value.valueCoding) ?? objs(obj(value.valueCodeableConcept)?.coding)[0];
  return str(coding?.code);
}

/**
 * The MSSanté mailboxes of a resource's `telecom`, listeRouge ones included (the caller skips them):
 * email entries carrying the mailbox metadata extension, or typed MSSANTE by an email-type coding.
 */
export function mssMailboxes(resource: Json): FhirMailbox[] {
  const out: FhirMailbox[] = [];
  for (const t of objs(resource.telecom)) {
    if (str(t.system) !== "email") continue;
    const email = str(t.value);
    if (!EMAIL.test(email)) continue;
    const extensions = objs(t.extension);
    const meta = extensions.find((e) => str(e.url) === MSS_METADATA_URL);
    const typedMss = extensions.some((e) => codeOf(e).toUpperCase() === "MSSANTE");
    if (!meta && !typedMss) continue;
    const type = codeOf(meta && subExtension(meta, "type")).toUpperCase();
    const red = meta && (subExtension(meta, "listeRouge") ?? subExtension(meta, "publication"));
    out.push({
      email,
      type: MAILBOX_TYPES.has(type) ? type : "",
      service: str(meta && subExtension(meta, "service")?.valueString),
      description: str(meta && subExtension(meta, "description")?.valueString),
      listeRouge: red?.valueBoolean === true || str(red?.valueString).toLowerCase() === "true",
    });
  }
  return out;
}

/** "Organization/123", "https://…/fhir/v2/Organization/123" or "Organization/123/_history/2" → "Organization/123". */
export function referenceKey(reference: string): string {
  const parts = reference.split("?")[0]!.split("/").filter(Boolean);
  const history = parts.indexOf("_history");
  const p = history >= 2 ? parts.slice(0, history) : parts;
  return p.length >= 2 ? `${p[p.length - 2]}/${p[p.length - 1]}` : "";
}

/** The resources of some Bundles, by "Type/id"; which of them the searches matched. */
export interface ResourceSet {
  byKey: Map<string, Json>;
  matches: Json[];
}

export function collectResources(bundles: unknown[]): ResourceSet {
  const byKey = new Map<string, Json>();
  const matches: Json[] = [];
  for (const bundle of bundles) {
    for (const entry of objs(obj(bundle)?.entry)) {
      const resource = obj(entry.resource);
      const type = str(resource?.resourceType);
      const id = str(resource?.id);
      if (!resource || !type || !id) continue;
      const key = `${type}/${id}`;
      if (!byKey.has(key)) byKey.set(key, resource);
      // No search.mode: a server that does not say is taken as answering the search itself.
      if (str(obj(entry.search)?.mode) !== "include" && str(obj(entry.search)?.mode) !== "outcome") matches.push(resource);
    }
  }
  return { byKey, matches };
}

interface Codings {
  display: string;
  code: string;
  system: string;
}

function codings(concepts: unknown): Codings[] {
  const out: Codings[] = [];
  for (const c of arr(concepts).map(obj)) {
    for (const coding of objs(c?.coding)) out.push({ display: str(coding.display), code: str(coding.code), system: str(coding.system) });
    if (c && str(c.text)) out.push({ display: str(c.text), code: "", system: "" });
  }
  return out;
}

function professionOf(all: Codings[]): string {
  const p = all.filter((c) => PROFESSION_SYSTEM.test(c.system));
  return p.find((c) => c.display)?.display ?? p.map((c) => PROFESSIONS[c.code]).find(Boolean) ?? "";
}

interface Place {
  organisation: string;
  tradeName: string;
  postalCode: string;
  city: string;
}

const NO_PLACE: Place = { organisation: "", tradeName: "", postalCode: "", city: "" };

function placeOf(org: Json | undefined): Place {
  if (!org) return NO_PLACE;
  const address = objs(org.address).find((a) => str(a.use) === "work") ?? objs(org.address)[0];
  const name = str(org.name);
  const alias = arr(org.alias).map(str).find(Boolean) ?? "";
  return { organisation: name || alias, tradeName: alias, postalCode: str(address?.postalCode), city: str(address?.city) };
}

function nameOf(practitioner: Json): { lastName: string; firstName: string; civility: string } {
  const names = objs(practitioner.name);
  const n = names.find((x) => str(x.use) === "official") ?? names.find((x) => str(x.use) !== "old") ?? names[0];
  const prefix = arr(n?.prefix).map(str).find(Boolean) ?? "";
  return {
    lastName: str(n?.family),
    firstName: arr(n?.given).map(str).filter(Boolean).join(" "),
    // Civilité d'exercice (DR, PR) as in the file; M./MME are not shown there either.
    civility: /^(dr|pr|docteur|professeur)\.?$/i.test(prefix) ? prefix.replace(/\.$/, "").toUpperCase().slice(0, 2) : "",
  };
}

function idNatPs(practitioner: Json): string {
  return str(objs(practitioner.identifier).find((i) => str(i.system) === IDNATPS_SYSTEM)?.value);
}

/**
 * The directory entries in a set of Bundles, one per address (first seen wins), listeRouge
 * mailboxes left out. Practitioners and organisations the searches matched give entries;
 * included resources (roles, their organisations) only describe them.
 */
export function bundleEntries(resources: ResourceSet): DirectoryEntry[] {
  const { byKey, matches } = resources;
  const out: DirectoryEntry[] = [];
  const seen = new Set<string>();
  const add = (m: FhirMailbox, e: Omit<DirectoryEntry, "email" | "mailboxType" | "service">, defaultType: string) => {
    const key = m.email.toLowerCase();
    if (m.listeRouge || seen.has(key)) return;
    seen.add(key);
    out.push({ ...e, email: m.email, mailboxType: m.type || defaultType, service: m.service || (m.type === "PER" ? "" : m.description) });
  };

  // Roles by the practitioner they describe (the searches revinclude them).
  const rolesOf = new Map<string, Json[]>();
  for (const r of byKey.values()) {
    if (str(r.resourceType) !== "PractitionerRole") continue;
    const who = referenceKey(str(obj(r.practitioner)?.reference));
    if (!who) continue;
    rolesOf.set(who, [...(rolesOf.get(who) ?? []), r]);
  }
  const orgOf = (role: Json | undefined) => (role ? byKey.get(referenceKey(str(obj(role.organization)?.reference))) : undefined);

  for (const resource of matches) {
    const type = str(resource.resourceType);
    if (type === "Practitioner" || type === "PractitionerRole") {
      const practitioner = type === "Practitioner" ? resource : byKey.get(referenceKey(str(obj(resource.practitioner)?.reference)));
      const roles = type === "Practitioner" ? (rolesOf.get(`Practitioner/${str(resource.id)}`) ?? []) : [resource];
      const qualifications = codings(objs(practitioner?.qualification).map((q) => q.code));
      const person = practitioner ? nameOf(practitioner) : { lastName: "", firstName: "", civility: "" };
      const ppIdentifier = practitioner ? idNatPs(practitioner) : "";
      const describe = (role: Json | undefined) => {
        const all = [...codings(role?.code), ...codings(role?.specialty), ...qualifications];
        const specialty = codings(role?.specialty).find((c) => c.display)?.display ?? all.find((c) => SPECIALTY_SYSTEM.test(c.system) && c.display)?.display ?? "";
        return { ...person, ppIdentifier, profession: professionOf(all), specialty, ...placeOf(orgOf(role)) };
      };
      // Mailboxes of a role belong to that practice; the person's own go with their first practice.
      for (const role of roles) for (const m of mssMailboxes(role)) add(m, describe(role), "PER");
      if (type === "Practitioner") {
        const main = roles.find((r) => orgOf(r)) ?? roles[0];
        for (const m of mssMailboxes(resource)) add(m, describe(main), "PER");
      }
    } else if (type === "Organization") {
      const place = placeOf(resource);
      for (const m of mssMailboxes(resource)) {
        add(m, { lastName: "", firstName: "", civility: "", profession: "", specialty: "", ppIdentifier: "", ...place }, "ORG");
      }
    }
  }
  return out;
}

/** Organizations that roles in the set point to and that the set does not hold ("Organization/id" keys). */
export function missingOrganizations(resources: ResourceSet): string[] {
  const missing = new Set<string>();
  for (const r of resources.byKey.values()) {
    if (str(r.resourceType) !== "PractitionerRole") continue;
    const key = referenceKey(str(obj(r.organization)?.reference));
    if (key.startsWith("Organization/") && !resources.byKey.has(key)) missing.add(key);
  }
  return [...missing];
}

/** The `next` link of a searchset Bundle, if any. */
export function nextLink(bundle: unknown): string {
  return str(objs(obj(bundle)?.link).find((l) => str(l.relation) === "next")?.url);
}
