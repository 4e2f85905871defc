// The verdict of the displayed message, in Thunderbird's own UI: the message display action's
// icon, badge and title, and its popup listing the reasons. Nothing is drawn inside the message
// body, which the sender controls.
import type { Category, Verdict } from "../../core/trust/verdict.ts";
import { translate } from "../platform/mail.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { loadStatus } from "../storage/whitelist-store.ts";
import { verdictOf } from "./trust-marking.ts";
import { checkSignature } from "./signature-check.ts";
import type { SmimeVerdict } from "../../core/pki/index.ts";
import type { Feature } from "./index.ts";

const LOOK: Record<Category | "unknown", { icon: string; badge: string; color: string; title: string }> = {
  professional: { icon: "icons/verdict-professional.svg", badge: "✓", color: "#2E7D32", title: "verdictProfessional" },
  patient: { icon: "icons/verdict-patient.svg", badge: "U", color: "#0060DF", title: "verdictPatient" },
  outside: { icon: "icons/verdict-outside.svg", badge: "!", color: "#D70022", title: "verdictOutside" },
  impersonation: { icon: "icons/verdict-impersonation.svg", badge: "!!", color: "#8B0000", title: "verdictImpersonation" },
  unknown: { icon: "icons/verdict-unknown.svg", badge: "?", color: "#6D6D6D", title: "verdictUnknown" },
};

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
}

export async function displayedVerdict(tabId: number, withSignature = true): Promise<DisplayedVerdict | undefined> {
  const list = await messenger.messageDisplay.getDisplayedMessages(tabId);
  const message = list.messages[0];
  if (!message) return undefined;
  const status = await loadStatus();
  const base = { subject: message.subject, whitelistDate: status.generatedAt, whitelistFetchedAt: status.fetchedAt };
  if (list.messages.length > 1) return { ...base, unavailable: translate("verdictSeveralMessages") };
  // The signature is checked for the popup only: it reads the whole message.
  let smime: Pick<DisplayedVerdict, "smime" | "smimeError"> = {};
  if (withSignature) {
    try {
      smime = { smime: await checkSignature(message.id) };
    } catch (err) {
      smime = { smimeError: err instanceof Error ? err.message : String(err) };
    }
  }
  try {
    const verdict = await verdictOf(message);
    return verdict ? { ...base, ...smime, verdict } : { ...base, ...smime, unavailable: translate("verdictNoList") };
  } catch (err) {
    return { ...base, ...smime, unavailable: translate("verdictUnreadable", [err instanceof Error ? err.message : String(err)]) };
  }
}

async function show(tabId: number): Promise<void> {
  const shown = await displayedVerdict(tabId, false);
  const look = LOOK[shown?.verdict?.category ?? "unknown"];
  await Promise.all([
    messenger.messageDisplayAction.setIcon({ tabId, path: look.icon }),
    messenger.messageDisplayAction.setBadgeText({ tabId, text: look.badge }),
    messenger.messageDisplayAction.setBadgeBackgroundColor({ tabId, color: look.color }),
    messenger.messageDisplayAction.setTitle({ tabId, title: translate(look.title) }),
  ]);
}

export const verdictDisplay: Feature = {
  name: "verdict-display",
  start() {
    messenger.messageDisplay.onMessagesDisplayed.addListener((tab) => {
      if (tab.id !== undefined) inBackground("display", () => show(tab.id!));
    });
    handle("verdict:displayed", (payload) => displayedVerdict((payload as { tabId: number }).tabId));
  },
};
