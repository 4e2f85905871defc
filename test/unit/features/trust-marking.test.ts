// Trust marking against a fake Thunderbird that throws on any API it does not fake: new mail as
// Thunderbird announces it (messages.onNewMailReceived), the scan and the tag removal as the
// options page asks for them (runtime.onMessage). What is checked is what the user would see: the
// tags on the messages, the tags created with their French names, the scan's progress.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeEvent, fakeThunderbird, settle, storedTestWhitelist, freshAddonPerTest } from "../../support/fake-thunderbird.ts";
import type { ScanState } from "../../../src/addon/platform/contract.ts";

const MESSAGES = join(import.meta.dirname, "../../fixtures/trust/messages");
const eml = (name: string) => readFileSync(join(MESSAGES, name), "latin1");
const FOLDER = { id: "account1://INBOX", accountId: "account1", path: "/INBOX" };

function bench(files: string[], userTags: Record<number, string[]> = {}, unreadable = new Set<number>(), experiments: Record<string, unknown> = {}) {
  const raw = new Map(files.map((f, i) => [i + 1, eml(f)]));
  const messages = files.map((f, i) => ({ id: i + 1, headerMessageId: `m${i + 1}@test`, subject: f, folder: FOLDER, tags: userTags[i + 1] ?? [] }));
  const tags = new Map<number, string[]>();
  const created: { key: string; label: string; color: string }[] = [];
  const onNewMailReceived = fakeEvent();
  const tb = fakeThunderbird(
    {
      messages: {
        onNewMailReceived,
        getRaw: async (id: number) => {
          // A server that does not give this message (busy, timing out), however often it is asked.
          if (unreadable.has(id)) throw new Error(`Error reading message ${id}`);
          return raw.get(id)!;
        },
        update: async (id: number, p: { tags: string[] }) => void tags.set(id, p.tags),
        list: async () => ({ messages: messages.map((m) => ({ ...m, tags: tags.get(m.id) ?? m.tags })) }),
        query: async (q: { tags: { tags: Record<string, boolean> } }) => {
          const key = Object.keys(q.tags.tags)[0]!;
          return { messages: messages.map((m) => ({ ...m, tags: tags.get(m.id) ?? m.tags })).filter((m) => m.tags.includes(key)) };
        },
        tags: {
          list: async () => created.map((t) => ({ key: t.key, tag: t.label, color: t.color, ordinal: "" })),
          create: async (key: string, label: string, color: string) => void created.push({ key, label, color }),
        },
      },
      folders: { query: async () => [FOLDER] },
      accounts: { get: async () => ({ id: "account1", identities: [{ email: "jean.dupont@medecin.mssante.fr" }] }) },
      ...experiments,
    },
    { whitelist: storedTestWhitelist(), settings: { mssanteAccounts: ["account1"], mssanteAccountsPreset: true } },
  );
  return { tb, messages, tags, created, onNewMailReceived };
}

async function startFeature() {
  const { trustMarking } = await import("../../../src/addon/features/trust-marking/index.ts");
  trustMarking.start();
  await settle();
}

// The verdicts the add-on keeps (its own IndexedDB), as the next pass will read them.
/** « Analyser tous les dossiers » as the options page asks it, and the state once the pass has ended (or the last seen after `ms`). */
async function scanFromOptions(b: ReturnType<typeof bench>, ms = 2000): Promise<ScanState | undefined> {
  await b.tb.call("scan:start");
  let state: ScanState | undefined;
  for (const end = Date.now() + ms; Date.now() < end && (!state || state.running || state.foldersDone.length === 0); ) {
    await new Promise((r) => setTimeout(r, 20));
    state = (await b.tb.call("scan:status")) as ScanState;
  }
  return state;
}

async function storedVerdicts(): Promise<{ key: string; category: string }[]> {
  const store = await import("../../../src/addon/storage/verdict-store.ts");
  const keys = await store.verdictKeys();
  const values = await store.getVerdicts(keys);
  return keys.map((key) => ({ key, category: values[key]!.category }));
}

