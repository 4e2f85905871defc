// Options: « Placer en premier mes correspondants habituels » (addon/features/directory-correspondents.ts).
// A checkbox (on by default), what is kept, and a button to forget the counts, shown while there
// are some: turning the option off stops counting and ranking but keeps the counts, so the user
// decides whether to erase them.
import { guarded } from "../errors.ts";
import { call } from "../../addon/platform/rpc.ts";
import type { CorrespondentsStatus } from "../../addon/platform/contract.ts";
import { t } from "../../addon/platform/page.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function usualStatusText(s: CorrespondentsStatus): string {
  if (s.counted === 0) return t(s.enabled ? "directoryUsualStatusEmpty" : "directoryUsualStatusOffEmpty");
  return t(s.enabled ? "directoryUsualStatus" : "directoryUsualStatusOff", [String(s.usual), String(s.counted)]);
}

function show(s: CorrespondentsStatus, forgotten = false): void {
  $<HTMLInputElement>("dir-usual-enabled").checked = s.enabled;
  $("dir-usual-status").textContent = forgotten ? t("directoryUsualForgotten") : usualStatusText(s);
  $("dir-usual-forget").hidden = s.counted === 0;
}

export async function initDirectoryUsual(): Promise<void> {
  $<HTMLInputElement>("dir-usual-enabled").addEventListener("change", guarded(async (e) => {
    await call("settings:update", { directoryUsualFirst: (e.target as HTMLInputElement).checked });
    show(await call("directory:correspondents-status"));
  }));
  $("dir-usual-forget").addEventListener("click", guarded(async () => {
    show(await call("directory:correspondents-forget"), true);
  }));
  show(await call("directory:correspondents-status"));
  // This section is set up on its own (see options.ts): the bench waits for this mark.
  $("dir-usual").dataset.ready = "true";
}
