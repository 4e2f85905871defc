// Entry of the test build: the production background, plus the probe that lets the bench drive it.
import "../../../src/addon/background.ts";
import { startProbe } from "./probe.ts";

void startProbe();

// What happened to folders, for failure messages (a flake showed the INBOX replaced after sync).
const folderEvents: string[] = [];
(globalThis as { mssanteFolderEvents?: string[] }).mssanteFolderEvents = folderEvents;
const t0 = Date.now();
messenger.folders.onCreated.addListener((f) => void folderEvents.push(`${Date.now() - t0} created ${f.id}`));
messenger.folders.onDeleted.addListener((f) => void folderEvents.push(`${Date.now() - t0} deleted ${f.id}`));
messenger.folders.onRenamed.addListener((a, b) => void folderEvents.push(`${Date.now() - t0} renamed ${a.id} -> ${b.id}`));
messenger.folders.onFolderInfoChanged.addListener((f, i) => void folderEvents.push(`${Date.now() - t0} info ${f.id} ${JSON.stringify(i)}`));
messenger.messages.onDeleted.addListener((list) => void folderEvents.push(`${Date.now() - t0} messages deleted ${list.messages.length}`));

// When Thunderbird reported each new message and when its tags changed, by Message-ID, both
// measured here: the bench's new-mail latency is the add-on's part (reported → tagged).
const newMail = new Map<string, { reportedAt?: number; taggedAt?: number; tags?: string[] }>();
(globalThis as { mssanteNewMail?: typeof newMail }).mssanteNewMail = newMail;
messenger.messages.onNewMailReceived.addListener((_folder, list) => {
  const now = Date.now();
  for (const m of list.messages) newMail.set(m.headerMessageId, { ...newMail.get(m.headerMessageId), reportedAt: now });
}, true);
// Listened to only once the bench asks (watchNewMailTags), just before it delivers new mail: a
// messages.onUpdated listener makes Thunderbird convert every message whose tags change (about
// 1.2 ms each, its tag list read anew each time) and send it here, which the production add-on
// never asks for. Registered from the start, it was a quarter of Thunderbird's main thread in a
// scan (bench/scan-thunderbird.ts --profile), measured as if it were the add-on's cost.
let watching = false;
(globalThis as { mssanteWatchNewMailTags?: () => void }).mssanteWatchNewMailTags = () => {
  if (watching) return;
  watching = true;
  messenger.messages.onUpdated.addListener((m, changed) => {
    if (!("tags" in changed)) return;
    const seen = newMail.get(m.headerMessageId);
    if (seen && seen.taggedAt === undefined) newMail.set(m.headerMessageId, { ...seen, taggedAt: Date.now(), tags: m.tags });
  });
};
