// "Ajouter un compte MSSanté": from an address to a working, secured account. The steps, in the
// order the user sees them (src/ui/account-wizard drives them one by one):
//   1. the address's domain must be in the white list (else: why not);
//   2. server settings: known operators, RFC 6186 records, auto-configuration, else by hand;
//   3. the certificate chains of the IMAP and SMTP servers are read WITHOUT logging in and checked
//      by our own rules (pinned IGC-Santé root, Élémentaire Organisations, dates, host, TLS ≥ 1.2,
//      DN listed for the domain) whatever Thunderbird itself would accept;
//   4. with the user's consent, the pinned root is installed (only it, only if its fingerprint
//      matches; the add-on remembers what it added and can remove it);
//   5. credentials; the chains are checked again, the account is created through the Experiment
//      (all or nothing), marked as MSSanté, and synced.
// Every step answers a value: {ok: true, …} or {ok: false, code, message} with a French message.
// The add-on never stores a password or a token itself: Thunderbird's login manager does.
import { checkMailbox, type MailboxRefusal } from "../../core/operators/mailbox.ts";
import { discoverSettings, type Discovery, type DiscoveryEnv } from "../../core/operators/discover.ts";
import { normaliseSettings, type Endpoint, type ServerSettings } from "../../core/operators/settings.ts";
import { formatDisplayName, type NameParts } from "../../core/operators/display-name.ts";
import type { Operator } from "../../core/operators/operator.ts";
import type { SrvRecord } from "../../core/operators/srv.ts";
import {
  checkServerCertificate,
  pinFor,
  PRODUCTION_ISSUER_CN,
  PRODUCTION_PINS,
  sha256Fingerprint,
  type Problem,
  type ServerCheck,
  type TrustAnchorPin,
} from "../../core/operators/server-certificate.ts";
import {
  AccountsApiError,
  accountsExperimentAvailable,
  createAccount as experimentCreateAccount,
  deleteAccount,
  installTrustAnchor,
  listTrustAnchors,
  removeTrustAnchor,
  resolveSrv,
  serverCertificates,
  syncAccount,
  type PresentedChain,
} from "../platform/accounts-experiment.ts";
import { translate } from "../platform/mail.ts";
import { crlsFor } from "../platform/crls.ts";
import { fromBase64, toBase64 } from "../../core/base64.ts";
import type { ParsedCrl } from "../../core/pki/index.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { getSettings, updateSettings } from "../platform/settings.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";
import { refreshWhitelist } from "./whitelist-refresh.ts";
import type { Feature } from "./feature.ts";

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

const WIZARD_PAGE = "ui/account-wizard/wizard.html";

// ---- Which roots may be installed, and which CA must issue server certificates ----------------

export interface AnchorPolicy {
  pins: TrustAnchorPin[];
  issuerCn: RegExp;
}

export interface DiscoveryOverrides {
  /** SRV answers by name, instead of the DNS (the bench has no DNS of its own). */
  srv?: Record<string, SrvRecord[]>;
  autoconfigUrls?: string[];
}

let testPolicy: AnchorPolicy | undefined;
let testDiscovery: DiscoveryOverrides | undefined;

/**
 * Test build only: the bench makes its IGC-Santé-like root at each run, so its pin arrives at run
 * time from the probe. The production build folds this to a no-op (__MSSANTE_TEST_BUILD__ is false).
 */
export function setTestOverrides(policy: AnchorPolicy | undefined, discovery: DiscoveryOverrides | undefined): void {
  if (!__MSSANTE_TEST_BUILD__) throw new Error("réservé au module de test");
  testPolicy = policy;
  testDiscovery = discovery;
}

export function anchorPolicy(): AnchorPolicy {
  if (__MSSANTE_TEST_BUILD__ && testPolicy) return testPolicy;
  return { pins: [...PRODUCTION_PINS], issuerCn: PRODUCTION_ISSUER_CN };
}

// ---- Roots the add-on installed (remembered so that they can be listed and removed) -----------

export interface StoredAnchor {
  sha256: string;
  name: string;
  subject: string;
  /** Base64 DER. */
  der: string;
  installedAt: string;
  /** The certificate was already in the database (untrusted): removal only withdraws the trust. */
  previouslyPresent: boolean;
}

