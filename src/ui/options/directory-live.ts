// Options: the optional live source of the directory (Annuaire Santé FHIR API). Opt-in checkbox,
// the user's API key (a password field: the stored key is never put back into the page, only
// whether there is one), and the outcome of the last request.
import { guarded } from "../errors.ts";
import { call } from "../../addon/platform/rpc.ts";
import type { LiveStatus } from "../../addon/platform/contract.ts";
import { t } from "../../addon/platform/page.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const STATUS_KEYS: Record<string, string> = {
  ok: "directoryLiveStatusOk",
  unauthorized: "directoryLiveStatusUnauthorized",
  rateLimited: "directoryLiveStatusRateLimited",
  network: "directoryLiveStatusNetwork",
  timeout: "directoryLiveStatusTimeout",
  http: "directoryLiveStatusHttp",
  invalid: "directoryLiveStatusInvalid",
};

/** The sentence the options page shows for a status. */
export function liveStatusText(s: LiveStatus): string {
  if (!s.hasKey) return t("directoryLiveStatusNoKey");
  if (!s.last) return t(s.enabled ? "directoryLiveStatusNever" : "directoryLiveStatusOff");
  const l = s.last;
  const when = new Date(l.at).toLocaleString();
  const key = STATUS_KEYS[l.reason] ?? "directoryLiveStatusInvalid";
  return t(key, [when, String(l.count), String(l.httpStatus ?? ""), String(l.retryAfterSeconds ?? ""), l.message]);
}

function show(s: LiveStatus): void {
  $<HTMLInputElement>("dir-live-enabled").checked = s.enabled;
  const key = $<HTMLInputElement>("dir-live-key");
  key.value = "";
  key.placeholder = t(s.hasKey ? "directoryLiveKeyPlaceholderSet" : "directoryLiveKeyPlaceholderNone");
  $("dir-live-key-clear").hidden = !s.hasKey;
  const status = $("dir-live-status");
  status.textContent = liveStatusText(s);
  status.classList.toggle("error", Boolean(s.last && s.last.reason !== "ok"));
}

export async function initDirectoryLive(): Promise<void> {
  const refresh = async () => show(await call("directory:live-status"));
  $<HTMLInputElement>("dir-live-enabled").addEventListener("change", guarded(async (e) => {
    await call("settings:update", { directoryLiveEnabled: (e.target as HTMLInputElement).checked });
    await refresh();
  }));
  $("dir-live-form").addEventListener("submit", guarded(async (e) => {
    e.preventDefault();
    const key = $<HTMLInputElement>("dir-live-key").value.trim();
    if (key) await call("settings:update", { directoryApiKey: key });
    await refresh();
  }));
  $("dir-live-key-clear").addEventListener("click", guarded(async () => {
    await call("settings:update", { directoryApiKey: "" });
    await refresh();
  }));
  $("dir-live-test").addEventListener("click", guarded(async () => {
    $("dir-live-status").textContent = t("directoryLiveTesting");
    show(await call("directory:live-test"));
  }));
  await refresh();
}
