// Thin, typed access to Thunderbird's mail APIs for the features.
export type MessageHeader = messenger.messages.MessageHeader;

/** Enough of the raw message for any header block (the verdict reports larger ones). */
export const HEADER_BYTES = 1024 * 1024;

/**
 * The first `maxBytes` bytes of the raw message, through messages.getRaw (a File: only that much is
 * copied; an older Thunderbird's binary string, one char per byte, is cut the same way).
 */
export async function rawBytes(messageId: number, maxBytes: number): Promise<Uint8Array> {
  const raw = await messenger.messages.getRaw(messageId, { data_format: "File" });
  if (typeof raw === "string") return binaryBytes(raw.slice(0, maxBytes));
  return new Uint8Array(await raw.slice(0, maxBytes).arrayBuffer());
}

/**
 * A binary string (one char per byte) as bytes. An index loop: Uint8Array.from(string, fn) walks the
 * string through its iterator, one call per char, 15 % of the add-on's time in a scan (profiled).
 */
function binaryBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function rawHead(messageId: number): Promise<Uint8Array> {
  return rawBytes(messageId, HEADER_BYTES + 1);
}

// Messages per call of the mssanteMessageHeads Experiment (its schema's maxItems).
const HEADS_PER_CALL = 200;

interface MessageHeadsApi {
  offlineHeads(messageIds: number[], maxBytes: number): Promise<(string | null)[]>;
}
const headsApi = () => (messenger as unknown as { mssanteMessageHeads?: MessageHeadsApi }).mssanteMessageHeads;

/**
 * The header blocks of these messages, up to HEADER_BYTES (+1, so that a longer block shows as
 * truncated), in order. Messages Thunderbird keeps on disk are read there, head only, through the
 * mssanteMessageHeads Experiment (the same bytes getRaw would give first, without the body); the
 * others, or all of them without the Experiment, through messages.getRaw (not with `diskOnly`). A
 * message that cannot be read is left undefined.
 */
export async function rawHeads(messageIds: number[], diskOnly = false): Promise<(Uint8Array | undefined)[]> {
  const out: (Uint8Array | undefined)[] = new Array(messageIds.length);
  const api = headsApi();
  if (api) {
    for (let i = 0; i < messageIds.length; i += HEADS_PER_CALL) {
      const heads = await api.offlineHeads(messageIds.slice(i, i + HEADS_PER_CALL), HEADER_BYTES + 1).catch((err: unknown) => {
        // Not fatal: every message is then read the stable way below.
        console.warn("[mssante] lecture des en-têtes sur le disque impossible :", err);
        return [];
      });
      heads.forEach((h, j) => {
        if (typeof h === "string") out[i + j] = binaryBytes(h);
      });
    }
  }
  // `diskOnly`: the caller will come back for the others (a scan, while Thunderbird copies them).
  if (diskOnly && api) return out;
  // The others from the server, a few at a time (Thunderbird keeps up to 5 IMAP connections).
  for (let i = 0; i < messageIds.length; i += GETRAW_CONCURRENCY) {
    await Promise.all(
      messageIds.slice(i, i + GETRAW_CONCURRENCY).map(async (id, j) => {
        if (out[i + j]) return;
        try {
          out[i + j] = await rawHead(id);
        } catch (err) {
          // Deleted meanwhile, server gone: left undefined, the caller retries it next time.
          console.warn(`[mssante] message ${id} non lu :`, err);
        }
      }),
    );
  }
  return out;
}
const GETRAW_CONCURRENCY = 5;

/** Every message of a list, following continuation pages. */
export async function* pages(first: messenger.messages.MessageList): AsyncGenerator<MessageHeader[]> {
  let page: messenger.messages.MessageList | undefined = first;
  while (page) {
    yield page.messages;
    page = page.id ? await messenger.messages.continueList(page.id) : undefined;
  }
}

export function listFolder(folderId: string): Promise<messenger.messages.MessageList> {
  return messenger.messages.list(folderId);
}

/** A message as a folder scan needs it: what the listing Experiment gives (messages.list gives more). */
export interface ListedMessage {
  id: number;
  headerMessageId: string;
  tags: string[];
  folder?: { accountId?: string; path?: string };
}
interface MessageListApi {
  releaseFolder(folderId: string): Promise<boolean>;
  listMessages(folderId: string, afterKey: number, max: number): Promise<{ messages: { id: number; headerMessageId: string; tags: string[] }[]; lastKey: number | null }>;
}
const listApi = () => (messenger as unknown as { mssanteMessageList?: MessageListApi }).mssanteMessageList;
// Messages per call of the mssanteMessageList Experiment (at most its schema's 1000).
const LISTED_PER_CALL = 500;

/**
 * A folder's messages, page by page, reduced to what a scan needs: through the mssanteMessageList
 * Experiment (messages.list converts each message in full, about 1 ms each in Thunderbird's main
 * thread, and holds the whole folder converted until it is read); without it, or if its first call
 * fails, through messages.list. A failure after the first page is thrown: the scan says it stopped.
 */
