// What the add-on's pages (src/ui) ask of Thunderbird themselves: their strings and language, the
// add-on's version, the tab the popup opened over, the mail accounts to choose from. Everything
// else goes through the background: commands (contract.ts, rpc.ts) and live progress
// (onPageEvent, sent by page-events.ts).
export { addonVersion } from "./runtime.ts";
export { onPageEvent } from "./page-events.ts";

/** A message from _locales, in the user's language. */
export function t(key: string, subs?: string[]): string {
  return messenger.i18n.getMessage(key, subs);
}

export function uiLanguage(): string {
  return messenger.i18n.getUILanguage();
}

/** The active tab of the current window (the message the popup is about). */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The mail accounts, without the local folders ("none" accounts). */
export async function mailAccounts(): Promise<{ id: string; name: string }[]> {
  return (await messenger.accounts.list(false)).filter((a) => a.type !== "none").map((a) => ({ id: a.id, name: a.name }));
}
