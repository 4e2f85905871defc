// The one contract between the add-on's pages (src/ui) and its background (src/addon/features):
// every command a page can send, with its payload and its answer. The background registers its
// handlers with rpc.ts `handle` and the pages send with rpc.ts `call`, both typed by `Commands`,
// so a page and its handler cannot disagree without a type error. Types only: a page imports
// nothing here that runs, and no page imports a feature.
import type { Level, MessageState } from "../../core/state/message-state.ts";
import type { Verdict } from "../../core/trust/verdict.ts";
import type { RecipientCheck } from "../../core/trust/recipients.ts";
import type { SmimeVerdict, Status } from "../../core/pki/index.ts";
import type { SendPlan, XdmMessageResult } from "../../core/xdm/index.ts";
import type { LiveReason } from "../../core/directory/fhir.ts";
import type { Discovery } from "../../core/operators/discover.ts";
import type { MailboxRefusal } from "../../core/operators/mailbox.ts";
import type { Operator } from "../../core/operators/operator.ts";
import type { NameParts } from "../../core/operators/display-name.ts";
import type { Problem, TrustAnchorPin } from "../../core/operators/server-certificate.ts";
import type { ServerSettings } from "../../core/operators/settings.ts";
import type { StoredAnchor } from "../storage/anchor-store.ts";
import type { WhitelistStatus } from "../storage/whitelist-store.ts";
import type { DirectoryStatus } from "../storage/directory-store.ts";
import type { AccountServerCheck } from "../storage/server-check-store.ts";
import type { Failure as KeptFailure } from "./failures.ts";

export type { AccountServerCheck, DirectoryStatus, KeptFailure, StoredAnchor, WhitelistStatus };

/** Every command: its payload (`void`: none) and what the background answers. */
export interface Commands {
  // Options page
  "failures:list": { payload: void; result: KeptFailure[] };
  "whitelist:status": { payload: void; result: WhitelistOverview };
  "whitelist:refresh": { payload: void; result: WhitelistOverview };
  "scan:start": { payload: void; result: ScanState };
  "scan:status": { payload: void; result: ScanState };
  "scan:cancel": { payload: void; result: ScanState };
  "tags:remove": { payload: void; result: number };
  "anchors:list": { payload: void; result: UserAnchor[] };
  "anchors:add": { payload: { pem: string }; result: number };
  "anchors:remove": { payload: { pem: string }; result: boolean };
  "signatures:folder-report": { payload: void; result: FolderSignatureReport | null };
  "directory:status": { payload: void; result: DirectoryOverview };
  "directory:refresh": { payload: void; result: DirectoryOverview };
  "directory:live-status": { payload: void; result: LiveStatus };
  "directory:live-test": { payload: void; result: LiveStatus };
  "directory:correspondents-status": { payload: void; result: CorrespondentsStatus };
  "directory:correspondents-forget": { payload: void; result: CorrespondentsStatus };
  "servers:status": { payload: void; result: Record<string, AccountServerCheck> };
  "servers:check": { payload: void; result: Record<string, AccountServerCheck> };
  // Message display popup
  "verdict:displayed": { payload: { tabId: number }; result: DisplayedVerdict | undefined };
  "xdm:search-patient": { payload: { tabId: number; text: string }; result: { mailTabId: number } };
  // Compose warning window
  "compose:warning": { payload: { id: string }; result: { recipients: RecipientCheck[]; subject: string } | undefined };
  "compose:answer": { payload: { id: string; send: boolean }; result: boolean };
  // XDM send confirmation window
  "xdm-send:plan": { payload: { id: string }; result: { plan: Exclude<SendPlan, { kind: "none" }>; subject: string } | undefined };
  "xdm-send:answer": { payload: { id: string; send: boolean; noReply?: boolean }; result: boolean };
  // Account wizard
  "account:open": { payload: void; result: number | undefined };
  "account:status": { payload: void; result: WizardStatus };
  "account:start": { payload: { address: string }; result: Result<Started> };
  "account:discover": { payload: { sessionId: string }; result: Result<Discovery> };
  "account:check": { payload: { sessionId: string; settings: ServerSettings }; result: Result<Checked> };
  "account:install-anchors": { payload: { sessionId: string }; result: Result<{ installed: { name: string; sha256: string }[] }> };
  "account:create": { payload: { sessionId: string; request: CreateRequest }; result: Result<Created> };
  "account:cancel": { payload: { sessionId: string }; result: Result<object> };
  "account:anchors": { payload: void; result: InstalledAnchor[] };
  "account:remove-anchor": { payload: { sha256: string }; result: Result<{ removed: boolean }> };
}
export type Command = keyof Commands;
export type Payload<K extends Command> = Commands[K]["payload"];
export type Answer<K extends Command> = Commands[K]["result"];

// ---- Options page

export interface WhitelistOverview {
  status: WhitelistStatus;
  hasList: boolean;
}

export interface ScanState {
  running: boolean;
  startedAt?: string;
  finishedAt?: string;
  foldersDone: string[];
  foldersTotal: number;
  currentFolder?: string;
  examined: number;
  classified: number;
  tagged: number;
  /** Messages seen while no white list was available yet. */
  waitingForList: boolean;
  /** Messages of the last pass that could not be read, even retried (the next pass tries again). */
  unread?: number;
  /** Why the last scan stopped before the end (shown in the options page). */
  error?: string;
}

/** A trust anchor the user added (PEM), as the options page lists it. */
export interface UserAnchor {
  pem: string;
  subject: string;
  notAfter: string;
}

export interface FolderSignatureReport {
  folder: string;
  checkedAt: string;
  examined: number;
  signed: number;
  valid: number;
  counts: Partial<Record<Status, number>>;
  /** Signed messages whose signature is not valid (at most 200 listed). */
  failures: { subject: string; author: string; status: Status }[];
}

export interface DirectoryProgress {
  phase: "download" | "index" | "idle";
  received: number;
  total: number;
}

export interface DirectoryOverview {
  status: DirectoryStatus;
  progress: DirectoryProgress;
}

export interface LiveStatus {
  enabled: boolean;
  hasKey: boolean;
  /** The last search that reached the API (or failed trying). */
  last?: { at: string; reason: LiveReason; httpStatus?: number; retryAfterSeconds?: number; count: number; message: string };
}

export interface CorrespondentsStatus {
  enabled: boolean;
  /** Addresses counted (usual or not yet). */
  counted: number;
  /** Of which usual correspondents now (ranked first). */
  usual: number;
}

// ---- Message display popup

// What the button and the popup header show, by the message's level (core/state) and the part
// that decided it. Shapes differ as well as colours (✓, U, !, ✕) for colour-blind users.
export interface Look {
  level: Level | "unknown";
  icon: string;
  badge: string;
  color: string;
  /** Message key of the title. */
  title: string;
}

export interface DisplayedVerdict {
  subject: string;
  verdict?: Verdict;
  /** Why no verdict could be given (no list yet, message unreadable…), as a message. */
  unavailable?: string;
  whitelistDate?: string;
  whitelistFetchedAt?: string;
  /** The S/MIME signature check, when it could be made. */
  smime?: SmimeVerdict;
  smimeError?: string;
  /** Health documents attached (IHE XDM), when the message carries some. */
  xdm?: XdmMessageResult;
  /** The message's one state (core/state) and how the button and header show it. */
  state?: MessageState;
  look: Look;
}

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
