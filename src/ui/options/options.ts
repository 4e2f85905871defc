// Settings of the trust feature: white-list status, MSSanté accounts, background scan, tags,
// per-domain overrides. Every text comes from _locales.
import { localizePage } from "../i18n.ts";
import { call } from "../../addon/platform/rpc.ts";
import { guarded, showPageError } from "../errors.ts";
import { normaliseDomain } from "../../core/trust/domains.ts";
import type { AccountServerCheck, DirectoryOverview, FolderSignatureReport, KeptFailure as Failure, ScanState, WhitelistOverview } from "../../addon/platform/contract.ts";
import { initDirectoryLive } from "./directory-live.ts";
import { renderTagLegend } from "./tag-legend.ts";
import { readableDn } from "../../core/pki/display-dn.ts";
import { initDirectoryUsual } from "./directory-usual.ts";
import { addonVersion, mailAccounts, onPageEvent, t } from "../../addon/platform/page.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const date = (iso?: string) => (iso ? new Date(iso).toLocaleString() : "—");

function showWhitelist({ status, hasList }: WhitelistOverview): void {
  $("wl-summary").textContent = hasList
    ? t("optionsWhitelistSummary", [date(status.generatedAt), String(status.domains ?? 0), t(status.source === "official" ? "sourceOfficial" : "sourceMirror"), date(status.lastCheck)])
    : t("optionsWhitelistMissing");
  const err = $("wl-error");
  err.hidden = status.outcome !== "failed";
  if (status.outcome === "failed" && status.error) {
    // Each source's reason: before the IGC-Santé root is installed the official URL always fails,
    // and what the user needs to read is why the GitHub copy was refused too.
    const why = (status.errors ?? [status.error]).map((e) => t(e.key, e.params) || e.params.join(" "));
    err.textContent = t("optionsWhitelistFailed", [why.join(" ; ")]);
  }
}

function showFailures(failures: Failure[]): void {
  const section = $("failures");
  section.hidden = failures.length === 0;
  $("failures-list").replaceChildren(
    ...failures.map((f) => Object.assign(document.createElement("li"), { className: "error", textContent: t("optionsFailure", [t(`failureArea_${f.area}`), date(f.at), f.message]) })),
  );
}

function showFolderReport(report: FolderSignatureReport | null): void {
  $("folder-report").hidden = !report;
  if (!report) return;
  $("folder-report-summary").textContent = t("optionsFolderReportSummary", [
    report.folder,
    date(report.checkedAt),
    t("folderSignaturesSummary", [String(report.examined), String(report.signed), String(report.valid), String(report.signed - report.valid)]),
  ]);
  $("folder-report-failures").replaceChildren(
    ...report.failures.map((f) =>
      Object.assign(document.createElement("li"), { className: "error", textContent: t("optionsFolderReportLine", [f.subject, f.author, t(`smime_${f.status.replace(/-/g, "_")}`) || f.status]) }),
    ),
  );
}

function showScan(s: ScanState): void {
  const err = $("scan-error");
  err.hidden = !s.error;
  err.textContent = s.error ? t("optionsScanFailed", [s.error]) : "";
  $("scan-status").textContent = s.running
    ? t("optionsScanRunning", [String(s.foldersDone.length), String(s.foldersTotal), String(s.examined), s.currentFolder ?? ""])
    : s.finishedAt
      ? t("optionsScanDone", [date(s.finishedAt), String(s.examined), String(s.tagged)]) + (s.unread ? ` ${t("optionsScanUnread", [String(s.unread)])}` : "")
      : t("optionsScanNever");
}

function showDirectory({ status, progress }: DirectoryOverview): void {
  const m = status.manifest;
  $("dir-summary").textContent = m
    ? t("optionsDirectorySummary", [m.source, date(m.importedAt), String(m.entries), String(m.rows.skipped), date(status.lastCheck)])
    : t("optionsDirectoryMissing");
  const p = $("dir-progress");
  p.hidden = progress.phase === "idle";
  p.textContent =
    progress.phase === "download"
      ? t("optionsDirectoryDownloading", [(progress.received / 1e6).toFixed(1), progress.total ? (progress.total / 1e6).toFixed(1) : "?"])
      : t("optionsDirectoryIndexing");
  const err = $("dir-error");
  err.hidden = status.outcome !== "failed";
  if (status.outcome === "failed" && status.error) err.textContent = t("optionsDirectoryFailed", [t(status.error.key, status.error.params) || status.error.params.join(" ")]);
  if (progress.phase !== "idle") setTimeout(guarded(async () => showDirectory(await call("directory:status"))), 1000);
}

function showServers(checks: Record<string, AccountServerCheck>): void {
  const list = $("servers-list");
  list.replaceChildren();
  const lines: [string, boolean][] = [];
  for (const check of Object.values(checks)) {
    if (check.unavailable) lines.push([check.unavailable, false]);
    for (const s of check.servers) {
      const issues = [...s.problems, ...s.warnings];
      if (issues.length === 0) lines.push([t("optionsServerOk", [s.host, s.protocol.toUpperCase(), date(s.notAfter)]), true]);
      for (const p of issues) lines.push([t("optionsServerProblem", [s.host, s.protocol.toUpperCase(), p.message]), false]);
    }
  }
  if (lines.length === 0) lines.push([t("optionsServersNone"), true]);
  for (const [text, ok] of lines) {
    const li = document.createElement("li");
    li.textContent = text;
    if (!ok) li.className = "error";
    list.append(li);
  }
}

