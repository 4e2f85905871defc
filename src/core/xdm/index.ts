export { readXdmZip, hl7Time, parseCx, insKeyValid, INS_OIDS, type XdmResult, type XdmDocument, type Patient, type Submission, type Author, type Ins, type InsKind } from "./xdm.ts";
export { readXdmMessage, subjectPatient, XDM_SUBJECT_PREFIX, type XdmMessageResult, type SubjectPatient } from "./message.ts";
export { xdmSendHeaders, type XdmSendHeaders } from "./send-headers.ts";
export { STATUS_MESSAGES, type XdmStatus, type ProblemCode, type XdmProblem } from "./problems.ts";
export { DEFAULT_XDM_ZIP_LIMITS, type XdmZipLimits } from "./zip.ts";
export { MAX_METADATA_BYTES, MAX_DEPTH } from "./metadata.ts";
export { sendPlan, failedPlan, noReplyHeader, mergeHeaders, hasOwnHeaders, patientRecipients, BLOCKING_PROBLEMS, OWN_HEADERS, PATIENT_DOMAIN, XDM_ATTACHMENT_NAME, type SendPlan, type XdmAttachment, type CustomHeader } from "./send-plan.ts";
export { patientSearch, type PatientSearch } from "./patient-search.ts";
