// Keeps the local copy of the national directory (Annuaire Santé extraction) current: downloaded on
// first use, then refreshed daily in the background with conditional requests, and on demand from
// the options page. The download and the index build are platform/directory-download.ts.
import { handle } from "../platform/rpc.ts";
import { inBackground } from "../platform/failures.ts";
import { everyDay } from "../platform/alarms.ts";
import { directoryProgress, refreshDirectory } from "../platform/directory-download.ts";
import { loadDirectoryStatus } from "../storage/directory-store.ts";
import type { Feature } from "./feature.ts";

const ALARM = "mssante-directory-refresh";

export const directoryRefresh: Feature = {
  name: "directory-refresh",
  start() {
    everyDay(ALARM, "directory", 60, refreshDirectory);
    handle("directory:status", async () => ({ status: await loadDirectoryStatus(), progress: directoryProgress() }));
    handle("directory:refresh", async () => {
      inBackground("directory", () => refreshDirectory(true));
      return { status: await loadDirectoryStatus(), progress: directoryProgress() };
    });
  },
};