async function storedAnchors(): Promise<StoredAnchor[]> {
  return ((await messenger.storage.local.get("trustAnchors")).trustAnchors as StoredAnchor[] | undefined) ?? [];
}
async function saveAnchors(list: StoredAnchor[]): Promise<void> {
  await messenger.storage.local.set({ trustAnchors: list });
}


/** PEM or DER bytes → DER. */
function derOf(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(bytes.slice(0, 64));
  if (!text.includes("-----BEGIN")) return bytes;
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(new TextDecoder("latin1").decode(bytes));
  return pem ? fromBase64(pem[1]!.replace(/\s+/g, "")) : bytes;
}

const downloaded = new Map<string, Uint8Array>();

/** The pinned root from its official address, kept only if its fingerprint is the pinned one. */
async function downloadPinned(pin: TrustAnchorPin): Promise<Uint8Array | undefined> {
  const cached = downloaded.get(pin.sha256);
  if (cached) return cached;
  if (!pin.url) return undefined;
  try {
    const response = await fetch(pin.url, { cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(20000) });
    if (!response.ok) return undefined;
    const der = derOf(new Uint8Array(await response.arrayBuffer()));
    if (!pinFor(await sha256Fingerprint(der), [pin])) {
      console.warn(`[mssante] ${pin.url} : empreinte différente de celle attendue pour ${pin.name}, certificat ignoré`);
      return undefined;
    }
    downloaded.set(pin.sha256, der);
    return der;
  } catch (err) {
    console.warn(`[mssante] racine ${pin.name} non téléchargée depuis ${pin.url} :`, err instanceof Error ? err.message : err);
    return undefined;
  }
}

// ---- Sessions ----------------------------------------------------------------------------------

interface Session {
  id: string;
  address: string;
  domain: string;
  operators: Operator[];
  operatorDns: string[];
  settings?: ServerSettings;
  /** Settings (JSON) the last successful server check was made for. */
  checkedFor?: string;
  anchorsNeeded: { pin: TrustAnchorPin; der: Uint8Array }[];
  cancelled: boolean;
  busy: boolean;
}

const sessions = new Map<string, Session>();

function fail(code: string, message: string, problems?: Problem[]): Failure {
  return { ok: false, code, message, problems };
}

function session(id: string): Session | Failure {
  const s = sessions.get(id);
  if (!s) return fail("no-session", translate("accountErrorNoSession"));
  if (s.cancelled) return fail("cancelled", translate("accountErrorCancelled"));
  return s;
}
const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

function experimentFailure(err: unknown, host?: string): Failure {
  if (!(err instanceof AccountsApiError)) return fail("internal", translate("accountErrorInternal", [err instanceof Error ? err.message : String(err)]));
  switch (err.kind) {
    case "unavailable":
      return fail("unavailable", translate("accountErrorUnavailable"));
    case "unreachable":
    case "timeout":
      return fail("unreachable", translate("accountErrorUnreachable", [host ?? "", err.detail]));
    case "protocol":
    case "tls":
      return fail("unreachable", translate("accountErrorTls", [host ?? "", err.detail]));
    case "login":
      return fail("login", translate("accountErrorLogin", [host ?? ""]));
    case "certificate":
      return fail("certificate", translate("accountErrorCertificateAfter", [host ?? ""]));
    case "exists":
      return fail("exists", translate("accountErrorExists"));
    case "clientcert":
      return fail("client-certificate", translate("accountClientCertError", [err.detail]));
    default:
      return fail("internal", translate("accountErrorInternal", [err.detail]));
  }
}

const REFUSAL_KEYS: Record<MailboxRefusal, string> = {
  "invalid-address": "accountRefusedInvalid",
  training: "accountRefusedTraining",
  patient: "accountRefusedPatient",
  "not-listed-mssante": "accountRefusedNotListedMssante",
  "not-listed": "accountRefusedNotListed",
  "no-whitelist": "accountRefusedNoWhitelist",
};

// ---- Step 1: the address -----------------------------------------------------------------------

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

