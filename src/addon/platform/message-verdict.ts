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
    translate,
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
