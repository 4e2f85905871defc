// Status and problem codes of an XDM reading. Codes are stable strings (CLI, popup, acceptance
// tests rely on them); messages come from _locales (keys and parameters kept), for the secretary who opens the message. Problems
// never stop the reading: a missing or contradictory field is reported, never guessed.
import { french, msg, render, type Param, type Text, type Translate } from "../i18n.ts";
import type { ZipStatus } from "./zip.ts";

/** `ok`: the XDM was read (problems may remain); anything else: it was refused or not found. */
export type XdmStatus =
  | "ok"
  | "not-found"
  | "attachment-undecodable"
  | ZipStatus
  | "metadata-missing"
  | "metadata-too-large"
  | "xml-doctype"
  | "xml-too-deep"
  | "xml-malformed"
  | "metadata-not-ebrim";

export type ProblemCode =
  | "several-metadata"
  | "no-submission-set"
  | "several-submission-sets"
  | "no-documents"
  | "submission-time-missing"
  | "submission-author-missing"
  | "submission-patient-missing"
  | "patient-id-missing"
  | "ins-missing"
  | "ins-unknown-oid"
  | "ins-test"
  | "ins-invalid"
  | "patient-info-missing"
  | "patient-traits-missing"
  | "birth-date-invalid"
  | "sex-invalid"
  | "several-patients"
  | "document-patient-mismatch"
  | "document-title-missing"
  | "document-type-missing"
  | "document-creation-time-missing"
  | "document-creation-time-invalid"
  | "document-uri-missing"
  | "document-uri-unsafe"
  | "document-missing"
  | "document-unlisted"
  | "document-unreadable"
  | "document-size-missing"
  | "document-size-mismatch"
  | "document-hash-missing"
  | "document-hash-mismatch"
  | "cda-code-mismatch"
  | "cda-patient-mismatch"
  | "cda-patient-unread"
  | "several-xdm-attachments"
  | "message-encrypted"
  | "subject-without-xdm-prefix"
  | "subject-patient-unreadable"
  | "subject-patient-mismatch";

export interface XdmProblem {
  code: ProblemCode;
  /** For people: French unless the reading was given another translator. */
  message: string;
  /** The _locales key of `message` and its parameters. */
  key: string;
  params?: Param[];
  /** URI (or id) of the document concerned, when the problem is about one document. */
  document?: string;
}

const STATUSES: readonly XdmStatus[] = [
  "ok", "not-found", "attachment-undecodable", "not-zip", "zip-corrupt", "zip64-unsupported", "zip-too-many-entries", "zip-unsafe-path",
  "zip-encrypted", "zip-unsupported-method", "zip-too-large", "zip-bomb", "metadata-missing", "metadata-too-large", "xml-doctype",
  "xml-too-deep", "xml-malformed", "metadata-not-ebrim",
];

/** The _locales key of a status's message: "xdmStatus_" + status. */
export function statusKey(status: XdmStatus): string {
  return `xdmStatus_${status.replace(/-/g, "_")}`;
}
export const STATUS_KEYS: readonly string[] = STATUSES.map(statusKey);

/** A status's message, with the detail of the refusal when there is one that says more. */
export function statusText(status: XdmStatus, detail?: Text): Text {
  return detail && detail.key !== statusKey(status) ? msg("xdmStatusDetail", msg(statusKey(status)), detail) : msg(statusKey(status));
}

/** French messages of the statuses (CLI, tests). */
export const STATUS_MESSAGES = Object.fromEntries(STATUSES.map((st) => [st, french(statusKey(st))])) as Record<XdmStatus, string>;

export function problem(code: ProblemCode, t: Text, document?: string): XdmProblem {
  const p: XdmProblem = { code, message: render(t), key: t.key, ...(t.params ? { params: t.params } : {}) };
  return document === undefined ? p : { ...p, document };
}

/** The result's status message and problems in the words of `translate`; unchanged without one. */
export function localizeXdm<R extends { statusMessage: string; statusText: Text; problems: XdmProblem[] }>(r: R, translate?: Translate): R {
  if (!translate) return r;
  return { ...r, statusMessage: render(r.statusText, translate), problems: r.problems.map((p) => ({ ...p, message: render(p, translate) })) };
}