export async function startSetup(address: string): Promise<Result<Started>> {
  let whitelist = await loadWhitelist();
  // First run, no list yet: fetch it now rather than refuse every address.
  if (!whitelist) {
    await refreshWhitelist();
    whitelist = await loadWhitelist();
  }
  const check = checkMailbox(address, whitelist);
  if (!check.ok) {
    const refused = { ...fail("refused", translate(REFUSAL_KEYS[check.refusal], [check.domain ?? check.address])), refusal: check.refusal };
    return check.suggestion ? { ...refused, suggestion: check.suggestion } : refused;
  }
  const id = crypto.randomUUID();
  const operatorDns = check.entry.operatorDns;
  sessions.set(id, { id, address: check.address, domain: check.domain, operators: check.operators, operatorDns, anchorsNeeded: [], cancelled: false, busy: false });
  return {
    ok: true,
    sessionId: id,
    address: check.address,
    domain: check.domain,
    description: check.entry.description,
    operators: check.operators,
    experiment: accountsExperimentAvailable(),
    psc: pscStatus(),
  };
}

// ---- Step 2: server settings -------------------------------------------------------------------

async function httpGet(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { cache: "no-store", credentials: "omit", redirect: "error", signal: AbortSignal.timeout(10000) });
  return { status: response.status, text: response.status === 200 ? await response.text() : "" };
}

function discoveryEnv(): DiscoveryEnv {
  const overrides = __MSSANTE_TEST_BUILD__ ? testDiscovery : undefined;
  const srv = overrides?.srv;
  const urls = overrides?.autoconfigUrls;
  return {
    resolveSrv: srv ? async (name) => srv[name] ?? [] : accountsExperimentAvailable() ? resolveSrv : undefined,
    httpGet,
    autoconfigUrls: urls ? () => urls : undefined,
  };
}

export async function discover(sessionId: string): Promise<Result<Discovery>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  const found = await discoverSettings(s.address, s.domain, s.operatorDns, discoveryEnv());
  s.settings = found.settings;
  return { ok: true, ...found };
}

// ---- Step 3: the servers' certificates, before any credential ----------------------------------

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

async function readChain(e: Endpoint, protocol: "imap" | "smtp"): Promise<PresentedChain | Failure> {
  try {
    return await serverCertificates({ host: e.host, port: e.port, protocol, security: e.security });
  } catch (err) {
    return experimentFailure(err, `${e.host}:${e.port}`);
  }
}

async function checkOne(s: Session, e: Endpoint, protocol: "imap" | "smtp", policy: AnchorPolicy): Promise<{ summary: ServerSummary; check: ServerCheck } | Failure> {
  const presented = await readChain(e, protocol);
  if (isFailure(presented)) return presented;
  const chain = presented.certificates.map(fromBase64);
  const candidates = (await storedAnchors()).map((a) => fromBase64(a.der));
  const run = (anchors: Uint8Array[], crls?: ParsedCrl[]) =>
    checkServerCertificate({
      host: e.host,
      chain,
      tlsVersion: presented.tlsVersion ?? undefined,
      anchors,
      pins: policy.pins,
      issuerCn: policy.issuerCn,
      allowedDns: s.operatorDns,
      domain: s.domain,
      crls,
    });
  let anchors: Uint8Array[] = candidates;
  let check = await run(anchors);
  if (!check.anchor) {
    // The server did not send its root and we do not hold it yet: fetch the pinned ones.
    const fetched = (await Promise.all(policy.pins.map(downloadPinned))).filter((d): d is Uint8Array => d !== undefined);
    if (fetched.length) check = await run((anchors = [...candidates, ...fetched]));
  }
  // Revocation: the CRLs of the chain's distribution points (or the last ones kept). A revoked
  // server is refused; an unreachable CRL leaves the check to the daily server-certificate check.
  const dps = check.verdict?.crlDistributionPoints ?? [];
  if (dps.length) {
    const crls = await crlsFor(dps);
    if (crls.length) check = await run(anchors, crls);
  }
  return {
    check,
    summary: {
      host: e.host,
      port: e.port,
      protocol,
      ok: check.ok,
      subject: check.subject,
      issuer: check.issuer,
      notAfter: check.notAfter,
      tlsVersion: presented.tlsVersion,
      minimumTlsVersion: presented.minimumTlsVersion,
      trustedByThunderbird: presented.trustedByThunderbird,
      problems: check.problems,
      warnings: check.warnings,
    },
  };
}

