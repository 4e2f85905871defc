// The verdict of the displayed message, in Thunderbird's own UI: the message display action's
// icon, badge and title, and its popup listing the reasons. Nothing is drawn inside the message
// body, which the sender controls.
import type { Category, Verdict } from "../../core/trust/verdict.ts";
import { messageState, type MessageState } from "../../core/state/message-state.ts";
import { loadChecks } from "../storage/server-check-store.ts";
import { readXdmMessage, type XdmMessageResult } from "../../core/xdm/index.ts";
import { getSettings } from "../platform/settings.ts";
import { HEADER_BYTES, translate } from "../platform/mail.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { loadStatus } from "../storage/whitelist-store.ts";
import { verdictOf } from "../platform/message-verdict.ts";
import { checkSignature, rawMessage } from "../platform/signature-verify.ts";
import type { Feature } from "./feature.ts";
import { displayedMessages, onMessagesDisplayed, setDisplayButton } from "../platform/display.ts";
import type { DisplayedVerdict, Look } from "../platform/contract.ts";

const OK_LOOK: Record<"professional" | "patient", Look> = {
  professional: { level: "ok", icon: "icons/verdict-professional.svg", badge: "✓", color: "#2E7D32", title: "verdictProfessional" },
  patient: { level: "ok", icon: "icons/verdict-patient.svg", badge: "U", color: "#0060DF", title: "verdictPatient" },
};
const WARNING = { level: "warning", icon: "icons/verdict-outside.svg", badge: "!", color: "#A85100" } as const;
const DANGER = { level: "danger", icon: "icons/verdict-impersonation.svg", badge: "!!", color: "#8B0000" } as const;
const TITLE_KEYS: Record<string, string> = {
  "trust-danger": "verdictImpersonation",
  "trust-warning": "verdictOutside",
  "signature-danger": "stateSignatureDanger",
  "signature-warning": "stateSignatureWarning",
  "server-warning": "stateServerWarning",
  "documents-warning": "stateDocumentsWarning",
};
const UNKNOWN_LOOK: Look = { level: "unknown", icon: "icons/verdict-unknown.svg", badge: "?", color: "#6D6D6D", title: "verdictUnknown" };

export function lookOf(state: MessageState | undefined, category: Category | undefined): Look {
  if (!state) return UNKNOWN_LOOK;
  const d = state.decisive;
  if (!d) return category === "patient" ? OK_LOOK.patient : OK_LOOK.professional;
  if (d.part === "trust" && d.code === "no-whitelist") return UNKNOWN_LOOK;
  const title = TITLE_KEYS[`${d.part}-${d.level}`] ?? "verdictUnknown";
  return { ...(d.level === "danger" ? DANGER : WARNING), title };
}

/** Problems of the operator servers of the message's account, when it is an MSSanté account. */
async function serverProblems(accountId: string | undefined): Promise<number> {
  if (!accountId || !(await getSettings()).mssanteAccounts.includes(accountId)) return 0;
  const check = (await loadChecks())[accountId];
  return check ? check.servers.reduce((n, s) => n + s.problems.length, 0) : 0;
}

export async function displayedVerdict(tabId: number): Promise<DisplayedVerdict | undefined> {
  const list = await displayedMessages(tabId);
  const message = list[0];
  if (!message) return undefined;
  const status = await loadStatus();
  const base = { subject: message.subject, whitelistDate: status.generatedAt, whitelistFetchedAt: status.fetchedAt, look: lookOf(undefined, undefined) };
  if (list.length > 1) return { ...base, unavailable: translate("verdictSeveralMessages") };
  // The message is read once, for both checks (each read of an IMAP message not kept offline is a
  // server round trip). The signature is part of the state: an altered signed message must not look green.
  let raw: Uint8Array;
  try {
    raw = await rawMessage(message.id);
  } catch (err) {
    return { ...base, unavailable: translate("verdictUnreadable", [err instanceof Error ? err.message : String(err)]) };
  }
  let smime: Pick<DisplayedVerdict, "smime" | "smimeError">;
  try {
    smime = { smime: await checkSignature(message.id, raw) };
  } catch (err) {
    smime = { smimeError: err instanceof Error ? err.message : String(err) };
  }
  let verdict: Verdict | undefined;
  try {
    verdict = await verdictOf(message, undefined, raw.subarray(0, HEADER_BYTES + 1));
  } catch (err) {
    return { ...base, ...smime, unavailable: translate("verdictUnreadable", [err instanceof Error ? err.message : String(err)]) };
  }
  // Health documents: read from the same bytes; the add-on never changes the message.
  let xdm: XdmMessageResult | undefined;
  try {
    const read = await readXdmMessage(raw, undefined, translate);
    if (read.found) xdm = read;
  } catch (err) {
    console.warn("[mssante] documents de santé illisibles :", err);
  }
  // A signature check that could not be made says nothing reassuring: it counts as unverifiable.
  const signature = smime.smime ?? (smime.smimeError ? { status: "unsupported" } : undefined);
  const documents = xdm ? { ok: xdm.status === "ok", problems: xdm.problems.length } : undefined;
  const state = messageState({ verdict, signature, serverProblems: await serverProblems(message.folder?.accountId), documents });
  const look = lookOf(state, verdict?.category);
  const extra = xdm ? { xdm } : {};
  return verdict ? { ...base, ...smime, ...extra, verdict, state, look } : { ...base, ...smime, ...extra, state, look, unavailable: translate("verdictNoList") };
}

async function show(tabId: number): Promise<void> {
  const look = (await displayedVerdict(tabId))?.look ?? lookOf(undefined, undefined);
  await setDisplayButton(tabId, { ...look, title: translate(look.title) });
}

export const verdictDisplay: Feature = {
  name: "verdict-display",
  start() {
    onMessagesDisplayed((tabId) => inBackground("display", () => show(tabId)));
    handle("verdict:displayed", (payload) => displayedVerdict((payload as { tabId: number }).tabId));
  },
};
