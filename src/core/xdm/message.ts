// The XDM of a whole message: the IHE_XDM.ZIP attachment found by walking the MIME tree (the
// project's bounded parser), and the patient of the subject (`XDM/1.0/DDM+<libellé> <NOM>
// <prénom> <JJ/MM/AAAA>`) compared with the patient of the metadata: a mail whose subject names
// another patient than its documents is the error the convention exists to catch.
//
// Bounds: parseMime caps depth, parts and header sizes; the walk visits each entity once; base64
// decoding is linear; the subject's regular expressions run on a subject whose whitespace runs
// are collapsed first, with unambiguous alternatives: no backtracking beyond one character.
import { decodeEncodedWords } from "../mail/encoded-words.ts";
import { headerValues } from "../mail/headers.ts";
import { decodedBody, parseContentType, parseMime, type MimeEntity } from "../mail/mime.ts";
import { msg, type Translate } from "../i18n.ts";
import { localizeXdm, problem, STATUS_MESSAGES, statusText, type XdmProblem } from "./problems.ts";
import { readXdmZip, refused, type Patient, type XdmResult } from "./xdm.ts";
import { isZipBytes, XdmZip, type XdmZipLimits } from "./zip.ts";

export const XDM_SUBJECT_PREFIX = "XDM/1.0/DDM+";
const ATTACHMENT_NAME = /^IHE_XDM\.ZIP$/i;
const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed", "application/x-zip", "application/octet-stream"]);

export interface SubjectPatient {
  /** The subject as decoded (RFC 2047). */
  subject: string;
  /** The subject without the `XDM/1.0/DDM+` prefix, as clients show it. */
  title: string;
  xdm: boolean;
  /** The birth date at the end of the subject, YYYY-MM-DD. */
  birthDate: string | null;
  /** The text between the libellé and the date: « NOM prénom » by the convention. */
  patientText: string | null;
  /** Whether the subject's patient is the XDM's; null when either side is missing. */
  matches: boolean | null;
}

export interface XdmMessageResult extends XdmResult {
  attachment: string | null;
  subject: SubjectPatient | null;
}