async function checkBoth(s: Session, settings: ServerSettings): Promise<Result<Checked & { anchors: { pin: TrustAnchorPin; der: Uint8Array }[] }>> {
  const policy = anchorPolicy();
  const imap = await checkOne(s, settings.imap, "imap", policy);
  if (isFailure(imap)) return imap;
  const smtp = await checkOne(s, settings.smtp, "smtp", policy);
  if (isFailure(smtp)) return smtp;
  const refused = [imap, smtp].filter((r) => !r.check.ok);
  if (refused.length) {
    const problems = refused.flatMap((r) => r.check.problems.map((p) => ({ ...p, message: `${r.summary.host}:${r.summary.port} — ${p.message}` })));
    return {
      ...fail("certificate", translate("accountErrorCertificate", [refused.map((r) => `${r.summary.host}:${r.summary.port}`).join(", ")]), problems),
      servers: [imap.summary, smtp.summary],
    };
  }
  const anchors: { pin: TrustAnchorPin; der: Uint8Array }[] = [];
  for (const r of [imap, smtp]) {
    const a = r.check.anchor!;
    if (!anchors.some((x) => x.pin.sha256 === a.sha256)) anchors.push({ pin: { name: a.name, sha256: a.sha256, url: a.url }, der: a.der });
  }
  const present = await listTrustAnchors(anchors.map((a) => a.pin.sha256));
  const missing = anchors.filter((a) => !present.some((p) => p.trusted && pinFor(p.sha256, [a.pin])));
  return { ok: true, imap: imap.summary, smtp: smtp.summary, anchors: missing, anchorsToInstall: missing.map((a) => ({ name: a.pin.name, sha256: a.pin.sha256 })) };
}

export async function checkServers(sessionId: string, settings: ServerSettings): Promise<Result<Checked>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!accountsExperimentAvailable()) return fail("unavailable", translate("accountErrorUnavailable"));
  const clean = normaliseSettings(settings);
  if (!clean) return fail("settings", translate("accountErrorSettings"));
  s.settings = clean;
  s.checkedFor = undefined;
  let result: Awaited<ReturnType<typeof checkBoth>>;
  try {
    result = await checkBoth(s, clean);
  } catch (err) {
    return experimentFailure(err);
  }
  if (!result.ok) return result;
  s.checkedFor = JSON.stringify(clean);
  s.anchorsNeeded = result.anchors;
  return { ok: true, imap: result.imap, smtp: result.smtp, anchorsToInstall: result.anchorsToInstall };
}

// ---- Step 4: installing the pinned root, with consent --------------------------------------------

export async function installAnchors(sessionId: string): Promise<Result<{ installed: { name: string; sha256: string }[] }>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!s.checkedFor) return fail("not-checked", translate("accountErrorNotChecked"));
  const policy = anchorPolicy();
  const installed: { name: string; sha256: string }[] = [];
  try {
    for (const { pin, der } of s.anchorsNeeded) {
      const r = await installTrustAnchor(toBase64(der), policy.pins.map((p) => p.sha256));
      if (r.added) {
        const list = (await storedAnchors()).filter((a) => !pinFor(a.sha256, [pin]));
        list.push({ sha256: r.sha256, name: pin.name, subject: r.subject, der: toBase64(der), installedAt: new Date().toISOString(), previouslyPresent: r.previouslyPresent });
        await saveAnchors(list);
      }
      installed.push({ name: pin.name, sha256: r.sha256 });
    }
  } catch (err) {
    return experimentFailure(err);
  }
  s.anchorsNeeded = [];
  return { ok: true, installed };
}

export async function trustAnchorsAdded(): Promise<(StoredAnchor & { present: boolean; trusted: boolean })[]> {
  const list = await storedAnchors();
  const inDb = accountsExperimentAvailable() && list.length ? await listTrustAnchors(list.map((a) => a.sha256)) : [];
  return list.map((a) => {
    const found = inDb.find((p) => pinFor(p.sha256, [a]));
    return { ...a, present: Boolean(found), trusted: Boolean(found?.trusted) };
  });
}

/** Removes a root the add-on installed (and only those). */
export async function removeAnchor(sha256: string): Promise<Result<{ removed: boolean }>> {
  const list = await storedAnchors();
  const mine = list.find((a) => pinFor(a.sha256, [{ name: "", sha256 }]));
  if (!mine) return fail("not-ours", translate("accountErrorNotOurs"));
  try {
    const removed = await removeTrustAnchor(mine.sha256, mine.previouslyPresent);
    await saveAnchors(list.filter((a) => a !== mine));
    return { ok: true, removed };
  } catch (err) {
    return experimentFailure(err);
  }
}

