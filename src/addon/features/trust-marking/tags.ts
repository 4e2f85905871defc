// The add-on's tags in Thunderbird: created before the first message is marked, and removed all at
// once when the user asks (the only change the add-on ever makes to messages).
import { ALL_TAG_KEYS, TAGS } from "../../../core/trust/marking.ts";
import { allFolders, changeTags, ensureTag, folderMessages, translate } from "../../platform/mail.ts";
import { clearVerdicts } from "../../storage/verdict-store.ts";
import { loadScan, saveScan } from "../../storage/scan-store.ts";

export async function ensureTags(): Promise<void> {
  for (const t of Object.values(TAGS)) await ensureTag(t.key, translate(t.label), t.color);
}

/**
 * Removes every tag the add-on set, in one go (the options page asks first). The stored verdicts
 * go too: a new analysis puts the tags back, so the warnings are never lost for good.
 */
export async function removeOurTags(): Promise<number> {
  let removed = 0;
  // Folder by folder, the listing filtered here (one pass, not one messages.query per tag), changed
  // by batches: about 3 s for 8,333 tags in a 10,000-message IMAP INBOX (bench/scan-thunderbird.ts;
  // 33 s when listed through messages.list and timed with a messages.onUpdated listener present).
  for (const folder of (await allFolders()).filter((f) => !f.isVirtual)) {
    for await (const page of folderMessages(folder)) {
      const ours = page.filter((m) => m.tags.some((t) => ALL_TAG_KEYS.includes(t)));
      if (ours.length === 0) continue;
      const applied = await changeTags(ours.map((m) => ({ messageId: m.id, current: m.tags, next: m.tags.filter((t) => !ALL_TAG_KEYS.includes(t)) })));
      removed += applied.filter(Boolean).length;
    }
  }
  await clearVerdicts();
  await saveScan({ ...(await loadScan()), finishedAt: undefined, examined: 0, classified: 0, tagged: 0 });
  return removed;
}
