// Every message gets a verdict: new mail as it arrives, existing folders by a background scan
// (on first install and on demand) that is resumable and never classifies a message twice.
// Untrusted messages get the add-on's tags; tags are the only change made to messages.
import { computeVerdict, type AccountKind, type Verdict } from "../../core/trust/verdict.ts";
import { ALL_TAG_KEYS, mergeTags, TAGS, tagFor } from "../../core/trust/marking.ts";
import { lookup } from "../../core/trust/whitelist.ts";
import { accountDomain, accountIdentities, allFolders, changeTags, ensureTag, onNewMail, listFolder, pages, rawHead, rawHeads, translate, type MessageHeader, type TagChange } from "../platform/mail.ts";
import { getSettings, onSettingsChanged, updateSettings, type Settings } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { loadWhitelist } from "../storage/whitelist-store.ts";
import { clearVerdicts, dropLegacyVerdicts, getVerdicts, pruneVerdicts, putVerdicts, verdictKey, type StoredVerdict } from "../storage/verdict-store.ts";
import { onWhitelistUpdated } from "./whitelist-refresh.ts";
import { checkSignature, signatureInputs } from "../platform/signature-verify.ts";
import { onSignatureInputsChanged } from "../storage/pki-store.ts";
import { announcesSignature, messageState } from "../../core/state/message-state.ts";
import type { Feature } from "./feature.ts";
import { localGet, localSet } from "../platform/storage.ts";
import { addonVersion, onInstalled } from "../platform/runtime.ts";
import type { ScanState } from "../platform/contract.ts";

const EMPTY_SCAN: Readonly<ScanState> = { running: false, foldersDone: [], foldersTotal: 0, examined: 0, classified: 0, tagged: 0, waitingForList: false };

export async function loadScan(): Promise<ScanState> {
  return { ...EMPTY_SCAN, ...(((await localGet("scan")) as Partial<ScanState> | undefined) ?? {}) };
}
async function saveScan(s: ScanState): Promise<void> {
  await localSet({ scan: s });
}

export function accountKind(settings: Settings, accountId: string | undefined): AccountKind {
  return accountId && settings.mssanteAccounts.includes(accountId) ? "mssante" : "other";
}