// ---- Step 5: credentials, account -----------------------------------------------------------------

/** "client-certificate": an applicative mailbox's organisation certificate (.p12; `secret` opens it). */
export type CredentialKind = "password" | "otp" | "psc" | "client-certificate";

export interface PscStatus {
  configured: boolean;
  /** Host names Thunderbird will use Pro Santé Connect for (the oauth_provider manifest key). */
  hostnames: string[];
}

const PSC_PLACEHOLDER = "__MSSANTE_PSC_CLIENT_ID__";

export function pscStatus(): PscStatus {
  const provider = (messenger.runtime.getManifest() as { oauth_provider?: { clientId?: string; hostnames?: string[] } }).oauth_provider;
  const configured = Boolean(provider?.clientId && provider.clientId !== PSC_PLACEHOLDER);
  return { configured, hostnames: configured ? (provider?.hostnames ?? []) : [] };
}

/** Thunderbird looks a server's OAuth provider up by its host name, then its parent domains. */
function pscCovers(host: string, psc: PscStatus): boolean {
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) if (psc.hostnames.includes(h)) return true;
  return psc.hostnames.includes(host);
}

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

async function markMssante(accountId: string): Promise<void> {
  const settings = await getSettings();
  if (!settings.mssanteAccounts.includes(accountId)) await updateSettings({ mssanteAccounts: [...settings.mssanteAccounts, accountId] });
}

/** Asks for the INBOX until Thunderbird knows the folder (it discovers folders on first login). */
async function firstSync(accountId: string): Promise<boolean> {
  let asked = await syncAccount(accountId);
  for (let i = 0; !asked && i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const [inbox] = await messenger.folders.query({ accountId, specialUse: ["inbox"] });
    if (inbox) asked = await syncAccount(accountId);
  }
  return asked;
}

export async function createMssanteAccount(sessionId: string, request: CreateRequest): Promise<Result<Created>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!s.settings || s.checkedFor !== JSON.stringify(s.settings)) return fail("not-checked", translate("accountErrorNotChecked"));
  if (s.busy) return fail("busy", translate("accountErrorBusy"));
  const displayName = formatDisplayName(request.name);
  if (!request.name.lastName.trim()) return fail("name", translate("accountErrorName"));
  const oauth = request.credential === "psc";
  if (oauth) {
    const psc = pscStatus();
    if (!psc.configured) return fail("psc-not-configured", translate("accountErrorPscNotConfigured"));
    if (!pscCovers(s.settings.imap.host, psc) || !pscCovers(s.settings.smtp.host, psc)) return fail("psc-host", translate("accountErrorPscHost", [s.settings.imap.host]));
  } else if (request.credential === "client-certificate" && !request.pkcs12) return fail("client-certificate", translate("accountClientCertMissing"));
  else if (!request.secret) return fail("secret", translate("accountErrorSecret"));
  s.busy = true;
  try {
    // Checked again right before the credentials leave: the servers (or DNS) may have changed, and
    // Thunderbird must now trust the chain through the root just installed.
    const again = await checkBoth(s, s.settings);
    if (!again.ok) return again;
    if (again.anchors.length) return fail("anchor-missing", translate("accountErrorAnchorMissing"));
    if (!again.imap.trustedByThunderbird || !again.smtp.trustedByThunderbird) return fail("certificate", translate("accountErrorCertificateAfter", [s.settings.imap.host]));
    const certificate = request.credential === "client-certificate";
    const auth = oauth ? ("oauth2" as const) : certificate ? ("client-certificate" as const) : ("password" as const);
    const created = await experimentCreateAccount({
      email: s.address,
      fullName: displayName,
      imap: { ...s.settings.imap, auth },
      smtp: { ...s.settings.smtp, auth },
      password: oauth || certificate ? undefined : request.secret,
      ...(certificate ? { clientCertificate: { pkcs12: request.pkcs12!, password: request.secret! } } : {}),
      // A one-time code is worth nothing once used: it is not kept.
      rememberPassword: request.credential === "password",
    });
    try {
      if (s.cancelled) throw new Error("cancelled");
      await markMssante(created.accountId);
    } catch (err) {
      // All or nothing: an account the user cancelled, or that is not marked, does not stay.
      await deleteAccount(created.accountId).catch((e: unknown) => console.error("[mssante] compte non retiré :", e));
      if (s.cancelled) return fail("cancelled", translate("accountErrorCancelled"));
      throw err;
    }
    sessions.delete(sessionId);
    const inboxRequested = await firstSync(created.accountId).catch(() => false);
    return { ok: true, ...created, displayName, inboxRequested };
  } catch (err) {
    return experimentFailure(err, `${s.settings.imap.host}:${s.settings.imap.port}`);
  } finally {
    s.busy = false;
  }
}

