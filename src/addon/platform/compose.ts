// Thunderbird's compose, window and mail-tab APIs for the features (xdm-send, compose-guard, the
// popup's patient search, the directory's usual correspondents): the only place they are called.

export type ComposeDetails = messenger.compose.ComposeDetails;
export type ComposeRecipientList = messenger.compose.ComposeRecipientList;
export type ComposeTab = messenger.tabs.Tab;
/** What an onBeforeSend listener answers: cancel the send, or change the message first. */
export type BeforeSendAnswer = { cancel?: boolean; details?: ComposeDetails } | void | undefined;

/**
 * Calls `listener` before a message is sent; its answer can cancel the send or change the
 * message. Registers at once (event page).
 */
export function onBeforeSend(listener: (tab: ComposeTab, details: ComposeDetails) => Promise<BeforeSendAnswer>): void {
  messenger.compose.onBeforeSend.addListener((tab, details) => listener(tab, details));
}

/** Largest attachment read to compute headers: the XDM reader refuses more once inflated anyway. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

export async function composeAttachments(tabId: number): Promise<{ id: number; name: string; size: number | undefined }[]> {
  const list = await messenger.compose.listAttachments(tabId);
  return list.map((a) => ({ id: a.id, name: a.name ?? "", size: a.size }));
}

/** The bytes of an attachment of the message being composed (a file on disk, read once). */
export async function composeAttachmentBytes(id: number): Promise<Uint8Array> {
  const file = await messenger.compose.getAttachmentFile(id);
  if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(messenger.i18n.getMessage("composeAttachmentTooLarge", [String(Math.round(file.size / 1048576))]));
  return new Uint8Array(await file.arrayBuffer());
}

/** A small window of the add-on's own (a page under ui/), as the compose warning opens. */
export async function openDialog(path: string, width: number, height: number): Promise<number | undefined> {
  const win = await messenger.windows.create({ type: "popup", url: messenger.runtime.getURL(path), width, height });
  return win.id;
}

/** Whether a window is still open (a parent API call: it also keeps an MV3 event page awake). */
export async function windowOpen(windowId: number): Promise<boolean> {
  try {
    await messenger.windows.get(windowId);
    return true;
  } catch {
    return false;
  }
}

export function closeWindow(windowId: number): Promise<void> {
  return messenger.windows.remove(windowId);
}

export function onWindowClosed(listener: (windowId: number) => void): void {
  messenger.windows.onRemoved.addListener(listener);
}

/**
 * Thunderbird's own Quick Filter in the mail tab that shows the message: the message list then
 * holds only the messages whose subject, sender or recipients contain every word of `text`.
 * A message opened in a tab or window of its own has no list: the main window's mail tab is used,
 * on the message's folder.
 */
export async function quickFilter(tabId: number, text: string, folderId: string | undefined): Promise<number> {
  let mailTabId: number | undefined;
  const tab = await messenger.tabs.get(tabId);
  if (tab.type === "mail") mailTabId = tabId;
  else {
    const [main] = await messenger.mailTabs.query({});
    if (!main) throw new Error("aucun onglet de courrier ouvert");
    mailTabId = main.tabId;
    if (folderId) await messenger.mailTabs.update(mailTabId, { displayedFolderId: folderId });
    await messenger.tabs.update(mailTabId, { active: true });
  }
  await messenger.mailTabs.setQuickFilter(mailTabId, { show: true, text: { text, subject: true, author: true, recipients: true } });
  return mailTabId;
}

/** The folder of the message shown in a tab (for the Quick Filter of a standalone message). */
export async function displayedFolderId(tabId: number): Promise<string | undefined> {
  const shown = await messenger.messageDisplay.getDisplayedMessages(tabId);
  return shown.messages[0]?.folder?.id;
}

/** A message sent: its recipients, and for a reply those Thunderbird copied from the message replied to. */
export interface SentMessage {
  /** To/Cc/Bcc, as Thunderbird gives them. */
  recipients: string[];
  /**
   * For a reply, the To and Cc of the message replied to (a reply-all copies them); undefined when
   * that message could not be read. Empty for a new message or a forward.
   */
  copiedFromReplied: string[] | undefined;
}

/**
 * Calls `listener` for every message actually sent or queued for later; failed sends are not
 * reported. Registers at once (event page).
 */
export function onMessageSent(listener: (sent: SentMessage) => void | Promise<void>): void {
  messenger.compose.onAfterSend.addListener(async (_tab, info) => {
    if (info.error) return;
    const d = info.details;
    const list = (l: messenger.compose.ComposeRecipientList | undefined): string[] => (l === undefined ? [] : (Array.isArray(l) ? l : [l]).filter((r): r is string => typeof r === "string"));
    let copiedFromReplied: string[] | undefined = [];
    if (d?.type === "reply" && d.relatedMessageId !== undefined) {
      const replied = await messenger.messages.get(d.relatedMessageId).catch(() => undefined);
      copiedFromReplied = replied ? [...replied.recipients, ...replied.ccList] : undefined;
    }
    return listener({ recipients: [...list(d?.to), ...list(d?.cc), ...list(d?.bcc)], copiedFromReplied });
  });
}
