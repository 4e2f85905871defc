// The add-on's tags in Thunderbird: created before the first message is marked, and removed all at
// once when the user asks (the only change the add-on ever makes to messages).
import { ALL_TAG_KEYS, TAGS } from "../../../core/trust/marking.ts";
import { ensureTag, messagesWithTag, pages, setTags, translate } from "../../platform/mail.ts";
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
  for (const key of ALL_TAG_KEYS) {
    for await (const page of pages(await messagesWithTag(key))) {
      for (const m of page) {
        await setTags(m.id, m.tags.filter((t) => !ALL_TAG_KEYS.includes(t)));
        removed++;
      }
    }
  }
  await clearVerdicts();
  await saveScan({ ...(await loadScan()), finishedAt: undefined, examined: 0, classified: 0, tagged: 0 });
  return removed;
}
