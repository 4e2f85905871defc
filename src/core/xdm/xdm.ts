// An IHE XDM (CI-SIS « échange de documents de santé ») read from its ZIP: the patient, the
// submission set and each document, with its declared size and SHA-1 checked against the file
// actually in the archive. Everything comes from METADATA.XML as written: a missing or
// contradictory field becomes a problem, never a guess (one patient per message, ECO.2.1.1).
import { cdaHead, cdaPatient, type CdaPatient } from "./cda-patient.ts";
import { MAX_METADATA_BYTES, parseMetadata, SCHEME, type RawObject } from "./metadata.ts";
import { msg, render, type Text, type Translate } from "../i18n.ts";
import { localizeXdm, problem, STATUS_MESSAGES, statusText, type XdmProblem, type XdmStatus } from "./problems.ts";
import { displayName, XdmZip, XdmZipError, type XdmZipLimits, type ZipEntry } from "./zip.ts";

export type InsKind = "NIR" | "NIA" | "test-NIR" | "test-NIA" | "unknown";

export const INS_OIDS: Record<string, Exclude<InsKind, "unknown">> = {
  "1.2.250.1.213.1.4.8": "NIR",
  "1.2.250.1.213.1.4.10": "NIA",
  "1.2.250.1.213.1.4.9": "test-NIR",
  "1.2.250.1.213.1.4.11": "test-NIA",
};

export interface Ins {
  value: string;
  oid: string | null;
  kind: InsKind;
  /** A test identity (test OID of the NIR or the NIA): never a real patient. */
  test: boolean;
}

export interface Patient {
  /** Birth name (PID-5 of type L, else the first PID-5). */
  lastName: string | null;
  firstNames: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** PID-8 as written: F, M or U. */
  sex: string | null;
  /** The patientId, when it is an INS or at least a CX identifier; null when there is none. */
  ins: Ins | null;
  /** Matricule, INS OID and the four identity traits all present. */
  qualified: boolean;
  /** PID-3 identifiers other than the INS (`id^^^&OID&ISO`, as written). */
  localIds: string[];
}

export interface Author {
  /** « Prénom NOM » from authorPerson (XCN), or its identifier when no name is given. */
  name: string | null;
  id: string | null;
  institution: string | null;
}

export interface Submission {
  uniqueId: string | null;
  title: string | null;
  /** ISO 8601 */
  submissionTime: string | null;
  author: Author | null;
  patientId: string | null;
}

export interface XdmDocument {
  id: string;
  uniqueId: string | null;
  title: string | null;
  typeCode: string | null;
  typeCodeSystem: string | null;
  typeLabel: string | null;
  classCode: string | null;
  classCodeSystem: string | null;
  classLabel: string | null;
  formatCode: string | null;
  formatCodeSystem: string | null;
  /** ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ (XDS times are UTC). */
  creationTime: string | null;
  author: Author | null;
  mediaType: string | null;
  languageCode: string | null;
  legalAuthenticator: string | null;
  patientId: string | null;
  uri: string | null;
  /** Path of the file inside the ZIP, when found. */
  path: string | null;
  present: boolean;
  size: number | null;
  hash: string | null;
  sizeOk: boolean;
  hashOk: boolean;
  /** The `code` of the CDA document itself, when the file is a CDA R2 (null otherwise). */
  cdaCode: string | null;
  /** The patient the CDA document itself is about (its recordTarget), when it is a CDA R2. */
  cdaPatient: CdaPatient | null;
}

export interface XdmResult {
  found: boolean;
  status: XdmStatus;
  statusMessage: string;
  /** The _locales key and parameters of `statusMessage`. */
  statusText: Text;
  patient: Patient | null;
  submission: Submission | null;
  documents: XdmDocument[];
  problems: XdmProblem[];
  /** Path of the METADATA.XML read. */
  metadataPath: string | null;
}

export function refused(status: XdmStatus, found: boolean, detail?: Text, problems: XdmProblem[] = []): XdmResult {
  // A detail that only repeats the status message (not-zip) is not said twice.
  const t = statusText(status, detail);
  return {
    found,
    status,
    statusMessage: render(t),
    statusText: t,
    patient: null,
    submission: null,
    documents: [],
    problems,
    metadataPath: null,
  };
}

