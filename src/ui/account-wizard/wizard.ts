// The "Ajouter un compte MSSanté" page: one form per step, each sent to the background feature
// (src/addon/features/account-setup/), which does every check. The page only shows progress,
// results and the French message of a failure. Every text comes from _locales.
import { toBase64 } from "../../core/base64.ts";
import { localizePage } from "../i18n.ts";
import { call, callWith } from "../../addon/platform/rpc.ts";
import { guarded, showPageError } from "../errors.ts";
import type { Answer, CredentialKind, Failure, Payload, ServerSummary, Started } from "../../addon/platform/contract.ts";
import type { Endpoint, ServerSettings, SettingsSource } from "../../core/operators/settings.ts";
import { formatDisplayName } from "../../core/operators/display-name.ts";
import { t } from "../../addon/platform/page.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const STEPS = ["step-address", "step-settings", "step-check", "step-credentials", "step-done"];

let sessionId: string | undefined;
/** Before the first step no session exists: the background then answers "no-session", as for an expired one. */
const currentSession = () => sessionId ?? "";
let started: Started | undefined;

function show(step: string): void {
  for (const s of STEPS) $(s).hidden = s !== step;
  $("cancel").hidden = step === "step-done";
}

function progress(key: string | undefined, subs?: string[]): void {
  const p = $("progress");
  p.hidden = !key;
  p.textContent = key ? t(key, subs) : "";
}

function showError(f: Failure): void {
  progress(undefined);
  $("error").hidden = false;
  // A cancel is the user's own choice, not an error: said plainly, without the alarm colour.
  $("error").className = f.code === "cancelled" ? "notice" : "error";
  $("error-message").textContent = f.message;
  // The refused address: marked, focused, and a listed one offered when it is a typo away.
  const address = $<HTMLInputElement>("address");
  const refused = f.code === "refused";
  address.setAttribute("aria-invalid", String(refused));
  $("suggestion").hidden = !f.suggestion;
  if (f.suggestion) {
    $("suggestion-text").textContent = t("accountSuggestion", [f.suggestion]);
    $("suggestion-use").textContent = t("accountSuggestionUse", [f.suggestion]);
    $("suggestion-use").onclick = () => {
      address.value = f.suggestion!;
      address.setAttribute("aria-invalid", "false");
      $("suggestion").hidden = true;
      address.focus();
    };
  }
  if (refused) address.focus();
  const list = $("error-problems");
  list.replaceChildren(...(f.problems ?? []).map((p) => Object.assign(document.createElement("li"), { textContent: p.message })));
}

function clearError(): void {
  $("error").hidden = true;
  $("suggestion").hidden = true;
  $<HTMLInputElement>("address").setAttribute("aria-invalid", "false");
}

/** The wizard's steps: each answers {ok: true, …} or a Failure. */
type Step = "account:start" | "account:discover" | "account:check" | "account:install-anchors" | "account:create";

/** Runs one step: progress line, the call, and the failure shown if any. */
async function step<K extends Step>(progressKey: string, type: K, payload: Payload<K>): Promise<Extract<Answer<K>, { ok: true }> | undefined> {
  clearError();
  progress(progressKey);
  for (const b of document.querySelectorAll<HTMLButtonElement>("form button")) b.disabled = true;
  try {
    const r = await callWith(type, payload);
    if (!r.ok) {
      showError(r as Failure);
      return undefined;
    }
    progress(undefined);
    return r as Extract<Answer<K>, { ok: true }>;
  } catch (err) {
    showError({ ok: false, code: "internal", message: t("accountErrorInternal", [err instanceof Error ? err.message : String(err)]) });
    return undefined;
  } finally {
    for (const b of document.querySelectorAll<HTMLButtonElement>("form button")) b.disabled = false;
  }
}

const SOURCE_KEYS: Record<SettingsSource, string> = { known: "accountSourceKnown", srv: "accountSourceSrv", autoconfig: "accountSourceAutoconfig", manual: "accountSourceManual" };

