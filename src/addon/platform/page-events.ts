// The background's side of the pages' live progress (contract.ts PageEvents): what the scan, the
// folder signature report and the kept failures become is sent to the pages that are open, so
// that no page reads or watches storage itself.
import type { PageEvent, PageEvents } from "./contract.ts";
import { onFailuresChanged } from "./failures.ts";
import { onLocalChanged } from "./storage.ts";
import { onScanChanged } from "../storage/scan-store.ts";
import type { FolderSignatureReport } from "./contract.ts";

/** Where features/folder-signatures.ts keeps its last report. */
const REPORT_KEY = "folderSignatureReport";

/** A runtime.sendMessage to extension pages, when none is open, rejects with this. */
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/;

export function sendPageEvent<K extends PageEvent>(event: K, value: PageEvents[K]): void {
  messenger.runtime.sendMessage({ event, value }).catch((err: unknown) => {
    // No page open: nobody to tell, and the page reads the state afresh when it opens.
    if (NO_RECEIVER.test(err instanceof Error ? err.message : String(err))) return;
    console.error(`[mssante] page non informée (${event}) :`, err);
  });
}

/** Registered once, from background.ts. */
export function forwardPageEvents(): void {
  onScanChanged((s) => sendPageEvent("scan", s));
  onFailuresChanged((f) => sendPageEvent("failures", f));
  onLocalChanged((changes) => {
    if (REPORT_KEY in changes) sendPageEvent("folderSignatureReport", (changes[REPORT_KEY]!.newValue ?? null) as FolderSignatureReport | null);
  });
}

/** For pages: calls `listener` with each value the background sends for `event`. */
export function onPageEvent<K extends PageEvent>(event: K, listener: (value: PageEvents[K]) => void): void {
  messenger.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { event?: unknown; value?: unknown } | undefined;
    if (m?.event === event) listener(m.value as PageEvents[K]);
    // Never answers: commands are the background's (rpc.ts).
    return false;
  });
}
