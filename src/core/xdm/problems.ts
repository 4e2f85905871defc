// Status and problem codes of an XDM reading. Codes are stable strings (CLI, popup, acceptance
// tests rely on them); messages are French, for the secretary who opens the message. Problems
// never stop the reading: a missing or contradictory field is reported, never guessed.
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
  | "document-unreadable"
  | "document-size-missing"
  | "document-size-mismatch"
  | "document-hash-missing"
  | "document-hash-mismatch"
  | "cda-code-mismatch"
  | "cda-patient-mismatch"
  | "several-xdm-attachments"
  | "message-encrypted"
  | "subject-without-xdm-prefix"
  | "subject-patient-unreadable"
  | "subject-patient-mismatch";

export interface XdmProblem {
  code: ProblemCode;
  message: string;
  /** URI (or id) of the document concerned, when the problem is about one document. */
  document?: string;
}

export const STATUS_MESSAGES: Record<XdmStatus, string> = {
  ok: "Documents de santé (XDM) lus.",
  "not-found": "Ce message ne contient pas de documents de santé (pas de pièce jointe IHE_XDM.ZIP).",
  "attachment-undecodable": "La pièce jointe IHE_XDM.ZIP est mal encodée (base64 invalide) : elle ne peut pas être lue.",
  "not-zip": "La pièce jointe IHE_XDM.ZIP n'est pas une archive ZIP.",
  "zip-corrupt": "L'archive IHE_XDM.ZIP est illisible (tronquée ou corrompue).",
  "zip64-unsupported": "L'archive IHE_XDM.ZIP est au format ZIP64, non pris en charge.",
  "zip-too-many-entries": "L'archive IHE_XDM.ZIP contient trop de fichiers pour être un XDM : refusée.",
  "zip-unsafe-path": "L'archive IHE_XDM.ZIP contient un chemin de fichier dangereux : refusée, rien n'a été extrait.",
  "zip-encrypted": "L'archive IHE_XDM.ZIP est protégée par un mot de passe : elle ne peut pas être lue.",
  "zip-unsupported-method": "L'archive IHE_XDM.ZIP utilise une méthode de compression non prise en charge.",
  "zip-too-large": "L'archive IHE_XDM.ZIP se décompresse en un contenu trop gros pour être un XDM : refusée.",
  "zip-bomb": "L'archive IHE_XDM.ZIP est une « bombe de décompression » : refusée.",
  "metadata-missing": "L'archive ne contient pas de fichier IHE_XDM/…/METADATA.XML : ce n'est pas un XDM lisible.",
  "metadata-too-large": "Le fichier METADATA.XML est trop gros pour des métadonnées XDM : refusé.",
  "xml-doctype": "Le fichier METADATA.XML contient une déclaration DOCTYPE ou des entités : refusé (jamais présent dans un XDM, utilisé par les attaques par expansion d'entités).",
  "xml-too-deep": "Le fichier METADATA.XML est imbriqué trop profondément : refusé.",
  "xml-malformed": "Le fichier METADATA.XML n'est pas du XML bien formé.",
  "metadata-not-ebrim": "Le fichier METADATA.XML n'est pas une soumission ebRIM (SubmitObjectsRequest avec RegistryObjectList).",
};

export function problem(code: ProblemCode, message: string, document?: string): XdmProblem {
  return document === undefined ? { code, message } : { code, message, document };
}
