// Before a message is sent, recipients picked from the directory suggestions get their clean
// name back (core/directory/recipient.ts): the description shown in the dropdown never reaches
// the To:/Cc:/Bcc: headers nor Thunderbird's Collected Addresses.
import { cleanRecipient } from "../../core/directory/recipient.ts";
import { suggestedLookup } from "../storage/suggestion-store.ts";
import type { Feature } from "./feature.ts";
import { onBeforeSend, type ComposeDetails, type ComposeRecipientList } from "../platform/compose.ts";

type Recipients = ComposeRecipientList | undefined;

function cleanList(list: Recipients, clean: (r: string) => string): { list: Recipients; changed: boolean } {
  if (list === undefined) return { list, changed: false };
  const items = Array.isArray(list) ? list : [list];
  let changed = false;
  const out = items.map((r) => {
    if (typeof r !== "string") return r;
    const c = clean(r);
    if (c !== r) changed = true;
    return c;
  });
  return { list: out, changed };
}

export async function cleanRecipients(details: ComposeDetails): Promise<{ details: ComposeDetails } | undefined> {
  const lookup = await suggestedLookup();
  const clean = (r: string) => cleanRecipient(r, lookup);
  const to = cleanList(details.to, clean);
  const cc = cleanList(details.cc, clean);
  const bcc = cleanList(details.bcc, clean);
  if (!to.changed && !cc.changed && !bcc.changed) return undefined;
  return { details: { to: to.list, cc: cc.list, bcc: bcc.list } };
}

export const directoryRecipients: Feature = {
  name: "directory-recipients",
  start() {
    onBeforeSend((_tab, details) => cleanRecipients(details));
  },
};
