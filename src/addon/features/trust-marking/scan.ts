// The background scan of existing folders (on first install, on demand, and after an input of the
// verdicts changed): resumable where it stopped, cancellable from the options page, and it never
// reads a message whose stored verdict is still fresh (classify.ts skips it).
import { allFolders, folderMessages, releaseFolder, type ListedMessage } from "../../platform/mail.ts";
import type { ScanState } from "../../platform/contract.ts";
import { pruneVerdicts, verdictKey } from "../../storage/verdict-store.ts";
import { EMPTY_SCAN, loadScan, saveScan } from "../../storage/scan-store.ts";
import { classify } from "./classify.ts";
import { ensureTags } from "./tags.ts";

// Between batches the scan yields, so that Thunderbird (same process as the add-on) stays fluid.
// 250: a batch's verdicts are stored in one transaction and its tags changed in one call, whose
// cost in Thunderbird is mostly per call (one IMAP STORE per tag and folder); its header blocks are
// read 50 at a time and dropped once their verdicts are computed (classify.ts), so memory does not
// grow with it. Cancelling takes effect after the batch in progress (about a second).
const BATCH = 250;
// The progress shown in the options page is written at most this often (and at the end).
const PROGRESS_EVERY_MS = 1000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNREAD_RETRY_MS = 5000;
let scanning: Promise<ScanState> | undefined;
let cancelRequested = false;

let scanAgain = false;

/** Asks the running scan to stop after its current batch (its progress is kept: it can resume). */
export function cancelScan(): void {
  cancelRequested = true;
}

export function scanAll(restart = false): Promise<ScanState> {
  scanning ??= runScan(restart).finally(() => (scanning = undefined));
  return scanning;
}

/**
 * A full pass after an input changed. During a pass, the messages already done were classified from
 * the old inputs: one more pass follows (it reads only the messages whose verdict is stale).
 */
export function rescan(): Promise<ScanState> {
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
  let later: ListedMessage[] = [];
  let unread: ListedMessage[] = [];
  state.unread ??= 0;
  for (const folder of folders) {
    if (state.foldersDone.includes(folder.id)) continue;
    state.currentFolder = folder.path;
    // The folder's database, if the listing opened it, is closed again once the folder is done
    // (or the pass cancelled, or failed): a pass through hundreds of folders does not leave them
    // all open. Should that fail, the pass's own failure is the one said, this one logged beside it.
    let failure: unknown;
    try {
      for await (const page of folderMessages(folder)) {
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
        const still: ListedMessage[] = [];
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
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      await releaseFolder(folder).catch((err: unknown) => {
        if (failure === undefined) throw err;
        console.warn("[mssante] base de messages du dossier non refermée :", err);
      });
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