/** The verdict of one message, from its raw header block, against the current list. */
export async function verdictOf(
  message: MessageHeader,
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

async function ensureTags(): Promise<void> {
  for (const t of Object.values(TAGS)) await ensureTag(t.key, translate(t.label), t.color);
}

// Messages read at once: each read is a server round trip; Thunderbird keeps up to 5 IMAP
// connections per account.
const CONCURRENCY = 5;

/**
 * Everything a stored verdict and its tag depend on, for one account. A verdict computed from other
 * inputs (an older white list, other overrides, the account's kind changed, "mark ordinary mail",
 * another version of the add-on) is stale: the message is classified again and its tag follows.
 */
export function verdictInputs(settings: Settings, whitelistDate: string, accountId: string | undefined): string {
  const overrides = Object.entries(settings.overrides).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([whitelistDate, overrides, accountKind(settings, accountId), settings.markOrdinaryOutside, addonVersion()]);
}

// What signed messages' verdicts depend on, computed once until it changes (not once per batch:
// it asks the certificate store).
let signatureInputsMemo: Promise<string> | undefined;
const currentSignatureInputs = () => (signatureInputsMemo ??= signatureInputs().catch((err: unknown) => {
  signatureInputsMemo = undefined;
  throw err;
}));

/** Classifies messages not classified yet (or classified from other inputs); returns the counts. */
export async function classify(
  messages: MessageHeader[],
  force = false,
  diskOnly = false,
): Promise<{ classified: number; tagged: number; waiting: boolean; notOnDisk: MessageHeader[]; unread: MessageHeader[] }> {
  const settings = await getSettings();
  const whitelist = await loadWhitelist();
  if (!whitelist) return { classified: 0, tagged: 0, waiting: messages.length > 0, notOnDisk: [], unread: [] };
  const keys = messages.map(verdictKey);
  const stored = force ? {} : await getVerdicts(keys);
  const sigInputs = await currentSignatureInputs();
  const known: Record<string, StoredVerdict | undefined> = {};
  messages.forEach((m, i) => {
    const v = stored[keys[i]!];
    // A signed message's tag also depends on the anchors and CRLs (signatureInputs).
    const fresh = v && v.inputs === verdictInputs(settings, whitelist.generatedAt, m.folder?.accountId) && (v.signature === undefined || v.signature === sigInputs);
    if (fresh) known[keys[i]!] = v;
  });
  const fresh: Record<string, StoredVerdict> = {};
  let tagged = 0;
  // Tags are changed for the whole batch at once, after its verdicts (one call, not one per message).
  const changes: { change: TagChange; key: string; tagged: boolean }[] = [];
  const failed: MessageHeader[] = [];
  // One look-up per account and batch, not one per message.
  const domains = new Map<string, Promise<string | undefined>>();
  const domainOf = (accountId: string) => {
    let d = domains.get(accountId);
    if (!d) domains.set(accountId, (d = accountDomain(accountId)));
    return d;
  };
  const one = async (message: MessageHeader, key: string, head: Uint8Array) => {
    let verdict: Verdict | undefined;
    let signatureDanger = false;
    let signed = false;
    try {
      verdict = await verdictOf(message, settings, head, domainOf);
      // Signed messages only are read whole: the tag must follow the signature too (an altered
      // signed message is not left looking like any professional's message in the list).
      if (verdict && announcesSignature(new TextDecoder("latin1").decode(head.subarray(0, 64 * 1024)))) {
        signed = true;
        const state = messageState({ verdict, signature: await checkSignature(message.id) });
        signatureDanger = state.decisive?.part === "signature" && state.level === "danger";
      }
    } catch (err) {
      // A message that cannot be read (deleted meanwhile, server gone) is retried next time.
      console.warn(`[mssante] message ${message.id} non analysé :`, err);
      failed.push(message);
      return;
    }
    if (!verdict) return;
    const trustTag = tagFor(verdict, accountKind(settings, message.folder?.accountId), settings.markOrdinaryOutside);
    // Impersonation stays the strongest warning; a broken signature comes next.
    const tag = signatureDanger && trustTag !== TAGS.impersonation.key ? TAGS.signature.key : trustTag;
    const tags = mergeTags(message.tags, tag);
    if (tags.join() !== message.tags.join()) changes.push({ change: { messageId: message.id, current: message.tags, next: tags }, key, tagged: !!tag });
    fresh[key] = {
      trusted: verdict.trusted,
      category: verdict.category,
      codes: verdict.reasons.map((r) => r.code),
      whitelistDate: verdict.whitelistDate,
      tag,
      inputs: verdictInputs(settings, whitelist.generatedAt, message.folder?.accountId),
      ...(signed ? { signature: sigInputs } : {}),
    };
  };
  // A few messages at a time: reading each one is a server round trip, and Thunderbird keeps
  // several IMAP connections per account.
  const todo = messages.map((m, i) => [m, keys[i]!] as const).filter(([, key]) => !known[key]);
  // Header blocks only, all of the batch at once (from disk when Thunderbird has them there); a
  // message that cannot be read (deleted meanwhile, server gone) is retried next time.
  const heads = await rawHeads(todo.map(([m]) => m.id), diskOnly);
  for (let i = 0; i < todo.length; i += CONCURRENCY) {
    await Promise.all(todo.slice(i, i + CONCURRENCY).map(([m, key], j) => (heads[i + j] ? one(m, key, heads[i + j]!) : undefined)));
  }
  const applied = await changeTags(changes.map((c) => c.change));
  changes.forEach((c, i) => {
    if (applied[i]) tagged += c.tagged ? 1 : 0;
    // A message whose tag could not be changed keeps no verdict: the next pass tries it again.
    else delete fresh[c.key];
  });
  await putVerdicts(fresh);
  const missing = todo.filter((_, i) => !heads[i]).map(([m]) => m);
  // Not on disk yet (the caller comes back for them) or, read from the server, unread this time.
  return diskOnly
    ? { classified: Object.keys(fresh).length, tagged, waiting: false, notOnDisk: missing, unread: failed }
    : { classified: Object.keys(fresh).length, tagged, waiting: false, notOnDisk: [], unread: [...missing, ...failed] };
}

// Between batches the scan yields, so that Thunderbird (same process as the add-on) stays fluid.
// 50: header blocks are read in one call per batch and held until its verdicts are stored; at
// most 1 MiB each (HEADER_BYTES), so a batch never holds more than 50 MiB, usually a few hundred KiB.
const BATCH = 50;
// The progress shown in the options page is written at most this often (and at the end).
const PROGRESS_EVERY_MS = 1000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNREAD_RETRY_MS = 5000;
let scanning: Promise<ScanState> | undefined;
let cancelRequested = false;

let scanAgain = false;

export function scanAll(restart = false): Promise<ScanState> {
  scanning ??= runScan(restart).finally(() => (scanning = undefined));
  return scanning;
}

/**
 * A full pass after an input changed. During a pass, the messages already done were classified from
 * the old inputs: one more pass follows (it reads only the messages whose verdict is stale).
 */
function rescan(): Promise<ScanState> {
  if (scanning) {
    scanAgain = true;
    return scanning;
  }
  return scanAll(true).then((state) => {
    if (!scanAgain) return state;
    scanAgain = false;
    return rescan();
  });
}

async function runScan(restart: boolean): Promise<ScanState> {
  cancelRequested = false;
  const previous = await loadScan();
  // Fresh arrays: the state is mutated as folders are done, and must never share EMPTY_SCAN's.
  const state: ScanState =
    restart || !previous.running
      ? { ...EMPTY_SCAN, foldersDone: [], running: true, startedAt: new Date().toISOString() }
      : { ...previous, foldersDone: [...previous.foldersDone], running: true, error: undefined };
  try {
    return await scanFolders(state);
  } catch (err) {
    // A failed scan must not stay "running" for ever: the options page says it stopped, and why.
    state.running = false;
    state.currentFolder = undefined;
    state.error = err instanceof Error ? err.message : String(err);
    await saveScan(state);
    throw err;
  }
}

async function scanFolders(state: ScanState): Promise<ScanState> {
  await ensureTags();
  const folders = (await allFolders()).filter((f) => !f.isVirtual);
  state.foldersTotal = folders.length;
  await saveScan(state);
  // A pass that goes through every folder from the start sees every message that exists: the
  // verdicts of the others (deleted, moved) are dropped at its end. A resumed pass cannot tell.
  const seen: Set<string> | undefined = state.foldersDone.length === 0 ? new Set() : undefined;
  let savedAt = Date.now();
  let later: MessageHeader[] = [];
  let unread: MessageHeader[] = [];
  state.unread ??= 0;
  for (const folder of folders) {
    if (state.foldersDone.includes(folder.id)) continue;
    state.currentFolder = folder.path;
    for await (const page of pages(await listFolder(folder.id))) {
      for (let i = 0; i < page.length; i += BATCH) {
        if (cancelRequested) {
          await saveScan(state);
          return state;
        }
        const batch = page.slice(i, i + BATCH);
        if (seen) for (const m of batch) seen.add(verdictKey(m));
        // Messages on disk first: those Thunderbird is still copying (a new IMAP account) are cheaper
        // read once its copy is done than fetched one by one from the server now.
        const r = await classify(batch, false, true);
        later.push(...r.notOnDisk);
        unread.push(...r.unread);
        state.examined += batch.length - r.notOnDisk.length;
        state.classified += r.classified;
        state.tagged += r.tagged;
        state.waitingForList ||= r.waiting;
        if (Date.now() - savedAt >= PROGRESS_EVERY_MS) {
          await saveScan(state);
          savedAt = Date.now();
        }
        await pause(5);
      }
    }
    // Then the folder's others, as Thunderbird's copy brings them to disk; when a round finds
    // nothing new on disk (no offline copy for this folder, or it stalled), from the server.
    let idleRounds = 0;
    while (later.length > 0) {
      const fromServer = idleRounds >= 2;
      const still: MessageHeader[] = [];
      for (let i = 0; i < later.length; i += BATCH) {
        if (cancelRequested) {
          await saveScan(state);
          return state;
        }
        const batch = later.slice(i, i + BATCH);
        const r = await classify(batch, false, !fromServer);
        still.push(...r.notOnDisk);
        unread.push(...r.unread);
        state.examined += batch.length - r.notOnDisk.length;
        state.classified += r.classified;
        state.tagged += r.tagged;
        // The options page follows this phase too (it can last while Thunderbird copies a large folder).
        if (Date.now() - savedAt >= PROGRESS_EVERY_MS) {
          await saveScan(state);
          savedAt = Date.now();
        }
        await pause(5);
      }
      idleRounds = still.length === later.length ? idleRounds + 1 : 0;
      later = still;
      if (later.length > 0 && !fromServer) await pause(1000);
      if (fromServer) break;
    }
    later = [];
    // Messages the server did not give (busy copying the folder offline, a timeout): once more
    // after a pause, then counted as unread; the options page says so and the next pass retries.
    if (unread.length > 0 && !cancelRequested) {
      await pause(UNREAD_RETRY_MS);
      const retry = unread;
      unread = [];
      for (let i = 0; i < retry.length; i += BATCH) {
        const r = await classify(retry.slice(i, i + BATCH), false, false);
        state.classified += r.classified;
        state.tagged += r.tagged;
        unread.push(...r.unread);
      }
      state.unread += unread.length;
      unread = [];
    }
    state.foldersDone.push(folder.id);
  }
  if (seen && !state.waitingForList) await pruneVerdicts(seen);
  state.running = false;
  state.currentFolder = undefined;
  state.finishedAt = new Date().toISOString();
  await saveScan(state);
  return state;
}

/**
 * Removes every tag the add-on set, in one go (the options page asks first). The stored verdicts
 * go too: a new analysis puts the tags back, so the warnings are never lost for good.
 */
export async function removeOurTags(): Promise<number> {
  let removed = 0;
  // Folder by folder, the listing filtered here: messages.query by tag took about 40 s for 8,000
  // tagged messages (bench/scan-thunderbird.ts), a listing of 10,000 a fraction of a second.
  for (const folder of (await allFolders()).filter((f) => !f.isVirtual)) {
    for await (const page of pages(await listFolder(folder.id))) {
      const ours = page.filter((m) => m.tags.some((t) => ALL_TAG_KEYS.includes(t)));
      if (ours.length === 0) continue;
      const applied = await changeTags(ours.map((m) => ({ messageId: m.id, current: m.tags, next: m.tags.filter((t) => !ALL_TAG_KEYS.includes(t)) })));
      removed += applied.filter(Boolean).length;
    }
  }
  await clearVerdicts();
  await saveScan({ ...(await loadScan()), finishedAt: undefined, examined: 0, classified: 0, tagged: 0 });
  return removed;
}

/** On first start, accounts whose address is in the white list are MSSanté accounts. */
async function presetAccounts(): Promise<void> {
  const settings = await getSettings();
  const whitelist = await loadWhitelist();
  if (settings.mssanteAccountsPreset || !whitelist) return;
  const ids = new Set(settings.mssanteAccounts);
  for (const { accountId, email } of await accountIdentities()) {
    if (lookup(whitelist, email.slice(email.lastIndexOf("@") + 1))) ids.add(accountId);
  }
  await updateSettings({ mssanteAccounts: [...ids], mssanteAccountsPreset: true });
}

let lastInputs: string | undefined;

export const trustMarking: Feature = {
  name: "trust-marking",
  start() {
    onNewMail(async (list) => {
      await ensureTags();
      for await (const page of pages(list)) {
        const r = await classify(page);
        // No list yet: remember to scan once it arrives.
        if (r.waiting) await saveScan({ ...(await loadScan()), waitingForList: true });
      }
    });
    onInstalled(({ reason }) => {
      if (reason === "install") inBackground("scan", () => scanAll(true));
    });
    onWhitelistUpdated(async () => {
      await presetAccounts();
      // A new list changes verdicts: every folder is gone through again, and only messages whose
      // stored verdict came from other inputs are read (the others are skipped at once).
      inBackground("scan", () => rescan());
    });
    // The same when the user changes what verdicts depend on (overrides, an account's kind, marking).
    onSettingsChanged((s) => {
      const inputs = JSON.stringify([s.overrides, [...s.mssanteAccounts].sort(), s.markOrdinaryOutside]);
      if (lastInputs !== undefined && inputs !== lastInputs) inBackground("scan", () => rescan());
      lastInputs = inputs;
    });
    // And for signed messages, when the anchors or the CRLs kept change (a root installed, a
    // revocation published): their « Signature invalide » tag follows.
    onSignatureInputsChanged(() => {
      signatureInputsMemo = undefined;
      inBackground("scan", () => rescan());
    });
    inBackground("scan", async () => {
      const s = await getSettings();
      lastInputs ??= JSON.stringify([s.overrides, [...s.mssanteAccounts].sort(), s.markOrdinaryOutside]);
    });
    handle("scan:start", () => {
      inBackground("scan", () => scanAll(true));
      return loadScan();
    });
    handle("scan:status", () => loadScan());
    handle("scan:cancel", async () => {
      cancelRequested = true;
      return loadScan();
    });
    handle("tags:remove", () => removeOurTags());
    // An interrupted scan (Thunderbird closed meanwhile) resumes where it stopped.
    inBackground("scan", async () => {
      await dropLegacyVerdicts();
      if ((await loadScan()).running) await scanAll(false);
    });
  },
};