function fillSettings(settings: ServerSettings): void {
  for (const side of ["imap", "smtp"] as const) {
    const row = document.querySelector<HTMLTableRowElement>(`tr[data-side="${side}"]`)!;
    const e = settings[side];
    row.querySelector<HTMLInputElement>('[name="host"]')!.value = e.host;
    row.querySelector<HTMLInputElement>('[name="port"]')!.value = String(e.port);
    row.querySelector<HTMLSelectElement>('[name="security"]')!.value = e.security;
    row.querySelector<HTMLInputElement>('[name="username"]')!.value = e.username;
    row.dataset.auth = e.auth;
  }
}

function readSettings(): ServerSettings {
  const side = (s: "imap" | "smtp"): Endpoint => {
    const row = document.querySelector<HTMLTableRowElement>(`tr[data-side="${s}"]`)!;
    return {
      host: row.querySelector<HTMLInputElement>('[name="host"]')!.value.trim(),
      port: Number(row.querySelector<HTMLInputElement>('[name="port"]')!.value),
      security: row.querySelector<HTMLSelectElement>('[name="security"]')!.value as Endpoint["security"],
      username: row.querySelector<HTMLInputElement>('[name="username"]')!.value.trim(),
      auth: row.dataset.auth === "oauth2" ? "oauth2" : "password",
    };
  };
  return { imap: side("imap"), smtp: side("smtp") };
}

async function onAddress(e: Event): Promise<void> {
  e.preventDefault();
  const r = await step("accountProgressAddress", "account:start", { address: $<HTMLInputElement>("address").value });
  if (!r) return;
  started = r;
  sessionId = r.sessionId;
  const op = r.operators[0];
  $("operator").textContent = t("accountOperator", [r.domain, r.description || "—", op?.organisation ?? "—"]);
  const d = await step("accountProgressDiscover", "account:discover", { sessionId });
  if (!d) return;
  fillSettings(d.settings);
  $("sources").textContent = t("accountSources", [t(SOURCE_KEYS[d.sources.imap]), t(SOURCE_KEYS[d.sources.smtp])]);
  if (!r.experiment) await showManualOnly();
  show("step-settings");
}

/** Without the Experiment: the settings and the root to install, for Thunderbird's own wizard. */
async function showManualOnly(): Promise<void> {
  $("manual-only").hidden = false;
  $("check").hidden = true;
  for (const input of document.querySelectorAll<HTMLInputElement>("#step-settings input")) input.readOnly = true;
  const status = await call("account:status");
  $("manual-root").textContent = status.pins.map((p) => t("accountManualRoot", [p.name, p.sha256, p.url ?? "—"])).join("\n");
}

function serverLine(s: ServerSummary): HTMLLIElement {
  const li = document.createElement("li");
  li.className = s.ok ? "ok" : "refused";
  li.textContent = t(s.protocol === "imap" ? "accountServerImap" : "accountServerSmtp", [`${s.host}:${s.port}`, s.subject ?? "—", s.notAfter ? new Date(s.notAfter).toLocaleDateString() : "—", s.tlsVersion ?? `≥ ${s.minimumTlsVersion ?? "?"}`]);
  for (const w of s.warnings) li.append(Object.assign(document.createElement("div"), { className: "note", textContent: w.message }));
  return li;
}

let mustConsent = false;

async function onSettings(e: Event): Promise<void> {
  e.preventDefault();
  const r = await step("accountProgressCheck", "account:check", { sessionId: currentSession(), settings: readSettings() });
  if (!r) {
    return;
  }
  $("servers").replaceChildren(serverLine(r.imap), serverLine(r.smtp));
  mustConsent = r.anchorsToInstall.length > 0;
  $("consent").hidden = !mustConsent;
  if (mustConsent) {
    $("consent-text").textContent = t("accountConsentText");
    $("anchors-to-install").replaceChildren(...r.anchorsToInstall.map((a) => Object.assign(document.createElement("li"), { textContent: t("accountAnchorLine", [a.name, a.sha256]) })));
    $<HTMLInputElement>("consent-box").checked = false;
  }
  $("install").textContent = t(mustConsent ? "accountInstallAndContinue" : "accountContinue");
  show("step-check");
}

