// What the add-on does when a message with health documents leaves an MSSanté identity: the
// decision table behind the confirmation window (features/xdm-send.ts). Pure: it gets the XDM as
// read from the attachment and the recipients as the compose window gives them.
//
// The rules (docs/domain.md §5, from the ANS client requirements):
// - `X-MSS-CODECDA` only with XDM + CDA: the documents' codes, comma separated
//   (e.g. `34112-3,PRESC-BIO`);
// - `X-MSS-INS` only with CDA: `O` when a qualified INS travels with the documents, else `N`;
// - `X-MSS-MES: FIN` to patients (`@patient.mssante.fr`, Mon espace santé) when replies are
//   blocked: the user's choice, never a default;
// - one patient per message (ECO.2.1.1), identified by the INS in `patientId` (ECO.2.1.2).
//
// Fail closed: headers are computed only from an XDM read whole, whose patient is one and has
// an INS, and whose codes are unambiguous. Anything else is "blocked": the user is told why and
// may send without the headers (the documents still travel; a receiving system then opens the
// ZIP itself, as it does for any client without these headers) or cancel. Wrong headers would be
// worse than none: a receiving system routes and files on them without opening the ZIP.
import { parseAddressList } from "../mail/address.ts";
import { french, type Translate } from "../i18n.ts";
import type { ProblemCode } from "./problems.ts";
import { subjectPatient, subjectPatientLabel } from "./message.ts";
import { xdmSendHeaders } from "./send-headers.ts";
import type { Patient, XdmDocument, XdmResult } from "./xdm.ts";

export const PATIENT_DOMAIN = "patient.mssante.fr";
export const XDM_ATTACHMENT_NAME = /^IHE_XDM\.ZIP$/i;
/** The headers this add-on writes, lower case: replaced on every send, never duplicated. */
export const OWN_HEADERS = ["x-mss-codecda", "x-mss-ins", "x-mss-mes"] as const;

export interface CustomHeader {
  name: string;
  value: string;
}

/** One `IHE_XDM.ZIP` of the message being sent, as read (or why it could not be read). */
export type XdmAttachment = { name: string; xdm: XdmResult } | { name: string; error: string };

/**
 * Problems that make the headers wrong or the patient uncertain. Other problems (hash or size of
 * a document, test INS, subject) are shown as warnings: the headers computed are still right.
 */
export const BLOCKING_PROBLEMS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "several-metadata",
  "several-submission-sets",
  "no-submission-set",
  "no-documents",
  "several-patients",
  "document-patient-mismatch",
  "patient-id-missing",
  "submission-patient-missing",
  "ins-missing",
  "ins-unknown-oid",
  "ins-invalid",
  "document-type-missing",
  "cda-code-mismatch",
  // The CDA itself is about another patient: X-MSS-INS: O would vouch for an INS the document is not about.
  "cda-patient-mismatch",
]);

export interface SendPlanBase {
  /** Patient recipients: only to them can « pas de réponse » (X-MSS-MES: FIN) be chosen. */
  patientRecipients: string[];
  patient: Patient | null;
  documents: XdmDocument[];
  /** Shown, not blocking (in the words the XDM reader was given). */
  warnings: string[];
}

export type SendPlan =
  /** No IHE_XDM.ZIP: nothing to add, nothing to ask. */
  | { kind: "none" }
  /** The headers to add; `headers` is empty when the XDM holds no CDA (the rule then asks none). */
  | (SendPlanBase & { kind: "confirm"; headers: CustomHeader[]; noCda: boolean })
  /** No header can be computed safely: why, in `translate`'s words (French by default). */
  | (SendPlanBase & { kind: "blocked"; reasons: string[] });

// LOINC (`11502-2`) and ANS (`PRESC-BIO`) codes; anything else (spaces, commas, line breaks from
// a hostile archive) would corrupt the header or inject another one.
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
// RFC 5322 §2.1.1: a line stays under 998 characters; the name and ": " take 15.
const MAX_CODES_LENGTH = 900;

/** Recipients at `@patient.mssante.fr` (exact domain, case-insensitive), as addresses. */
export function patientRecipients(recipients: string[]): string[] {
  const out: string[] = [];
  for (const r of recipients) {
    for (const m of parseAddressList(r).mailboxes) {
      if (m.domain.toLowerCase() === PATIENT_DOMAIN && !out.includes(m.address.toLowerCase())) out.push(m.address.toLowerCase());
    }
  }
  return out;
}