const METADATA_PATH = /(?:^|\/)IHE_XDM\/[^/]+\/METADATA\.XML$/i;

/** Reads an XDM ZIP. Never throws on content: refusals are statuses. */
/** `translate`: words of the status and problems (default: French, from _locales); the add-on passes Thunderbird's. */
export async function readXdmZip(raw: Uint8Array, limits?: XdmZipLimits, translate?: Translate): Promise<XdmResult> {
  try {
    return localizeXdm(await read(raw, limits), translate);
  } catch (err) {
    if (err instanceof XdmZipError) return localizeXdm(refused(err.status, true, err.text), translate);
    throw err;
  }
}

async function read(raw: Uint8Array, limits?: XdmZipLimits): Promise<XdmResult> {
  const zip = XdmZip.open(raw, limits);
  const files = zip.files();
  const metadataEntries = files.filter((e) => METADATA_PATH.test(e.name.replace(/\\/g, "/"))).sort((a, b) => (a.name < b.name ? -1 : 1));
  const metaEntry = metadataEntries[0];
  if (!metaEntry) return refused("metadata-missing", true);
  const problems: XdmProblem[] = [];
  if (metadataEntries.length > 1) {
    problems.push(problem("several-metadata", msg("xdmSeveralMetadata", String(metadataEntries.length), displayName(metaEntry.name))));
  }
  // Refused by its declared size before anything is inflated; the parser checks the real size too.
  if (metaEntry.size > MAX_METADATA_BYTES) return { ...refused("metadata-too-large", true, undefined, problems), metadataPath: metaEntry.name };
  const parsed = parseMetadata(zip.read(metaEntry));
  if (!parsed.ok) return { ...refused(parsed.status, true, parsed.detail, problems), metadataPath: metaEntry.name };
  const meta = parsed.metadata;
  const folder = metaEntry.name.replace(/\\/g, "/").replace(/[^/]*$/, "");

  if (meta.submissionSets.length === 0) problems.push(problem("no-submission-set", msg("xdmNoSubmissionSet")));
  if (meta.submissionSets.length > 1) problems.push(problem("several-submission-sets", msg("xdmSeveralSubmissionSets", String(meta.submissionSets.length))));
  const set = meta.submissionSets[0];
  const submission = set ? readSubmission(set, problems) : null;
  if (meta.documents.length === 0) problems.push(problem("no-documents", msg("xdmNoDocuments")));

  const documents: XdmDocument[] = [];
  for (const raw of meta.documents) documents.push(await readDocument(raw, zip, files, folder, problems));
  // A file beside METADATA.XML that no document names is shown by any extraction but described,
  // checked and shown here by nothing: said, not guessed at (one pass over the names).
  const named = new Set(documents.map((d) => d.path).filter((x): x is string => x !== null));
  for (const e of files) {
    const name = e.name.replace(/\\/g, "/");
    if (e === metaEntry || named.has(e.name) || !name.startsWith(folder)) continue;
    problems.push(problem("document-unlisted", msg("xdmDocumentUnlisted", displayName(e.name)), e.name));
  }
  const patient = readPatient(meta.documents, submission, problems);
  if (patient) comparePatients(patient, documents, problems);
  return { found: true, status: "ok", statusMessage: STATUS_MESSAGES.ok, statusText: statusText("ok"), patient, submission, documents, problems, metadataPath: metaEntry.name };
}

/**
 * Each CDA's own patient against the metadata's: another INS (same authority, other identifier:
 * any one of them, even beside the metadata's own) or another birth date is another patient. What
 * the CDA leaves out is not guessed at; what the part read could not reach is said unread.
 */
