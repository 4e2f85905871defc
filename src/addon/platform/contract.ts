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
import type { ServerSettings } from "../../core/operators/settings.ts";
import type { StoredAnchor } from "../storage/anchor-store.ts";
import type { WhitelistStatus } from "../storage/whitelist-store.ts";
import type { DirectoryStatus } from "../storage/directory-store.ts";
import type { AccountServerCheck } from "../storage/server-check-store.ts";
import type { Failure as KeptFailure } from "./failures.ts";
import type { Settings } from "./settings.ts";
import type { Checked, Created, CreateRequest, InstalledAnchor, Result, Started, WizardStatus } from "./contract-wizard.ts";

export type { AccountServerCheck, DirectoryStatus, KeptFailure, StoredAnchor, WhitelistStatus };
// The wizard's shapes live in contract-wizard.ts; pages import them from here as from anywhere else.
export type { Checked, Created, CreateRequest, CredentialKind, Failure, InstalledAnchor, PscStatus, Result, ServerSummary, Started, WizardStatus } from "./contract-wizard.ts";

/** Every command: its payload (`void`: none) and what the background answers. */
export interface Commands {
  // Options page
  "settings:get": { payload: void; result: PageSettings };
  "settings:update": { payload: Partial<Settings>; result: PageSettings };
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

/** The settings as a page sees them: everything but the directory API key (never sent to a page). */
export type PageSettings = Omit<Settings, "directoryApiKey">;

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

/**
 * What the background tells the pages that are open, unasked (live progress): the other half of
 * the contract. Sent by platform/page-events.ts, received with onPageEvent (platform/page.ts).
 */
export interface PageEvents {
  scan: ScanState;
  folderSignatureReport: FolderSignatureReport | null;
  failures: KeptFailure[];
}
export type PageEvent = keyof PageEvents;
