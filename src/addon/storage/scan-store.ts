// The background scan's progress in storage.local: what the options page shows, and where an
// interrupted scan (Thunderbird closed meanwhile) resumes.
import { localGet, localSet, onLocalChanged } from "../platform/storage.ts";
import type { ScanState } from "../platform/contract.ts";

export const EMPTY_SCAN: Readonly<ScanState> = { running: false, foldersDone: [], foldersTotal: 0, examined: 0, classified: 0, tagged: 0, waitingForList: false };

export async function loadScan(): Promise<ScanState> {
  return { ...EMPTY_SCAN, ...(((await localGet("scan")) as Partial<ScanState> | undefined) ?? {}) };
}

export async function saveScan(s: ScanState): Promise<void> {
  await localSet({ scan: s });
}

/** Calls `listener` with the scan's progress each time it is saved. */
export function onScanChanged(listener: (s: ScanState) => void): void {
  onLocalChanged((changes) => {
    const saved = changes.scan?.newValue as Partial<ScanState> | undefined;
    if (saved) listener({ ...EMPTY_SCAN, ...saved });
  });
}
