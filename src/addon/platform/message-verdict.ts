// The verdict of one message as Thunderbird has it now: its header block read from the store,
// against the white list kept and the user's settings. Here, beside signature-verify.ts, because
// both the marking (features/trust-marking) and the display (features/verdict-display.ts) need
// the same answer, and a feature never imports another one.
import { computeVerdict, type AccountKind, type Verdict } from "../../core/trust/verdict.ts";
import { accountDomain, rawHead, translate, type ListedMessage } from "./mail.ts";
import { getSettings, type Settings } from "./settings.ts";
import { addonVersion } from "./runtime.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";

export function accountKind(settings: Settings, accountId: string | undefined): AccountKind {
  return accountId && settings.mssanteAccounts.includes(accountId) ? "mssante" : "other";
}

// The reasons' texts, kept: a scan asks for the same few texts thousands of times, and each
// i18n.getMessage call goes through Thunderbird's localisation (8 % of the add-on's time in a scan,
// profiled). The add-on's language is fixed for the session. Bounded: texts with parameters (an
// address, a domain) vary, so the memo is emptied when it holds MEMO_MAX of them.
const MEMO_MAX = 2000;
const memo = new Map<string, string>();
function translateKept(key: string, subs?: string[]): string {
  // JSON: unambiguous whatever the parameters hold (a hostile header's NUL or quotes included).
  const id = subs ? JSON.stringify([key, subs]) : key;
  let text = memo.get(id);
  if (text === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(id, (text = translate(key, subs)));
  }
  return text;
}

/** The verdict of one message, from its raw header block, against the current list. */
export async function verdictOf(
  message: Pick<ListedMessage, "id" | "folder">,
  settings?: Settings,
  head?: Uint8Array,
  domainOf: (accountId: string) => Promise<string | undefined> = accountDomain,
): Promise<Verdict | undefined> {
  const whitelist = await loadWhitelist();
  if (!whitelist) return undefined;
  const s = settings ?? (await getSettings());
  const accountId = message.folder?.accountId;
  const account = accountKind(s, accountId);
  return computeVerdict({
    headers: head ?? (await rawHead(message.id)),
    whitelist,
    account,
    accountDomain: account === "mssante" && accountId ? await domainOf(accountId) : undefined,
    overrides: s.overrides,
    translate: translateKept,
  });
}

/**
 * Everything a stored verdict and its tag depend on, for one account. A verdict computed from other
 * inputs (an older white list, other overrides, the account's kind changed, "mark ordinary mail",
 * another version of the add-on) is stale: the message is classified again and its tag follows.
 */
export function verdictInputs(settings: Settings, whitelistDate: string, accountId: string | undefined): string {
  const overrides = Object.entries(settings.overrides).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([whitelistDate, overrides, accountKind(settings, accountId), settings.markOrdinaryOutside, addonVersion()]);
}