function comparePatients(patient: Patient, documents: XdmDocument[], problems: XdmProblem[]): void {
  for (const doc of documents) {
    const cda = doc.cdaPatient;
    if (!cda) continue;
    const label = doc.uri ?? doc.path ?? "?";
    const bare = (v: string) => v.replace(/\s+/g, "");
    const sameAuthority = patient.ins?.oid ? cda.ids.filter((id) => id.oid === patient.ins!.oid) : [];
    const others = sameAuthority.filter((id) => bare(id.value) !== bare(patient.ins!.value));
    const otherBirths = patient.birthDate !== null ? cda.birthDates.filter((b) => b !== patient.birthDate) : [];
    if (others.length > 0 || otherBirths.length > 0) {
      const ins = others.length > 0 ? msg("xdmCdaOtherIns", [...new Set(others.map((i) => i.value))].join(", "), patient.ins!.value) : null;
      const birth = otherBirths.length > 0 ? msg("xdmCdaOtherBirth", otherBirths.join(", "), patient.birthDate!) : null;
      const what = ins && birth ? msg("xdmTwoDetails", ins, birth) : (ins ?? birth)!;
      problems.push(problem("cda-patient-mismatch", msg("xdmCdaPatientMismatch", displayName(label), what), label));
    } else if (!cda.complete) {
      problems.push(problem("cda-patient-unread", msg("xdmCdaPatientUnread", displayName(label)), label));
    }
  }
}

function first(obj: RawObject, slot: string): string | null {
  const v = obj.slots.get(slot)?.find((s) => s.trim() !== "");
  return v === undefined ? null : v.trim();
}

function externalId(obj: RawObject, scheme: string): string | null {
  const v = obj.externalIds.find((e) => e.scheme === scheme && e.value.trim() !== "");
  return v ? v.value.trim() : null;
}

/** HL7 v2 DTM as XDS writes it (UTC, YYYY[MM[DD[HH[MM[SS]]]]]) to ISO 8601; null when impossible. */
export function hl7Time(s: string | null): string | null {
  if (s === null) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(?:\.\d{1,4})?)?([+-]\d{4}|Z)?$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se, tz] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(se ?? 0) > 59) return null;
  if (h === undefined) return `${y}-${mo}-${d}`;
  if (tz && tz !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    date.setUTCMinutes(date.getUTCMinutes() - sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3, 5))));
  }
  return `${date.toISOString().slice(0, 19)}Z`;
}

function component(v: string, i: number): string {
  return (v.split("^")[i] ?? "").trim();
}

function readAuthor(obj: RawObject, scheme: string): Author | null {
  const c = obj.classifications.find((x) => x.scheme === scheme);
  if (!c) return null;
  const person = c.slots.get("authorPerson")?.[0] ?? null;
  const institution = c.slots.get("authorInstitution")?.[0] ?? null;
  if (!person && !institution) return null;
  const id = person ? component(person, 0) || null : null;
  const name = person ? [component(person, 2), component(person, 1)].filter(Boolean).join(" ") || id : null;
  return { name, id, institution: institution ? component(institution, 0) || null : null };
}

function readSubmission(set: RawObject, problems: XdmProblem[]): Submission {
  const rawTime = first(set, "submissionTime");
  const submission: Submission = {
    uniqueId: externalId(set, SCHEME.submissionUniqueId),
    title: set.name,
    submissionTime: hl7Time(rawTime),
    author: readAuthor(set, SCHEME.submissionAuthor),
    patientId: externalId(set, SCHEME.submissionPatientId),
  };
  if (!submission.submissionTime) problems.push(problem("submission-time-missing", rawTime ? msg("xdmSubmissionTimeInvalid", rawTime) : msg("xdmSubmissionTimeMissing")));
  if (!submission.author) problems.push(problem("submission-author-missing", msg("xdmSubmissionAuthorMissing")));
  if (!submission.patientId) problems.push(problem("submission-patient-missing", msg("xdmSubmissionPatientMissing")));
  return submission;
}