export async function* folderMessages(folder: messenger.folders.MailFolder): AsyncGenerator<ListedMessage[]> {
  const api = listApi();
  if (api && folder.id) {
    const where = { accountId: folder.accountId, path: folder.path };
    let page;
    try {
      page = await api.listMessages(folder.id, -1, LISTED_PER_CALL);
    } catch (err) {
      // Not fatal: the stable API below lists the same messages.
      console.warn("[mssante] liste rapide des messages impossible, liste complète :", err);
    }
    if (page) {
      for (;;) {
        yield page.messages.map((m) => ({ ...m, folder: where }));
        if (page.lastKey === null) return;
        page = await api.listMessages(folder.id, page.lastKey, LISTED_PER_CALL);
      }
    }
  }
  yield* pages(await listFolder(folder.id));
}

/**
 * Once a scan is done with a folder: its message database closed again if the listing opened it
 * (mssanteMessageList). Without the Experiment there is nothing to release (messages.list keeps
 * nothing of ours). Says whether it was closed.
 */
export async function releaseFolder(folder: messenger.folders.MailFolder): Promise<boolean> {
  const api = listApi();
  return api && folder.id ? api.releaseFolder(folder.id) : false;
}

export async function allFolders(): Promise<messenger.folders.MailFolder[]> {
  return messenger.folders.query({});
}

export async function setTags(messageId: number, tags: string[]): Promise<void> {
  await messenger.messages.update(messageId, { tags });
}

/** One message's tags, before and after (only the add-on's own tags differ). */
export interface TagChange {
  messageId: number;
  current: string[];
  next: string[];
}
interface MessageTagsApi {
  changeTags(changes: { messageId: number; add: string[]; remove: string[] }[]): Promise<boolean[]>;
}
const tagsApi = () => (messenger as unknown as { mssanteMessageTags?: MessageTagsApi }).mssanteMessageTags;
// The mssanteMessageTags Experiment's schema bound.
const TAG_CHANGES_PER_CALL = 500;
const UPDATE_CONCURRENCY = 5;

/**
 * Applies many tag changes: through the mssanteMessageTags Experiment, a batch per call (a scan
 * tags thousands of messages; messages.update takes one per call); without it, or if it fails, one
 * messages.update per message. Says, in order, whether each change was applied; a message that
 * cannot be changed (deleted meanwhile) is skipped, and the next pass retries it.
 */
export async function changeTags(changes: TagChange[]): Promise<boolean[]> {
  const api = tagsApi();
  const applied: boolean[] = new Array<boolean>(changes.length).fill(false);
  let from = 0;
  if (api) {
    try {
      for (; from < changes.length; from += TAG_CHANGES_PER_CALL) {
        const slice = changes.slice(from, from + TAG_CHANGES_PER_CALL);
        const done = await api.changeTags(
          slice.map((c) => ({ messageId: c.messageId, add: c.next.filter((t) => !c.current.includes(t)), remove: c.current.filter((t) => !c.next.includes(t)) })),
        );
        done.forEach((ok, j) => (applied[from + j] = ok));
      }
      return applied;
    } catch (err) {
      // Not fatal: what is left goes through the stable API.
      console.warn("[mssante] étiquettes par lot impossibles, une par une :", err);
    }
  }
  for (let i = from; i < changes.length; i += UPDATE_CONCURRENCY) {
    const results = await Promise.allSettled(changes.slice(i, i + UPDATE_CONCURRENCY).map((c) => setTags(c.messageId, c.next)));
    results.forEach((r, j) => {
      if (r.status === "fulfilled") applied[i + j] = true;
      else console.warn(`[mssante] étiquette du message ${changes[i + j]!.messageId} non posée :`, r.reason);
    });
  }
  return applied;
}

export async function ensureTag(key: string, label: string, color: string): Promise<void> {
  const existing = await messenger.messages.tags.list();
  const tag = existing.find((t) => t.key === key);
  if (!tag) await messenger.messages.tags.create(key, label, color);
  else if (tag.tag !== label || tag.color.toUpperCase() !== color.toUpperCase()) await messenger.messages.tags.update(key, { tag: label, color });
}

export async function accountDomain(accountId: string): Promise<string | undefined> {
  const account = await messenger.accounts.get(accountId, false);
  const email = account?.identities[0]?.email;
  return email?.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export async function accountIdentities(): Promise<{ accountId: string; email: string }[]> {
  const accounts = await messenger.accounts.list(false);
  return accounts.flatMap((a) => a.identities.flatMap((i) => (i.email ? [{ accountId: a.id, email: i.email }] : [])));
}

export async function identityAccount(identityId: string): Promise<string | undefined> {
  const identity = await messenger.identities.get(identityId);
  return identity?.accountId;
}

/**
 * Calls `listener` with the messages new in any folder (not only inboxes), once filters and junk
 * classification are done. Registers at once (event page).
 */
export function onNewMail(listener: (messages: messenger.messages.MessageList) => void | Promise<void>): void {
  messenger.messages.onNewMailReceived.addListener((_folder, messages) => listener(messages), true);
}

/** The INBOX of an account, once Thunderbird knows it (it discovers folders on first login). */
export async function inboxOf(accountId: string): Promise<messenger.folders.MailFolder | undefined> {
  const [inbox] = await messenger.folders.query({ accountId, specialUse: ["inbox"] });
  return inbox;
}

export type MessageList = messenger.messages.MessageList;

export function translate(key: string, subs?: string[]): string {
  return messenger.i18n.getMessage(key, subs);
}
