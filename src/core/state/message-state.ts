// One honest state per message, from its three independent checks: the trust verdict (who the
// sender is, against the white list), the S/MIME signature (whether the content is what was
// signed, by whom) and, for MSSanté accounts, the operator servers' certificates. The button,
// the popup header and the tag all follow `level`: nothing is green unless every part is.
//
//   part        danger                                   warning                                   ok
//   trust       impersonation                            outside the space; a trusted category    professional, patient
//                                                        the verdict itself does not trust
//   signature   altered, bad signature, revoked,         untrusted issuer, expired, not yet       not signed, valid,
//               signer ≠ sender, wrong key usage,        valid, weak algorithm, unsupported,      revocation unknown
//               malformed, any status not listed here    encrypted, nested (covers part only),    (said in amber in the
//                                                        issuing CA, not white-listed, signing    signature line)
//                                                        time mismatch
//   server      —                                        any problem of the account's operator    no problem, or not an
//                                                        server certificates                      MSSanté account
//   documents   —                                        health documents (XDM) refused, or with  none, or read
//                                                        problems (patients, hashes, subject)     without problem
//   (none)      —                                        no white list yet (no verdict possible)  —
//
// The message's level is the worst of its parts. An unknown status is danger: fail closed.
import type { Status } from "../pki/reasons.ts";
import type { Category, Verdict } from "../trust/verdict.ts";

export type Level = "ok" | "warning" | "danger";
export type Part = "trust" | "signature" | "server" | "documents";

export interface PartState {
  part: Part;
  level: Level;
  /** A stable code: the verdict's category, the signature's status, or "server-certificate". */
  code: string;
}

export interface MessageState {
  level: Level;
  /** The part that decided the level (the worst one; trust first among equals). */
  decisive: PartState | null;
  parts: PartState[];
}

const RANK: Record<Level, number> = { ok: 0, warning: 1, danger: 2 };

const SIGNATURE_OK = new Set<string>(["not-signed", "valid", "revocation-unknown"] satisfies Status[]);
const SIGNATURE_WARNING = new Set<string>([
  "untrusted-issuer",
  "expired",
  "not-yet-valid",
  "weak-algorithm",
  "unsupported",
  "encrypted",
  "nested-signature",
  "wrong-issuer-ca",
  "not-whitelisted",
  "signing-time-mismatch",
] satisfies Status[]);

export function trustLevel(verdict: Pick<Verdict, "category" | "trusted">): Level {
  const category: Category = verdict.category;
  if (category === "impersonation") return "danger";
  if (category === "outside") return "warning";
  return verdict.trusted ? "ok" : "warning";
}

export function signatureLevel(status: string): Level {
  if (SIGNATURE_OK.has(status)) return "ok";
  if (SIGNATURE_WARNING.has(status)) return "warning";
  return "danger";
}

export interface StateInput {
  verdict?: Pick<Verdict, "category" | "trusted">;
  /** The S/MIME check's status; absent when it could not be made (then it says nothing). */
  signature?: { status: string };
  /** Problems of the account's operator servers (MSSanté accounts only). */
  serverProblems?: number;
  /** The health documents attached (XDM), when there are any: refused, or how many problems. */
  documents?: { ok: boolean; problems: number };
}

export function messageState(input: StateInput): MessageState {
  const parts: PartState[] = [];
  parts.push(input.verdict ? { part: "trust", level: trustLevel(input.verdict), code: input.verdict.category } : { part: "trust", level: "warning", code: "no-whitelist" });
  if (input.signature && input.signature.status !== "not-signed") {
    parts.push({ part: "signature", level: signatureLevel(input.signature.status), code: input.signature.status });
  }
  if (input.serverProblems) parts.push({ part: "server", level: "warning", code: "server-certificate" });
  if (input.documents && (!input.documents.ok || input.documents.problems > 0)) parts.push({ part: "documents", level: "warning", code: "health-documents" });
  let decisive: PartState | null = null;
  for (const p of parts) if (p.level !== "ok" && (!decisive || RANK[p.level] > RANK[decisive.level])) decisive = p;
  return { level: decisive?.level ?? "ok", decisive, parts };
}

/**
 * Whether a header block announces an S/MIME signed message (multipart/signed, or pkcs7-mime
 * that is not only enveloped): only those are read whole to check their signature in the
 * background. Linear in the header block.
 */
export function announcesSignature(headerBlock: string): boolean {
  const m = /^content-type:[ \t]*((?:[^\r\n]|\r?\n[ \t])*)/im.exec(headerBlock);
  if (!m) return false;
  const value = m[1]!.toLowerCase();
  if (/^\s*multipart\/signed\b/.test(value)) return true;
  return /^\s*application\/(x-)?pkcs7-mime\b/.test(value) && !/smime-type\s*=\s*"?enveloped-data/.test(value);
}