async function onInstall(e: Event): Promise<void> {
  e.preventDefault();
  if (mustConsent) {
    if (!$<HTMLInputElement>("consent-box").checked) {
      showError({ ok: false, code: "consent", message: t("accountErrorConsent") });
      return;
    }
    const r = await step("accountProgressInstall", "account:install-anchors", { sessionId: currentSession() });
    if (!r) return;
    await showAnchors();
  }
  const psc = started?.psc;
  const pscBox = $<HTMLInputElement>("credential-psc");
  pscBox.disabled = !psc?.configured;
  $("psc-note").hidden = Boolean(psc?.configured);
  $("psc-note").textContent = t("accountPscNotConfigured");
  updateName();
  show("step-credentials");
}

function nameParts() {
  return {
    title: $<HTMLInputElement>("name-title").value,
    firstName: $<HTMLInputElement>("first-name").value,
    lastName: $<HTMLInputElement>("last-name").value,
    entity: $<HTMLInputElement>("entity").value,
  };
}

function updateName(): void {
  $("display-name").textContent = formatDisplayName(nameParts()) || "—";
  const kind = document.querySelector<HTMLInputElement>('input[name="credential"]:checked')?.value;
  $("secret-label").hidden = kind === "psc";
  const label = $("secret-label").querySelector("span")!;
  label.textContent = t(kind === "otp" ? "accountSecretOtp" : kind === "client-certificate" ? "accountClientCertPassword" : "accountSecret");
  $("pkcs12-label").hidden = kind !== "client-certificate";
}

/** The chosen .p12 file, base64, for the Experiment (it never leaves the machine). */
async function pkcs12Base64(): Promise<string | undefined> {
  const file = $<HTMLInputElement>("pkcs12").files?.[0];
  if (!file) return undefined;
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

async function onCreate(e: Event): Promise<void> {
  e.preventDefault();
  const credential = (document.querySelector<HTMLInputElement>('input[name="credential"]:checked')?.value ?? "password") as CredentialKind;
  const secret = $<HTMLInputElement>("secret");
  const pkcs12 = credential === "client-certificate" ? await pkcs12Base64() : undefined;
  const r = await step("accountProgressCreate", "account:create", { sessionId: currentSession(), request: { credential, secret: secret.value, name: nameParts(), pkcs12 } });
  secret.value = "";
  if (!r) return;
  sessionId = undefined;
  $("done-message").textContent = t("accountDone", [r.displayName, started?.address ?? ""]);
  show("step-done");
}

async function showAnchors(): Promise<void> {
  const list = $("anchors-list");
  const anchors = await call("account:anchors");
  list.replaceChildren();
  if (anchors.length === 0) list.append(Object.assign(document.createElement("li"), { textContent: t("accountAnchorsNone") }));
  for (const a of anchors) {
    const li = document.createElement("li");
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: t("accountAnchorRemove") });
    remove.addEventListener("click", async () => {
      const r = await call("account:remove-anchor", { sha256: a.sha256 });
      if (!r.ok) showError(r);
      await showAnchors();
    });
    li.append(`${t("accountAnchorLine", [a.name, a.sha256])} — ${t(a.trusted ? "accountAnchorTrusted" : "accountAnchorAbsent")} `, remove);
    list.append(li);
  }
}

function restart(): void {
  if (sessionId) call("account:cancel", { sessionId }).catch(showPageError);
  sessionId = undefined;
  clearError();
  progress(undefined);
  show("step-address");
}

function init(): void {
  localizePage();
  for (const el of document.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder ?? "");
  $("step-address").addEventListener("submit", guarded(onAddress));
  $("step-settings").addEventListener("submit", guarded(onSettings));
  $("step-check").addEventListener("submit", guarded(onInstall));
  $("step-credentials").addEventListener("submit", guarded(onCreate));
  $("step-credentials").addEventListener("input", updateName);
  $("restart").addEventListener("click", restart);
  $("cancel").addEventListener(
    "click",
    guarded(async () => {
      if (sessionId) await call("account:cancel", { sessionId });
      sessionId = undefined;
      showError({ ok: false, code: "cancelled", message: t("accountErrorCancelled") });
      show("step-address");
  // Where the user starts typing.
  $("address").focus();
    }),
  );
  window.addEventListener("pagehide", () => {
    // The page is going away: the log is the only place left to say it.
    if (sessionId) call("account:cancel", { sessionId }).catch((err: unknown) => console.error("[mssante]", err));
  });
  show("step-address");
  call("account:status").catch(showPageError);
  showAnchors().catch(showPageError);
}

init();
