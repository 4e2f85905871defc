// « Autres messages de ce patient » against a fake Thunderbird that throws on any API it does not
// fake: the popup's command (runtime.onMessage) sets Thunderbird's own Quick Filter in the mail tab
// showing the message; a message in a tab of its own uses the main window's mail tab, on its folder.
import { describe, expect, it } from "vitest";
import { fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

async function bench(tabType: "mail" | "messageDisplay") {
  const filters: { tabId: number; text: unknown }[] = [];
  const updates: unknown[] = [];
  const tb = fakeThunderbird({
    tabs: { get: async (id: number) => ({ id, type: tabType }), update: async (id: number, p: unknown) => void updates.push([id, p]) },
    mailTabs: {
      query: async () => [{ tabId: 1 }],
      update: async (id: number, p: unknown) => void updates.push([id, p]),
      setQuickFilter: async (tabId: number, p: { text: unknown }) => void filters.push({ tabId, text: p.text }),
    },
    messageDisplay: { getDisplayedMessages: async () => ({ messages: [{ id: 5, folder: { id: "account1://INBOX" } }] }) },
  });
  const { patientSearch } = await import("../../../src/addon/features/patient-search.ts");
  patientSearch.start();
  return { tb, filters, updates };
}

describe("patient search", () => {
  freshAddonPerTest();

  it("in the mail tab: the Quick Filter holds the patient's name, on subject, sender and recipients", async () => {
    const b = await bench("mail");
    expect(await b.tb.call("xdm:search-patient", { tabId: 4, text: "DUPONT Jeanne" })).toEqual({ mailTabId: 4 });
    expect(b.filters).toEqual([{ tabId: 4, text: { text: "DUPONT Jeanne", subject: true, author: true, recipients: true } }]);
  });

  it("a message in a window of its own: the main mail tab shows its folder, filtered", async () => {
    const b = await bench("messageDisplay");
    expect(await b.tb.call("xdm:search-patient", { tabId: 9, text: "DUPONT" })).toEqual({ mailTabId: 1 });
    expect(b.updates).toEqual([[1, { displayedFolderId: "account1://INBOX" }], [1, { active: true }]]);
    expect(b.filters[0]!.tabId).toBe(1);
  });

  it("a patient without a name: refused, no filter set", async () => {
    const b = await bench("mail");
    await expect(b.tb.call("xdm:search-patient", { tabId: 4, text: "  " })).rejects.toThrow(/sans nom/);
    expect(b.filters).toEqual([]);
  });
});