export function cancelSetup(sessionId: string): Result<object> {
  const s = sessions.get(sessionId);
  if (s) {
    s.cancelled = true;
    if (!s.busy) sessions.delete(sessionId);
  }
  return { ok: true };
}

// ---- Entry points ----------------------------------------------------------------------------------

let wizardTab: number | undefined;
let wizardShown: number | undefined;

const wizardTabsLoaded = new Set<number>();

/** Tab of the wizard page that last loaded (it asks for the status first thing). */
export function wizardShownInTab(): number | undefined {
  return wizardShown;
}

/** How many distinct tabs loaded the wizard page since start (the "offered once" check). */
export function wizardTabsShown(): number {
  return wizardTabsLoaded.size;
}

/** Opens the wizard, or brings its tab forward when it is already open. */
export async function openWizard(): Promise<number | undefined> {
  if (wizardTab !== undefined) {
    const tab = await messenger.tabs.update(wizardTab, { active: true }).catch(() => undefined);
    if (tab) return wizardTab;
  }
  await mainWindow();
  wizardTab = (await messenger.tabs.create({ url: messenger.runtime.getURL(WIZARD_PAGE) })).id;
  return wizardTab;
}

/** At install (first start) Thunderbird's main window may not exist yet: wait for it. */
async function mainWindow(timeoutMs = 60000): Promise<void> {
  if ((await messenger.windows.getAll({ windowTypes: ["normal"] })).length) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      messenger.windows.onCreated.removeListener(onCreated);
      clearTimeout(timer);
      resolve();
    };
    const onCreated = (w: messenger.windows.Window) => {
      if (w.type === "normal") done();
    };
    const timer = setTimeout(done, timeoutMs);
    messenger.windows.onCreated.addListener(onCreated);
  });
}

export const accountSetup: Feature = {
  name: "account-setup",
  start() {
    messenger.action.onClicked.addListener(() => inBackground("wizard", openWizard));
    // Offered once, when the add-on is first installed.
    messenger.runtime.onInstalled.addListener(({ reason }) => {
      // Offered to set up a first MSSanté account: not when the profile already has one (a
      // re-install, or the demo's profile, which starts as a fresh install each time).
      if (reason === "install")
        inBackground("wizard", async () => {
          if ((await getSettings()).mssanteAccounts.length === 0) await openWizard();
        });
    });
    handle("account:open", () => openWizard());
    handle("account:start", (p) => startSetup((p as { address: string }).address));
    handle("account:discover", (p) => discover((p as { sessionId: string }).sessionId));
    handle("account:check", (p) => {
      const { sessionId, settings } = p as { sessionId: string; settings: ServerSettings };
      return checkServers(sessionId, settings);
    });
    handle("account:install-anchors", (p) => installAnchors((p as { sessionId: string }).sessionId));
    handle("account:create", (p) => {
      const { sessionId, request } = p as { sessionId: string; request: CreateRequest };
      return createMssanteAccount(sessionId, request);
    });
    handle("account:cancel", (p) => cancelSetup((p as { sessionId: string }).sessionId));
    handle("account:anchors", () => trustAnchorsAdded());
    handle("account:remove-anchor", (p) => removeAnchor((p as { sha256: string }).sha256));
    handle("account:status", (_p, sender) => {
      if (sender.tab?.id !== undefined) {
        wizardShown = sender.tab.id;
        wizardTabsLoaded.add(sender.tab.id);
      }
      return { experiment: accountsExperimentAvailable(), psc: pscStatus(), pins: anchorPolicy().pins };
    });
  },
};
