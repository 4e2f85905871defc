// « Placer en premier mes correspondants habituels »: the addresses of the messages the user
// sends are counted on this machine (in a reply, only its addressee, not the recipients copied
// from the message replied to) (storage/correspondent-store.ts, only addresses, scores and
// dates), and the directory suggestions list those correspondents before their homonyms (ranking
// rule 4 in core/directory/search.ts, decay and threshold in core/directory/frequency.ts).
// The boost itself is read from that store (preferredFor) by the autocomplete. Switched off in
// the options, nothing is counted nor boosted; the counts stay until the user asks to forget them
// there.
import { usualCorrespondents } from "../../core/directory/frequency.ts";
import { recipientAddress } from "../../core/directory/recipient.ts";
import { onMessageSent } from "../platform/compose.ts";
import { getSettings } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import { recordFailure } from "../platform/failures.ts";
import { forgetCorrespondents, loadCorrespondents, recordSentRecipients } from "../storage/correspondent-store.ts";
import type { Feature } from "./feature.ts";
import type { CorrespondentsStatus } from "../platform/contract.ts";

export async function correspondentsStatus(): Promise<CorrespondentsStatus> {
  const [s, state] = await Promise.all([getSettings(), loadCorrespondents()]);
  return { enabled: s.directoryUsualFirst, counted: state.size, usual: usualCorrespondents(state, Date.now()).size };
}

export const directoryCorrespondents: Feature = {
  name: "directory-correspondents",
  start() {
    onMessageSent(async ({ recipients, copiedFromReplied }) => {
      try {
        if (!(await getSettings()).directoryUsualFirst) return;
        // Only whom the user chose to write to: in a reply, not the others a reply-all copies from
        // the message replied to (its sender could otherwise rank the homonyms of their choice
        // first by a Cc list); when that message cannot be read, the reply counts nobody.
        if (copiedFromReplied === undefined) return;
        const copied = new Set(copiedFromReplied.map(recipientAddress));
        const addresses = recipients.map(recipientAddress).filter((a): a is string => a !== undefined && !copied.has(a));
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
