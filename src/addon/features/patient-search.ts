// « Autres messages de ce patient » from the popup's « Documents de santé »: Thunderbird's own
// Quick Filter on the patient's name, in the mail tab showing the message (no index of our own:
// the message list is Thunderbird's, and so are its results).
import { displayedFolderId, quickFilter } from "../platform/compose.ts";
import { handle } from "../platform/rpc.ts";
import type { Feature } from "./feature.ts";

export const patientSearch: Feature = {
  name: "patient-search",
  start() {
    handle("xdm:search-patient", async (payload) => {
      const p = payload as { tabId: number; text: string };
      if (!p.text.trim()) throw new Error("patient sans nom : recherche impossible");
      const mailTabId = await quickFilter(p.tabId, p.text, await displayedFolderId(p.tabId));
      return { mailTabId };
    });
  },
};
