// Trust marking against a fake Thunderbird that throws on any API it does not fake: new mail as
// Thunderbird announces it (messages.onNewMailReceived), the scan and the tag removal as the
// options page asks for them (runtime.onMessage). What is checked is what the user would see: the
// tags on the messages, the tags created with their French names, the scan's progress.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeEvent, fakeThunderbird, settle, storedTestWhitelist, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const MESSAGES = join(import.meta.dirname, "../../fixtures/trust/messages");
const eml = (name: string) => readFileSync(join(MESSAGES, name), "latin1");
const FOLDER = { id: "account1://INBOX", accountId: "account1", path: "/INBOX" };

function bench(files: string[], userTags: Record<number, string[]> = {}) {
  const raw = new Map(files.map((f, i) => [i + 1, eml(f)]));
  const messages = files.map((f, i) => ({ id: i + 1, headerMessageId: `m${i + 1}@test`, subject: f, folder: FOLDER, tags: userTags[i + 1] ?? [] }));
  const tags = new Map<number, string[]>();
  const created: { key: string; label: string; color: string }[] = [];
  const onNewMailReceived = fakeEvent();
  const tb = fakeThunderbird(
    {
      messages: {
        onNewMailReceived,
        getRaw: async (id: number) => raw.get(id)!,
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

describe("trust marking", () => {
  freshAddonPerTest();

  it("new mail in an MSSanté account: the outside sender is tagged, the listed professional is not, and the verdicts are kept", async () => {
    const b = bench(["exterieur.eml", "professionnel.eml", "nom-affiche-usurpe.eml"]);
    await startFeature();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.get(1)).toEqual(["mssante_hors_espace"]);
    expect(b.tags.has(2)).toBe(false);
    expect(b.tags.get(3)).toEqual(["mssante_usurpation"]);
    expect(b.created.map((t) => t.label)).toContain("Hors espace de confiance");
    const stored = Object.entries(b.tb.local).filter(([k]) => k.startsWith("v:"));
    expect(stored.map(([, v]) => (v as { category: string }).category).sort()).toEqual(["impersonation", "outside", "professional"]);
    // The same mail announced again is not read again (its verdict is fresh).
    b.tags.clear();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.size).toBe(0);
  });

  it("the scan asked by the options page goes through the folders, keeps the user's own tags, and reports its counts", async () => {
    const b = bench(["exterieur.eml", "usager.eml", "professionnel.eml"], { 1: ["$label1"] });
    await startFeature();
    await b.tb.call("scan:start");
    let state: { running: boolean; examined: number; tagged: number; foldersDone: string[] } | undefined;
    for (let i = 0; i < 100 && (!state || state.running || state.foldersDone.length === 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = (await b.tb.call("scan:status")) as typeof state;
    }
    expect(state).toMatchObject({ running: false, examined: 3, tagged: 2, foldersDone: [FOLDER.id] });
    expect(b.tags.get(1)).toEqual(["$label1", "mssante_hors_espace"]);
    expect(b.tags.get(2)).toEqual(["mssante_usager"]);
  });

  it("« retirer les étiquettes » removes only the add-on's tags and forgets the verdicts", async () => {
    const b = bench(["exterieur.eml"], { 1: ["$label1"] });
    await startFeature();
    await b.onNewMailReceived.fire(FOLDER, { messages: b.messages });
    expect(b.tags.get(1)).toEqual(["$label1", "mssante_hors_espace"]);
    expect(await b.tb.call("tags:remove")).toBe(1);
    expect(b.tags.get(1)).toEqual(["$label1"]);
    expect(Object.keys(b.tb.local).filter((k) => k.startsWith("v:"))).toEqual([]);
  });
});
