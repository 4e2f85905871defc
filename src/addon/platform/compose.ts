// Compose events the features need, typed, with only what they use.

/**
 * Calls `listener` with the To/Cc/Bcc recipients (as Thunderbird gives them) of every message
 * actually sent or queued for later; failed sends are not reported. Registers at once (event page).
 */
export function onMessageSent(listener: (recipients: string[]) => void | Promise<void>): void {
  messenger.compose.onAfterSend.addListener((_tab, info) => {
    if (info.error) return;
    const d = info.details;
    const list = (l: messenger.compose.ComposeRecipientList | undefined): string[] => (l === undefined ? [] : (Array.isArray(l) ? l : [l]).filter((r): r is string => typeof r === "string"));
    return listener([...list(d?.to), ...list(d?.cc), ...list(d?.bcc)]);
  });
}
