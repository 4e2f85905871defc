// The message display action's popup: the verdict's reasons, in Thunderbird's own UI.
import { localizePage } from "../i18n.ts";
import { call } from "../../addon/platform/rpc.ts";
import type { DisplayedVerdict } from "../../addon/features/verdict-display.ts";

const ICON: Record<string, string> = {
  professional: "verdict-professional.svg",
  patient: "verdict-patient.svg",
  outside: "verdict-outside.svg",
  impersonation: "verdict-impersonation.svg",
};
const TITLE: Record<string, string> = {
  professional: "verdictProfessional",
  patient: "verdictPatient",
  outside: "verdictOutside",
  impersonation: "verdictImpersonation",
};

function text(id: string, value: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

async function render(): Promise<void> {
  localizePage();
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  const shown = tab?.id !== undefined ? await call<DisplayedVerdict | undefined>("verdict:displayed", { tabId: tab.id }) : undefined;
  const verdict = shown?.verdict;
  if (verdict) {
    (document.getElementById("icon") as HTMLImageElement).src = `../../icons/${ICON[verdict.category]}`;
    text("title", messenger.i18n.getMessage(TITLE[verdict.category]!));
    if (verdict.sender) text("sender", `${verdict.sender.displayName} <${verdict.sender.address}>`.trim());
    const list = document.getElementById("reasons")!;
    for (const reason of verdict.reasons) {
      const li = document.createElement("li");
      li.className = reason.severity;
      // textContent only: reasons quote header text written by the sender.
      li.textContent = reason.message;
      list.append(li);
    }
  } else {
    const p = document.getElementById("unavailable")!;
    p.hidden = false;
    p.textContent = shown?.unavailable ?? messenger.i18n.getMessage("verdictNoMessage");
  }
  text(
    "whitelist",
    shown?.whitelistDate
      ? messenger.i18n.getMessage("popupWhitelistDate", [new Date(shown.whitelistDate).toLocaleString()])
      : messenger.i18n.getMessage("popupNoWhitelist"),
  );
}

void render();
