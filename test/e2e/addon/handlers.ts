// Commands the bench can send to the test build. Each returns plain JSON.
export type Handler = (params: never) => Promise<unknown>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inboxOf(accountId: string): Promise<messenger.folders.MailFolder | undefined> {
  const folders = await messenger.folders.query({ accountId, specialUse: ["inbox"] });
  return folders[0];
}

async function listAll(folderId: string): Promise<messenger.messages.MessageHeader[]> {
  const out: messenger.messages.MessageHeader[] = [];
  let page = await messenger.messages.list(folderId);
  out.push(...page.messages);
  while (page.id) {
    page = await messenger.messages.continueList(page.id);
    out.push(...page.messages);
  }
  return out;
}

import { trustHandlers } from "./trust-handlers.ts";
import { directoryHandlers } from "./directory-handlers.ts";
import { signatureHandlers } from "./signature-handlers.ts";
import { serverHandlers } from "./server-handlers.ts";
import { accountHandlers } from "./account-handlers.ts";
import { optionsHandlers } from "./options-handlers.ts";
import { xdmHandlers } from "./xdm-handlers.ts";

export const handlers: Record<string, Handler> = {
  ...trustHandlers,
  ...directoryHandlers,
  ...signatureHandlers,
  ...serverHandlers,
  ...accountHandlers,
  ...optionsHandlers,
  ...xdmHandlers,
  async createAccount(params: messenger.testbed.AccountOptions) {
    return { accountId: await messenger.testbed.createAccount(params) };
  },

  /** Waits until the account's INBOX holds at least `atLeast` messages, syncing it meanwhile. */
  async waitForInbox(params: { accountId: string; atLeast: number; timeoutMs: number }) {
    const deadline = Date.now() + params.timeoutMs;
    let lastSync = 0;
    for (;;) {
      const inbox = await inboxOf(params.accountId);
      if (inbox) {
        if (Date.now() - lastSync > 3000) {
          lastSync = Date.now();
          await messenger.testbed.syncInbox(params.accountId);
        }
        // Counting messages of a placeholder INBOX (before IMAP discovery confirmed it) made the
        // count reach its target and then the messages "vanish" or the listing fail: wait for
        // the confirmed folder, the cause, not for a longer time.
        if (await messenger.testbed.inboxReady(params.accountId)) {
          const messages = await listAll(inbox.id);
          if (messages.length >= params.atLeast) {
            return messages.map((m) => ({ subject: m.subject, author: m.author, date: m.date }));
          }
        }
      }
      if (Date.now() > deadline) {
        const ready = await messenger.testbed.inboxReady(params.accountId);
        throw new Error(`INBOX of ${params.accountId} did not reach ${params.atLeast} messages in ${params.timeoutMs} ms${ready ? "" : " (never confirmed by the server)"}`);
      }
      await sleep(250);
    }
  },

  /** Fails inside the add-on, on purpose: the bench must report it, not hang. */
  async fail(params: { message: string }) {
    throw new Error(params.message);
  },

  /** An error nobody catches inside the add-on. */
  async crashLater(params: { message: string }) {
    setTimeout(() => {
      throw new Error(params.message);
    }, 10);
    return "scheduled";
  },

  /** Bench: « Minimize memory usage » in every process (an idle figure independent of the last collection). */
  async minimizeMemory() {
    await messenger.testbed.minimizeMemory();
    return "ok";
  },

  /** Bench: Thunderbird's memory reporters, by process and path prefix (bytes). */
  async memoryReport() {
    return JSON.parse(await messenger.testbed.memoryReport()) as Record<string, number>;
  },

  /** Bench: each child process's type by pid (to tell the add-on's process from web content). */
  async processTypes() {
    return JSON.parse(await messenger.testbed.processTypes()) as Record<string, string>;
  },

  /** Bench: the time one forced collection of Thunderbird's main process takes (ms), what mssanteMessageHeads pays every 1000 reads. */
  async collectionMs() {
    return messenger.testbed.collectionMs();
  },

  /** Bench: waits until gloda has had no indexing work for 2 s (at most `timeoutMs`); says whether it did. */
  async glodaSettled(params: { timeoutMs?: number }) {
    const until = Date.now() + (params.timeoutMs ?? 120000);
    let quietSince = Date.now();
    while (Date.now() < until) {
      if (await messenger.testbed.glodaBusy()) quietSince = Date.now();
      else if (Date.now() - quietSince >= 2000) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  },

  /** Bench peer: Thunderbird's own offline body search over the INBOX (reads every stored message). */
  async bodySearch(params: { accountId: string; text: string }) {
    return JSON.parse(await messenger.testbed.bodySearch(params.accountId, params.text)) as { hits: number; ms: number };
  },

  /** Bench: the Gecko profiler on every process, started and written to a file (bench/scan-thunderbird.ts --profile). */
  async profilerStart(params: { entries?: number }) {
    await messenger.testbed.profilerStart(params.entries ?? 16_000_000);
    return "ok";
  },

  async profilerStop(params: { path: string }) {
    await messenger.testbed.profilerStop(params.path);
    return "ok";
  },

  async quit() {
    await messenger.testbed.quit();
    return "quitting";
  },
};
