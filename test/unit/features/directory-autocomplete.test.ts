// The directory's address book against a fake Thunderbird that throws on any API it does not fake,
// with the index in an in-memory IndexedDB (fake-indexeddb): Thunderbird's search request
// (addressBooks.provider.onSearchRequest) gets vCards from the local index, without the user's own
// contacts nor their own addresses, the usual correspondents first; nothing leaves the machine.
import { describe, expect, it, vi } from "vitest";
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { fakeEvent, fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";
import { extractionBytes, referenceRows } from "../../fixtures/directory/extraction.ts";
import { buildDirectoryIndex } from "../../../src/core/directory/index.ts";
import { recordSent, toStored } from "../../../src/core/directory/frequency.ts";

type Search = (node: unknown, searchString: string) => Promise<{ isCompleteResult: boolean; results: string[] }>;
const emails = (vcards: string[]) => vcards.map((v) => /^EMAIL[^:]*:(.*)$/m.exec(v.replace(/\r?\n[ \t]/g, ""))?.[1]);

async function bench(options: { ownContact?: string; usual?: string; usualFirst?: boolean; identity?: string } = {}) {
  vi.stubGlobal("indexedDB", new IDBFactory());
  vi.stubGlobal("fetch", async (url: string) => {
    throw new Error(`nothing may leave the machine: ${url}`);
  });
  const onSearchRequest = fakeEvent();
  const now = Date.now();
  const usual = options.usual ? { directoryCorrespondents: toStored(recordSent(recordSent(new Map(), [options.usual], now), [options.usual], now)) } : {};
  fakeThunderbird(
    {
      addressBooks: {
        provider: { onSearchRequest },
        contacts: { query: async () => (options.ownContact ? [{ vCard: `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ma collègue\r\nEMAIL;PREF=1:${options.ownContact}\r\nEND:VCARD\r\n` }] : []) },
      },
      accounts: { list: async () => [{ id: "account1", identities: [{ email: options.identity ?? "jean.dupont@medecin.mssante.fr" }] }] },
    },
    { settings: { directoryUsualFirst: options.usualFirst ?? true }, ...usual },
  );
  const built = buildDirectoryIndex(extractionBytes(referenceRows()), { sourceName: "Extraction_Correspondance_MSSante.txt", importedAt: new Date(now).toISOString() });
  const { swapIndex } = await import("../../../src/addon/storage/directory-store.ts");
  await swapIndex(built.data.slice().buffer, { manifest: built.manifest, outcome: "updated" });
  const { directoryAutocomplete } = await import("../../../src/addon/features/directory-autocomplete.ts");
  directoryAutocomplete.start();
  const search = (text: string) => (onSearchRequest.listeners[0] as unknown as Search)({}, text);
  return { search };
}

describe("directory autocomplete", () => {
  freshAddonPerTest();

  it("« dupont »: the directory's entries as vCards, without the user's own address", async () => {
    const b = await bench();
    const answer = await b.search("dupont");
    expect(answer.isCompleteResult).toBe(false);
    const found = emails(answer.results);
    expect(found).toContain("marie.dupont@medecin.mssante.fr");
    expect(found).not.toContain("jean.dupont@medecin.mssante.fr");
    expect(answer.results[0]).toMatch(/^BEGIN:VCARD/);
  });

  it("an address in the user's own address book is not shown twice", async () => {
    const b = await bench({ ownContact: "marie.dupont@medecin.mssante.fr" });
    expect(emails((await b.search("dupont marie")).results)).not.toContain("marie.dupont@medecin.mssante.fr");
  });

  it("a usual correspondent comes before their homonyms, unless the option is off", async () => {
    const order = async (o: { usualFirst: boolean }) => {
      const b = await bench({ usual: "marie.dupont@medecin.mssante.fr", identity: "secretariat@cabinet.example", ...o });
      return emails((await b.search("dupont")).results).filter((e) => e?.endsWith("@medecin.mssante.fr"));
    };
    expect(await order({ usualFirst: false })).toEqual(["jean.dupont@medecin.mssante.fr", "marie.dupont@medecin.mssante.fr"]);
    vi.resetModules();
    expect(await order({ usualFirst: true })).toEqual(["marie.dupont@medecin.mssante.fr", "jean.dupont@medecin.mssante.fr"]);
  });
});