/** The URI relative to METADATA.XML's folder, as a ZIP path; null when it would leave the archive. */
function resolveUri(folder: string, uri: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith("/") || uri.startsWith("\\")) return null;
  const parts = folder.split("/").filter(Boolean);
  for (const part of uri.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function readDocument(raw: RawObject, zip: XdmZip, files: ZipEntry[], folder: string, problems: XdmProblem[]): Promise<XdmDocument> {
  const code = (scheme: string) => {
    const c = raw.classifications.find((x) => x.scheme === scheme);
    return { code: c?.nodeRepresentation?.trim() || null, system: c?.slots.get("codingScheme")?.[0]?.trim() || null, label: c?.name ?? null };
  };
  const type = code(SCHEME.typeCode);
  const cls = code(SCHEME.classCode);
  const format = code(SCHEME.formatCode);
  const uri = first(raw, "URI");
  const label = uri ?? raw.id;
  const rawTime = first(raw, "creationTime");
  const rawSize = first(raw, "size");
  const rawHash = first(raw, "hash");
  const doc: XdmDocument = {
    id: raw.id,
    uniqueId: externalId(raw, SCHEME.documentUniqueId),
    title: raw.name,
    typeCode: type.code,
    typeCodeSystem: type.system,
    typeLabel: type.label,
    classCode: cls.code,
    classCodeSystem: cls.system,
    classLabel: cls.label,
    formatCode: format.code,
    formatCodeSystem: format.system,
    creationTime: hl7Time(rawTime),
    author: readAuthor(raw, SCHEME.author),
    mediaType: raw.mimeType,
    languageCode: first(raw, "languageCode"),
    legalAuthenticator: first(raw, "legalAuthenticator"),
    patientId: externalId(raw, SCHEME.documentPatientId),
    uri,
    path: null,
    present: false,
    size: rawSize !== null && /^\d{1,15}$/.test(rawSize) ? Number(rawSize) : null,
    hash: rawHash !== null && /^[0-9a-fA-F]{40}$/.test(rawHash) ? rawHash.toLowerCase() : null,
    sizeOk: false,
    hashOk: false,
    cdaCode: null,
    cdaPatient: null,
  };
  if (!doc.title) problems.push(problem("document-title-missing", msg("xdmDocumentTitleMissing", label), label));
  if (!doc.typeCode) problems.push(problem("document-type-missing", msg("xdmDocumentTypeMissing", label), label));
  if (rawTime === null) problems.push(problem("document-creation-time-missing", msg("xdmDocumentCreationMissing", label), label));
  else if (!doc.creationTime) problems.push(problem("document-creation-time-invalid", msg("xdmDocumentCreationInvalid", label, rawTime), label));
  if (doc.size === null) problems.push(problem("document-size-missing", msg("xdmDocumentSizeMissing", label), label));
  if (doc.hash === null) problems.push(problem("document-hash-missing", msg("xdmDocumentHashMissing", label), label));
  if (uri === null) {
    problems.push(problem("document-uri-missing", raw.id ? msg("xdmDocumentUriMissing", raw.id) : msg("xdmDocumentUriMissingNoId"), label));
    return doc;
  }
  const path = resolveUri(folder, uri);
  if (path === null) {
    problems.push(problem("document-uri-unsafe", msg("xdmDocumentUriUnsafe", displayName(uri)), label));
    return doc;
  }
  // Exact name first; archives made on Windows sometimes change the case of names.
  const entry = files.find((e) => e.name.replace(/\\/g, "/") === path) ?? files.find((e) => e.name.replace(/\\/g, "/").toLowerCase() === path.toLowerCase());
  if (!entry) {
    problems.push(problem("document-missing", msg("xdmDocumentMissing", displayName(uri)), label));
    return doc;
  }
  doc.path = entry.name;
  let bytes: Uint8Array;
  try {
    bytes = zip.read(entry);
  } catch (err) {
    // Archive-wide limits (bomb, total size) refuse the whole XDM; a broken document only itself.
    if (err instanceof XdmZipError && err.status !== "zip-corrupt") throw err;
    problems.push(problem("document-unreadable", msg("xdmDocumentUnreadable", displayName(uri), err instanceof XdmZipError ? err.text : err instanceof Error ? err.message : String(err)), label));
    return doc;
  }
  doc.present = true;
  doc.sizeOk = doc.size !== null && doc.size === bytes.length;
  if (doc.size !== null && !doc.sizeOk) problems.push(problem("document-size-mismatch", msg("xdmDocumentSizeMismatch", displayName(uri), String(bytes.length), String(doc.size)), label));
  const actual = toHex(await crypto.subtle.digest("SHA-1", bytes as Uint8Array<ArrayBuffer>));
  doc.hashOk = doc.hash !== null && doc.hash === actual;
  if (doc.hash !== null && !doc.hashOk) problems.push(problem("document-hash-mismatch", msg("xdmDocumentHashMismatch", displayName(uri)), label));
  doc.cdaCode = cdaCode(bytes);
  doc.cdaPatient = cdaPatient(bytes);
  if (doc.cdaCode !== null && doc.typeCode !== null && doc.cdaCode !== doc.typeCode) {
    problems.push(problem("cda-code-mismatch", msg("xdmCdaCodeMismatch", displayName(uri), doc.cdaCode, doc.typeCode), label));
  }
  return doc;
}

/**
 * The document code of a CDA R2: the first `code` element, which the CDA schema places before any
 * other (after typeId, templateId, id). Only the first 64 KiB (cdaHead) are looked at, so the cost is fixed
 * whatever the file's size; the regular expression stops at the first `>` after each `<code`.
 */
export function cdaCode(bytes: Uint8Array): string | null {
  // Comments, CDATA and processing instructions dropped: a `code` written there is not the document's.
  const head = cdaHead(bytes).text;
  if (!/<(?:[\w.-]+:)?ClinicalDocument[\s>]/.test(head)) return null;
  const m = /<(?:[\w.-]+:)?code\s[^<>]*?\bcode\s*=\s*["']([^"'<>]*)["']/.exec(head);
  return m ? m[1]!.trim() || null : null;
}

export function parseCx(value: string): { id: string; oid: string | null } {
  const id = component(value, 0);
  const authority = value.split("^")[3] ?? "";
  const oid = (authority.split("&")[1] ?? "").trim() || null;
  return { id, oid };
}

/** NIR/NIA matricule: 13 characters (Corsica: 2A/2B) and a key, 97 − (number mod 97). */
export function insKeyValid(matricule: string): boolean {
  const m = /^([0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6})([0-9]{2})$/i.exec(matricule);
  if (!m) return false;
  const digits = m[1]!.toUpperCase().replace("2A", "19").replace("2B", "18");
  return 97 - Number(BigInt(digits) % 97n) === Number(m[2]);
}

interface Traits {
  lastName: string | null;
  firstNames: string | null;
  birthDate: string | null;
  sex: string | null;
  localIds: string[];
  rawBirthDate: string | null;
}

function readTraits(doc: RawObject): Traits | null {
  const values = doc.slots.get("sourcePatientInfo");
  if (!values || values.length === 0) return null;
  const fields = (name: string) => values.filter((v) => v.startsWith(`${name}|`)).map((v) => v.slice(name.length + 1).trim());
  const names = fields("PID-5");
  const birthName = names.find((n) => component(n, 6).toUpperCase() === "L") ?? names[0];
  const given = birthName ? component(birthName, 1) : "";
  const others = birthName ? component(birthName, 2) : "";
  // Some senders repeat the first first name at the head of the list of first names (PID-5.3).
  const firstNames = others && (others === given || others.startsWith(`${given} `)) ? others : [given, others].filter(Boolean).join(" ");
  const rawBirthDate = fields("PID-7")[0] ?? null;
  const birth = rawBirthDate ? hl7Time(rawBirthDate.slice(0, 8)) : null;
  return {
    lastName: birthName ? component(birthName, 0) || null : null,
    firstNames: firstNames || null,
    birthDate: rawBirthDate && /^\d{8}/.test(rawBirthDate) ? birth : null,
    sex: fields("PID-8")[0]?.toUpperCase() || null,
    localIds: fields("PID-3"),
    rawBirthDate,
  };
}

function sameTraits(a: Traits, b: Traits): boolean {
  const n = (s: string | null) => (s ?? "").normalize("NFD").replace(/\p{M}/gu, "").toUpperCase().replace(/\s+/g, " ").trim();
  return n(a.lastName) === n(b.lastName) && n(a.firstNames) === n(b.firstNames) && a.birthDate === b.birthDate && n(a.sex) === n(b.sex);
}

function readPatient(docs: RawObject[], submission: Submission | null, problems: XdmProblem[]): Patient | null {
  if (docs.length === 0 && !submission?.patientId) return null;
  const ids = docs.map((d) => externalId(d, SCHEME.documentPatientId));
  const traits = docs.map(readTraits);
  const distinctIds = [...new Set(ids.filter((x): x is string => x !== null).map((x) => x.replace(/\s+/g, "")))];
  const withTraits = traits.filter((t): t is Traits => t !== null);
  if (distinctIds.length > 1 || withTraits.some((t) => !sameTraits(t, withTraits[0]!))) {
    problems.push(problem("several-patients", msg("xdmSeveralPatients")));
  }
  const patientId = ids.find((x) => x !== null) ?? submission?.patientId ?? null;
  if (submission?.patientId) {
    docs.forEach((d, i) => {
      const id = ids[i];
      if (id && id.replace(/\s+/g, "") !== submission.patientId!.replace(/\s+/g, "")) {
        const label = first(d, "URI") ?? d.id;
        problems.push(problem("document-patient-mismatch", msg("xdmDocumentPatientMismatch", label, id, submission.patientId!), label));
      }
    });
  }
  // The document's own identity traits (sourcePatientInfo PID-3) naming another identifier of its
  // patientId's authority: the metadata names two patients for one document.
  docs.forEach((d, i) => {
    const id = ids[i];
    const own = id ? parseCx(id) : null;
    if (!own?.oid || !INS_OIDS[own.oid]) return;
    for (const other of traits[i]?.localIds ?? []) {
      const cx = parseCx(other);
      if (cx.oid === own.oid && cx.id.replace(/\s+/g, "") !== own.id.replace(/\s+/g, "")) {
        const label = first(d, "URI") ?? d.id;
        problems.push(problem("document-patient-mismatch", msg("xdmDocumentTraitsOtherIns", label, cx.id, own.id), label));
      }
    }
  });
  docs.forEach((d, i) => {
    if (!ids[i]) {
      const label = first(d, "URI") ?? d.id;
      problems.push(problem("patient-id-missing", msg("xdmPatientIdMissing", label), label));
    }
  });

  const t = withTraits[0] ?? null;
  let ins: Ins | null = null;
  if (patientId) {
    const { id, oid } = parseCx(patientId);
    const kind: InsKind = (oid && INS_OIDS[oid]) || "unknown";
    ins = { value: id, oid, kind, test: kind === "test-NIR" || kind === "test-NIA" };
    if (kind === "unknown") problems.push(problem("ins-unknown-oid", oid ? msg("xdmInsUnknownOid", patientId, oid) : msg("xdmInsNoOid", patientId)));
    else {
      if (ins.test) problems.push(problem("ins-test", msg("xdmInsTest", kind, oid ?? "")));
      if (!insKeyValid(id)) problems.push(problem("ins-invalid", msg("xdmInsInvalid", id)));
    }
  } else problems.push(problem("ins-missing", msg("xdmInsMissing")));
  if (!t) problems.push(problem("patient-info-missing", msg("xdmPatientInfoMissing")));
  else {
    const missing = [!t.lastName && msg("xdmTraitLastName"), !t.firstNames && msg("xdmTraitFirstNames"), !t.rawBirthDate && msg("xdmTraitBirthDate"), !t.sex && msg("xdmTraitSex")].filter(
      (x): x is Text => Boolean(x),
    );
    // One Text per missing trait, each said by the translator: nested pairs keep the list a Text.
    if (missing.length > 0) problems.push(problem("patient-traits-missing", msg("xdmTraitsMissing", missing.reduce((list, next) => msg("xdmTwoDetails", list, next)))));
    if (t.rawBirthDate && !t.birthDate) problems.push(problem("birth-date-invalid", msg("xdmBirthDateInvalid", t.rawBirthDate)));
    if (t.sex && !["F", "M", "U"].includes(t.sex)) problems.push(problem("sex-invalid", msg("xdmSexInvalid", t.sex)));
  }
  const insOids = new Set(Object.keys(INS_OIDS));
  const localIds = (t?.localIds ?? []).filter((x) => {
    const cx = parseCx(x);
    return !(cx.oid && insOids.has(cx.oid) && cx.id === ins?.value);
  });
  const qualified =
    ins !== null && ins.kind !== "unknown" && ins.value !== "" && t !== null && !!t.lastName && !!t.firstNames && !!t.birthDate && !!t.sex && ["F", "M", "U"].includes(t.sex);
  return { lastName: t?.lastName ?? null, firstNames: t?.firstNames ?? null, birthDate: t?.birthDate ?? null, sex: t?.sex ?? null, ins, qualified, localIds };
}
