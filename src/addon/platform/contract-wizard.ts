// The account wizard's part of the page–background contract (contract.ts holds the commands):
// what each step of src/ui/account-wizard sends and gets back. Types only, like contract.ts.
import type { MailboxRefusal } from "../../core/operators/mailbox.ts";
import type { Operator } from "../../core/operators/operator.ts";
import type { NameParts } from "../../core/operators/display-name.ts";
import type { Problem, TrustAnchorPin } from "../../core/operators/server-certificate.ts";
import type { StoredAnchor } from "../storage/anchor-store.ts";

// ---- Account wizard: every step answers {ok: true, …} or {ok: false, code, message} with a
// French message.

export interface WizardStatus {
  /** Whether the privileged part is there; without it the wizard shows settings to enter by hand. */
  experiment: boolean;
  psc: PscStatus;
  pins: TrustAnchorPin[];
}

/** A root the add-on installed, and whether Thunderbird still has it and trusts it. */
export type InstalledAnchor = StoredAnchor & { present: boolean; trusted: boolean };

export interface Failure {
  ok: false;
  code: string;
  message: string;
  problems?: Problem[];
  refusal?: MailboxRefusal;
  /** A listed address a typo away from the one refused (the wizard offers it). */
  suggestion?: string;
  servers?: ServerSummary[];
}
export type Result<T> = ({ ok: true } & T) | Failure;

export interface PscStatus {
  configured: boolean;
  /** Host names Thunderbird will use Pro Santé Connect for (the oauth_provider manifest key). */
  hostnames: string[];
}

export interface Started {
  sessionId: string;
  address: string;
  domain: string;
  description: string;
  operators: Operator[];
  /** Whether the privileged part is there; without it the wizard shows settings to enter by hand. */
  experiment: boolean;
  psc: PscStatus;
}

export interface ServerSummary {
  host: string;
  port: number;
  protocol: "imap" | "smtp";
  ok: boolean;
  subject?: string;
  issuer?: string;
  notAfter?: string;
  /** Negotiated TLS version; null until Thunderbird trusts the chain (see minimumTlsVersion). */
  tlsVersion: string | null;
  minimumTlsVersion: string | null;
  trustedByThunderbird: boolean;
  problems: Problem[];
  warnings: Problem[];
}

export interface Checked {
  imap: ServerSummary;
  smtp: ServerSummary;
  /** Pinned roots to install (with consent) before Thunderbird can connect. */
  anchorsToInstall: { name: string; sha256: string }[];
}

/** "client-certificate": an applicative mailbox's organisation certificate (.p12; `secret` opens it). */
export type CredentialKind = "password" | "otp" | "psc" | "client-certificate";

export interface CreateRequest {
  credential: CredentialKind;
  /** Password, one-time code, or the .p12's password; never stored by the add-on. */
  secret?: string;
  /** The .p12 (base64) for "client-certificate". */
  pkcs12?: string;
  name: NameParts;
}

export interface Created {
  accountId: string;
  identityId: string;
  displayName: string;
  inboxRequested: boolean;
  /** The client certificate imported for an applicative mailbox. */
  clientCertificate?: { sha256: string; subject: string } | null;
}
