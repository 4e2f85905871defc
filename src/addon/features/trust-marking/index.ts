// Every message gets a verdict: new mail as it arrives, existing folders by a background scan
// (on first install and on demand) that is resumable and never classifies a message twice.
// Untrusted messages get the add-on's tags; tags are the only change made to messages.
// This file wires the events; the work is in classify.ts (one batch), scan.ts (folders) and
// tags.ts (creating and removing the tags).
import { lookup } from "../../../core/trust/whitelist.ts";
import { accountIdentities, onNewMail, pages } from "../../platform/mail.ts";
import { getSettings, onSettingsChanged, updateSettings } from "../../platform/settings.ts";
import { handle } from "../../platform/rpc.ts";
import { inBackground } from "../../platform/failures.ts";
import { onInstalled } from "../../platform/runtime.ts";
import { onWhitelistUpdated } from "../../platform/whitelist-download.ts";
import { loadWhitelist } from "../../storage/whitelist-store.ts";
import { onSignatureInputsChanged } from "../../storage/pki-store.ts";
import { loadScan, saveScan } from "../../storage/scan-store.ts";
import { dropLegacyVerdicts } from "../../storage/verdict-store.ts";
import type { Feature } from "../feature.ts";
import { classify, forgetSignatureInputs } from "./classify.ts";
import { cancelScan, rescan, scanAll } from "./scan.ts";
import { ensureTags, removeOurTags } from "./tags.ts";

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
      forgetSignatureInputs();
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
      cancelScan();
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
