// « Placer en premier mes correspondants habituels »: the addresses of the messages the user
// sends are counted on this machine (storage/correspondent-store.ts, only addresses, scores and
// dates), and the directory suggestions list those correspondents before their homonyms (ranking
// rule 4 in core/directory/search.ts, decay and threshold in core/directory/frequency.ts).
// Switched off in the options, nothing is counted nor boosted; the counts stay until the user
// asks to forget them there.
import { preferredIds, usualCorrespondents } from "../../core/directory/frequency.ts";
import { recipientAddress } from "../../core/directory/recipient.ts";
import type { DirectoryIndex } from "../../core/directory/search.ts";
import { onMessageSent } from "../platform/compose.ts";
import { getSettings } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import { recordFailure } from "../platform/failures.ts";
import { forgetCorrespondents, loadCorrespondents, recordSentRecipients } from "../storage/correspondent-store.ts";
import type { Feature } from "./feature.ts";
import type { CorrespondentsStatus } from "../platform/contract.ts";

// Addresses → entry ids, per index: resolving costs a search each, so it is done once per
// address and index (a reload of the directory makes a new index, hence a new map).
const resolved = new WeakMap<DirectoryIndex, Map<string, number[]>>();

/** The `prefer` map for a search of `index`: empty when the option is off or nobody is usual yet. */
export async function preferredFor(index: DirectoryIndex): Promise<Map<number, number>> {
  if (!(await getSettings()).directoryUsualFirst) return new Map();
  const usual = usualCorrespondents(await loadCorrespondents(), Date.now());
  if (usual.size === 0) return new Map();
  let ids = resolved.get(index);
  if (!ids) resolved.set(index, (ids = new Map()));
  const cache = ids;
  return preferredIds({ idsOfAddress: (a) => cache.get(a) ?? (cache.set(a, index.idsOfAddress(a)), cache.get(a)!) }, usual);
}

export async function correspondentsStatus(): Promise<CorrespondentsStatus> {
  const [s, state] = await Promise.all([getSettings(), loadCorrespondents()]);
  return { enabled: s.directoryUsualFirst, counted: state.size, usual: usualCorrespondents(state, Date.now()).size };
}

export const directoryCorrespondents: Feature = {
  name: "directory-correspondents",
  start() {
    onMessageSent(async (recipients) => {
      try {
        if (!(await getSettings()).directoryUsualFirst) return;
        const addresses = recipients.map(recipientAddress).filter((a): a is string => a !== undefined);
        await recordSentRecipients(addresses);
      } catch (err) {
        await recordFailure("directory", err);
      }
    });
    handle("directory:correspondents-status", () => correspondentsStatus());
    handle("directory:correspondents-forget", async () => {
      await forgetCorrespondents();
      return correspondentsStatus();
    });
  },
};
