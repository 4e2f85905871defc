// The message display for the features: which message a tab shows, the button next to it, and the
// add-on's toolbar button.
import type { MessageHeader } from "./mail.ts";

/** The messages a tab shows (several when the user selected several; none for an empty list). */
export async function displayedMessages(tabId: number): Promise<MessageHeader[]> {
  return (await messenger.messageDisplay.getDisplayedMessages(tabId)).messages;
}

/** Calls `listener` with the tab id whenever a tab shows other messages. Registers at once (event page). */
export function onMessagesDisplayed(listener: (tabId: number) => void): void {
  messenger.messageDisplay.onMessagesDisplayed.addListener((tab) => {
    if (tab.id !== undefined) listener(tab.id);
  });
}

/** The message display button's look in one tab (its title already translated). */
export async function setDisplayButton(tabId: number, look: { icon: string; badge: string; color: string; title: string }): Promise<void> {
  await Promise.all([
    messenger.messageDisplayAction.setIcon({ tabId, path: look.icon }),
    messenger.messageDisplayAction.setBadgeText({ tabId, text: look.badge }),
    messenger.messageDisplayAction.setBadgeBackgroundColor({ tabId, color: look.color }),
    messenger.messageDisplayAction.setTitle({ tabId, title: look.title }),
  ]);
}

/** The add-on's toolbar button (« Ajouter un compte MSSanté »). Registers at once (event page). */
export function onToolbarButtonClicked(listener: () => void): void {
  messenger.action.onClicked.addListener(() => listener());
}
