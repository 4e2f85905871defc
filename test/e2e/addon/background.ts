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