async function showAnchors(): Promise<void> {
  const anchors = await call("anchors:list");
  const list = $("anchors-list");
  list.replaceChildren();
  for (const a of anchors) {
    const li = document.createElement("li");
    const remove = document.createElement("button");
    remove.textContent = t("optionsOverrideRemove");
    remove.addEventListener("click", guarded(async () => {
      await call("anchors:remove", { pem: a.pem });
      await showAnchors();
    }));
    // The authority's name as people read it; the full DN on hover.
    li.title = a.subject;
    li.append(t("optionsAnchorLine", [readableDn(a.subject), date(a.notAfter)]) + " ", remove);
    list.append(li);
  }
}

async function showAccounts(): Promise<void> {
  const settings = await call("settings:get");
  const list = $("accounts");
  list.replaceChildren();
  for (const account of await mailAccounts()) {
    const li = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = settings.mssanteAccounts.includes(account.id);
    box.addEventListener("change", guarded(async () => {
      const s = await call("settings:get");
      const ids = new Set(s.mssanteAccounts);
      if (box.checked) ids.add(account.id);
      else ids.delete(account.id);
      await call("settings:update", { mssanteAccounts: [...ids] });
    }));
    const label = document.createElement("label");
    label.append(box, ` ${account.name}`);
    li.append(label);
    list.append(li);
  }
  const ordinary = $<HTMLInputElement>("mark-ordinary");
  ordinary.checked = settings.markOrdinaryOutside;
  ordinary.onchange = guarded(() => call("settings:update", { markOrdinaryOutside: ordinary.checked }));
}

async function showOverrides(): Promise<void> {
  const { overrides } = await call("settings:get");
  const list = $("overrides");
  list.replaceChildren();
  for (const [domain, kind] of Object.entries(overrides).sort()) {
    const li = document.createElement("li");
    const remove = document.createElement("button");
    remove.textContent = t("optionsOverrideRemove");
    remove.addEventListener("click", guarded(async () => {
      const s = await call("settings:get");
      const next = { ...s.overrides };
      delete next[domain];
      await call("settings:update", { overrides: next });
      await showOverrides();
    }));
    li.append(`${domain} — ${t(kind === "trusted" ? "optionsOverrideTrusted" : "optionsOverrideUntrusted")} `, remove);
    list.append(li);
  }
}

async function init(): Promise<void> {
  localizePage();
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder ?? "");
  $("version").textContent = t("optionsVersion", [addonVersion()]);
  renderTagLegend($("tag-legend"), t);
  showFailures(await call("failures:list"));
  showFolderReport(await call("signatures:folder-report"));
  showWhitelist(await call("whitelist:status"));
  showScan(await call("scan:status"));
  showDirectory(await call("directory:status"));
  showServers(await call("servers:status"));
  await showAnchors();
  $("anchor-add").addEventListener("click", guarded(async () => {
    const err = $("anchor-error");
    err.hidden = true;
    try {
      await call("anchors:add", { pem: $<HTMLTextAreaElement>("anchor-pem").value });
      $<HTMLTextAreaElement>("anchor-pem").value = "";
      await showAnchors();
    } catch (e) {
      err.hidden = false;
      err.textContent = e instanceof Error ? e.message : String(e);
    }
  }));
  $("servers-check").addEventListener("click", guarded(async () => showServers(await call("servers:check"))));
  $("dir-refresh").addEventListener("click", guarded(async () => showDirectory(await call("directory:refresh"))));
  await showAccounts();
  $("account-add").addEventListener("click", guarded(() => call("account:open")));
  await showOverrides();
  $("wl-refresh").addEventListener("click", guarded(async () => {
    $("wl-summary").textContent = t("optionsWhitelistRefreshing");
    showWhitelist(await call("whitelist:refresh"));
  }));
  $("scan-start").addEventListener("click", guarded(async () => showScan(await call("scan:start"))));
  // Removing every warning tag is not undone by a click: the page asks first, and says how to
  // get them back (a new analysis).
  $("tags-remove").addEventListener("click", () => {
    $("tags-confirm").hidden = false;
    $("tags-confirm-no").focus();
  });
  $("tags-confirm-no").addEventListener("click", () => {
    $("tags-confirm").hidden = true;
    $("tags-remove").focus();
  });
  $("tags-confirm-yes").addEventListener("click", guarded(async () => {
    $("tags-confirm").hidden = true;
    $("tags-result").textContent = t("optionsTagsRemoved", [String(await call("tags:remove"))]);
    showScan(await call("scan:status"));
  }));
  $("override-form").addEventListener("submit", guarded(async (e) => {
    e.preventDefault();
    const domain = normaliseDomain($<HTMLInputElement>("override-domain").value);
    if (!domain) return;
    const s = await call("settings:get");
    await call("settings:update", { overrides: { ...s.overrides, [domain]: $<HTMLSelectElement>("override-kind").value as "trusted" | "untrusted" } });
    $<HTMLInputElement>("override-domain").value = "";
    await showOverrides();
  }));
  // Live progress of a running scan.
  onPageEvent("scan", showScan);
  onPageEvent("folderSignatureReport", showFolderReport);
  onPageEvent("failures", showFailures);
  // Every listener is in place: the page can be used (the bench waits for this).
  document.body.dataset.ready = "true";
}

init().catch(showPageError);
// On its own: a failure elsewhere in the page must not hide the live source's status.
initDirectoryLive().catch(showPageError);
initDirectoryUsual().catch(showPageError);