/**
 * `translate`: the words of its own reasons; the XDM results bring theirs (read with the same translator).
 * `subject`: the message's, when known: one naming another patient than the documents is a warning,
 * as the reader says on arrival (the recipient's client files by the subject too).
 */
export function sendPlan(attachments: XdmAttachment[], recipients: string[], translate: Translate = french, subject?: string): SendPlan {
  if (attachments.length === 0) return { kind: "none" };
  const base = { patientRecipients: patientRecipients(recipients), patient: null, documents: [], warnings: [] };
  if (attachments.length > 1) {
    // ECO.2.1.1: one patient per message, hence one XDM; which one the headers describe is a guess.
    return { ...base, kind: "blocked", reasons: [translate("xdmSendSeveralAttachments", [String(attachments.length)])] };
  }
  const a = attachments[0]!;
  if ("error" in a) return { ...base, kind: "blocked", reasons: [translate("xdmSendAttachmentUnreadable", [a.name, a.error])] };
  const xdm = a.xdm;
  if (xdm.status !== "ok") return { ...base, kind: "blocked", reasons: [xdm.statusMessage, ...xdm.problems.map((p) => p.message)] };
  const blocking = xdm.problems.filter((p) => BLOCKING_PROBLEMS.has(p.code)).map((p) => p.message);
  const warnings = xdm.problems.filter((p) => !BLOCKING_PROBLEMS.has(p.code)).map((p) => p.message);
  const p = xdm.patient;
  const s = subject !== undefined && p ? subjectPatient(subject, p) : null;
  if (p && s?.matches === false) warnings.push(translate("xdmSubjectPatientMismatch", [s.title, subjectPatientLabel(p)]));
  const read = { ...base, patient: xdm.patient, documents: xdm.documents, warnings };
  // A patient without any INS also says "ins-missing"; this covers an XDM whose reader found none.
  if (!xdm.patient?.ins && blocking.length === 0) blocking.push(translate("xdmSendNoIns"));
  const computed = xdmSendHeaders(xdm);
  // Each code checked as written (not the joined header: a comma inside one would pass as two).
  const codes = [...new Set(xdm.documents.flatMap((d) => (d.typeCode ? [d.typeCode] : [])))];
  const bad = codes.filter((c) => !CODE.test(c));
  if (bad.length > 0) blocking.push(translate("xdmSendBadCodes", [bad.map((c) => c.replace(/[\r\n]/g, " ").slice(0, 64)).join(", ")]));
  if (computed["X-MSS-CODECDA"].length > MAX_CODES_LENGTH) blocking.push(translate("xdmSendTooManyCodes", [String(codes.length)]));
  if (blocking.length > 0) return { ...read, kind: "blocked", reasons: blocking };
  // "Only with XDM + CDA": an XDM of documents none of which is a CDA gets no header.
  const noCda = !xdm.documents.some((d) => d.cdaCode !== null);
  if (noCda) return { ...read, kind: "confirm", headers: [], noCda };
  return {
    ...read,
    kind: "confirm",
    noCda,
    headers: [
      { name: "X-MSS-CODECDA", value: computed["X-MSS-CODECDA"] },
      { name: "X-MSS-INS", value: computed["X-MSS-INS"] },
    ],
  };
}

/** The add-on itself failed while reading the message being sent: no header, and the user is told. */
export function failedPlan(reason: string, recipients: string[], translate: Translate = french): SendPlan {
  return { kind: "blocked", reasons: [translate("xdmSendFailed", [reason])], patientRecipients: patientRecipients(recipients), patient: null, documents: [], warnings: [] };
}

/** `X-MSS-MES: FIN` only to a patient, and only when the user asked for it. */
export function noReplyHeader(plan: SendPlan, noReply: boolean): CustomHeader[] {
  return plan.kind !== "none" && noReply && plan.patientRecipients.length > 0 ? [{ name: "X-MSS-MES", value: "FIN" }] : [];
}

/**
 * The message's custom headers with ours replaced: Thunderbird's setComposeDetails replaces the
 * whole list, so the other ones (the user's, another add-on's) are kept as they are, and ours from
 * an earlier, failed send are dropped before the new ones are added.
 */
export function mergeHeaders(existing: CustomHeader[] | undefined, ours: CustomHeader[]): CustomHeader[] {
  const own = new Set<string>(OWN_HEADERS);
  return [...(existing ?? []).filter((h) => !own.has(h.name.trim().toLowerCase())), ...ours];
}

export function hasOwnHeaders(existing: CustomHeader[] | undefined): boolean {
  const own = new Set<string>(OWN_HEADERS);
  return (existing ?? []).some((h) => own.has(h.name.trim().toLowerCase()));
}