describe("trust marking", () => {
  freshAddonPerTest();
  // A fresh IndexedDB per test: verdicts never leak from one test to the next.
  beforeEach(() => void vi.stubGlobal("indexedDB", new IDBFactory()));

  it("new mail in an MSSanté account: the outside sender is tagged, the listed professional is not, and the verdicts are kept", async () => {
    const b = bench(["exterieur.eml", "professionnel.eml", "nom-affiche-usurpe.eml"]);
    await startFeature();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.get(1)).toEqual(["mssante_hors_espace"]);
    expect(b.tags.has(2)).toBe(false);
    expect(b.tags.get(3)).toEqual(["mssante_usurpation"]);
    expect(b.created.map((t) => t.label)).toContain("Hors espace de confiance");
    expect((await storedVerdicts()).map((v) => v.category).sort()).toEqual(["impersonation", "outside", "professional"]);
    // The same mail announced again is not read again (its verdict is fresh).
    b.tags.clear();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.size).toBe(0);
  });

  it("the scan asked by the options page goes through the folders, keeps the user's own tags, and reports its counts", async () => {
    const b = bench(["exterieur.eml", "usager.eml", "professionnel.eml"], { 1: ["$label1"] });
    await startFeature();
    const state = await scanFromOptions(b);
    expect(state).toMatchObject({ running: false, examined: 3, tagged: 2, foldersDone: [FOLDER.id] });
    expect(b.tags.get(1)).toEqual(["$label1", "mssante_hors_espace"]);
    expect(b.tags.get(2)).toEqual(["mssante_usager"]);
  });

  it("with the listing Experiment, the scan reads the folder from it page by page and tags as through messages.list", async () => {
    const calls: [string, number, number][] = [];
    const ref: { b?: ReturnType<typeof bench> } = {};
    // Thunderbird's side: the messages above afterKey (key = id here), at most max, in key order.
    const listMessages = async (folderId: string, afterKey: number, max: number) => {
      calls.push([folderId, afterKey, max]);
      const rest = ref.b!.messages.filter((m) => m.id > afterKey);
      const page = rest.slice(0, 2);
      return { messages: page.map((m) => ({ id: m.id, headerMessageId: m.headerMessageId, tags: ref.b!.tags.get(m.id) ?? m.tags })), lastKey: rest.length > 2 ? page[1]!.id : null };
    };
    // The folder's database is released once the scan is done with it (the Experiment closes it if the listing opened it).
    const released: [string, number][] = [];
    const releaseFolder = async (folderId: string) => {
      released.push([folderId, calls.length]);
      return true;
    };
    const b = (ref.b = bench(["exterieur.eml", "usager.eml", "professionnel.eml"], { 1: ["$label1"] }, new Set(), { mssanteMessageList: { listMessages, releaseFolder } }));
    await startFeature();
    const state = await scanFromOptions(b);
    expect(state).toMatchObject({ running: false, examined: 3, tagged: 2, foldersDone: [FOLDER.id] });
    expect(b.tags.get(1)).toEqual(["$label1", "mssante_hors_espace"]);
    expect(b.tags.get(2)).toEqual(["mssante_usager"]);
    expect(b.tags.has(3)).toBe(false);
    // Two pages, the second one after the first page's last key.
    expect(calls.map(([f, after]) => [f, after])).toEqual([[FOLDER.id, -1], [FOLDER.id, 2]]);
    // Released once, after both pages were read.
    expect(released).toEqual([[FOLDER.id, 2]]);
    // The verdicts are kept under the same keys as through messages.list (folder and Message-ID).
    expect((await storedVerdicts()).map((v) => v.key).sort()).toEqual([1, 2, 3].map((i) => `v:account1/INBOX|m${i}@test`));
  });

  it("when the listing Experiment fails, the scan lists the folder through messages.list instead", async () => {
    const listMessages = async () => {
      throw new Error("NS_ERROR_FAILURE");
    };
    const b = bench(["exterieur.eml", "usager.eml"], {}, new Set(), { mssanteMessageList: { listMessages, releaseFolder: async () => false } });
    await startFeature();
    const state = await scanFromOptions(b);
    expect(state).toMatchObject({ running: false, examined: 2, tagged: 2, foldersDone: [FOLDER.id] });
    expect(b.tags.get(1)).toEqual(["mssante_hors_espace"]);
  });

  it("« retirer les étiquettes » removes only the add-on's tags and forgets the verdicts", async () => {
    const b = bench(["exterieur.eml"], { 1: ["$label1"] });
    await startFeature();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.get(1)).toEqual(["$label1", "mssante_hors_espace"]);
    expect(await b.tb.call("tags:remove")).toBe(1);
    expect(b.tags.get(1)).toEqual(["$label1"]);
    expect(await storedVerdicts()).toEqual([]);
  });

  it("a message the server does not give is tried again, then counted as unread; the others are tagged", async () => {
    const b = bench(["exterieur.eml", "usager.eml", "professionnel.eml"], {}, new Set([2]));
    await startFeature();
    // The scan waits for Thunderbird's offline copy twice (1 s each), then retries after 5 s.
    const state = await scanFromOptions(b, 15000);
    expect(state).toMatchObject({ running: false, classified: 2, tagged: 1, unread: 1, foldersDone: [FOLDER.id] });
    expect(b.tags.get(1)).toEqual(["mssante_hors_espace"]);
    expect(b.tags.has(2)).toBe(false);
    // No verdict kept for it: the next pass reads it again.
    expect((await storedVerdicts()).map((v) => v.key)).not.toContain("v:account1/INBOX|m2@test");
  }, 20000);
});