function partName(e: MimeEntity): string | null {
  const disposition = parseContentType(headerValues(e.headers, "content-disposition")[0] ?? "x/x");
  const raw = disposition.params["filename"] ?? e.contentType.params["name"];
  if (raw === undefined) return null;
  // RFC 2231 (charset'lang'percent-encoded) or RFC 2047 encoded-word: both occur in the wild.
  const ext = /^([^']*)'[^']*'(.*)$/.exec(raw);
  if (ext) {
    try {
      return decodeURIComponent(ext[2]!);
    } catch {
      return ext[2]!;
    }
  }
  return decodeEncodedWords(raw).text.trim();
}

function leaves(e: MimeEntity, out: MimeEntity[] = []): MimeEntity[] {
  if (e.parts.length === 0) out.push(e);
  for (const p of e.parts) leaves(p, out);
  return out;
}

const normalize = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();

/** Reads the convention's subject; `patient` (from the XDM) tells where the name is. */
/** The documents' patient as a subject names one (NOM Prénoms JJ/MM/AAAA): the other side of a subject mismatch, on arrival and on send. */
export function subjectPatientLabel(p: Patient): string {
  return [p.lastName, p.firstNames, p.birthDate?.split("-").reverse().join("/")].filter(Boolean).join(" ");
}

export function subjectPatient(rawSubject: string, patient: Patient | null): SubjectPatient {
  const subject = decodeEncodedWords(rawSubject).text.replace(/\s+/g, " ").trim();
  const at = subject.indexOf(XDM_SUBJECT_PREFIX);
  // A reply or a forward keeps the prefix after its own (« RE: », « TR: »).
  const xdm = at >= 0 && /^((re|tr|fwd?|aw|wg)\s*:\s*)*$/i.test(subject.slice(0, at));
  const title = xdm ? (subject.slice(0, at) + subject.slice(at + XDM_SUBJECT_PREFIX.length)).trim() : subject;
  const date = /(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(title);
  const birthDate = date ? `${date[3]}-${date[2]}-${date[1]}` : null;
  const before = date ? title.slice(0, date.index).trim() : title;
  // By the convention the patient is the last two words (« NOM prénom »); compound names make this
  // a display hint only: the comparison below looks for the XDM's own name.
  const patientText = date && before ? before.split(" ").slice(-2).join(" ") : null;
  let matches: boolean | null = null;
  if (patient && patient.lastName && date) {
    const text = ` ${normalize(before)} `;
    const last = normalize(patient.lastName);
    const firstName = normalize((patient.firstNames ?? "").split(/\s+/)[0] ?? "");
    const at = text.lastIndexOf(` ${last} `);
    matches = at >= 0 && (firstName === "" || text.slice(at).includes(` ${firstName} `)) && (patient.birthDate === null || birthDate === patient.birthDate);
  }
  return { subject, title, xdm, birthDate, patientText, matches };
}

/** Reads the XDM of a raw message. Never throws on content. */
/** `translate`: words of the status and problems (default: French, from _locales); the add-on passes Thunderbird's. */
export async function readXdmMessage(eml: Uint8Array, limits?: XdmZipLimits, translate?: Translate): Promise<XdmMessageResult> {
  return localizeXdm(await read(eml, limits), translate);
}

async function read(eml: Uint8Array, limits?: XdmZipLimits): Promise<XdmMessageResult> {
  const tree = parseMime(eml);
  const rawSubject = headerValues(tree.root.headers, "subject")[0] ?? null;
  const problems: XdmProblem[] = [];
  const all = leaves(tree.root);
  const named = all.filter((e) => ATTACHMENT_NAME.test(partName(e) ?? ""));
  let candidates = named;
  if (candidates.length === 0) {
    // Some clients rename the attachment: any ZIP holding an IHE_XDM folder is one.
    candidates = all.filter((e) => {
      if (!ZIP_TYPES.has(e.contentType.mediaType) && !/\.zip$/i.test(partName(e) ?? "")) return false;
      const body = decodedBody(eml, e);
      if (!body || !isZipBytes(body)) return false;
      try {
        return XdmZip.open(body, limits).entries.some((x) => /(^|\/)IHE_XDM\//i.test(x.name));
      } catch {
        return false;
      }
    });
  }
  const base = { attachment: null, subject: rawSubject === null ? null : subjectPatient(rawSubject, null) };
  if (candidates.length === 0) {
    const encrypted = all.some((e) => e.contentType.mediaType === "application/pkcs7-mime" || e.contentType.mediaType === "application/x-pkcs7-mime");
    if (encrypted) problems.push(problem("message-encrypted", msg("xdmMessageEncrypted")));
    return { ...refused("not-found", false, undefined, problems), ...base };
  }
  if (candidates.length > 1) problems.push(problem("several-xdm-attachments", msg("xdmSeveralAttachments", String(candidates.length))));
  const part = candidates[0]!;
  const attachment = partName(part) ?? "IHE_XDM.ZIP";
  const body = decodedBody(eml, part);
  if (!body) return { ...refused("attachment-undecodable", true, undefined, problems), ...base, attachment };
  const xdm = await readXdmZip(body, limits);
  const result: XdmMessageResult = { ...xdm, problems: [...problems, ...xdm.problems], attachment, subject: null };
  if (rawSubject !== null) {
    const s = subjectPatient(rawSubject, xdm.patient);
    result.subject = s;
    if (xdm.status === "ok") {
      if (!s.xdm) result.problems.push(problem("subject-without-xdm-prefix", msg("xdmSubjectNoPrefix", XDM_SUBJECT_PREFIX)));
      if (s.birthDate === null) {
        if (s.xdm) result.problems.push(problem("subject-patient-unreadable", msg("xdmSubjectNoBirthDate")));
      } else if (s.matches === false) {
        result.problems.push(problem("subject-patient-mismatch", msg("xdmSubjectPatientMismatch", s.title, subjectPatientLabel(xdm.patient!))));
      }
    }
  }
  if (result.status === "ok") {
    result.statusMessage = STATUS_MESSAGES.ok;
    result.statusText = statusText("ok");
  }
  return result;
}
