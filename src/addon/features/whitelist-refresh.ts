// Keeps the MSSanté white list current: at install, daily, and on demand. The download itself
// (official URL, then the ANS GitHub copy) is platform/whitelist-download.ts.
import { handle } from "../platform/rpc.ts";
import { everyDay } from "../platform/alarms.ts";
import { inBackground } from "../platform/failures.ts";
import { refreshWhitelist } from "../platform/whitelist-download.ts";
import { loadStatus, loadWhitelist } from "../storage/whitelist-store.ts";
import type { Feature } from "./feature.ts";
import { onInstalled } from "../platform/runtime.ts";

const ALARM = "mssante-whitelist-refresh";

export const whitelistRefresh: Feature = {
  name: "whitelist-refresh",
  start() {
    everyDay(ALARM, "whitelist", 24 * 60, refreshWhitelist);
    onInstalled(() => inBackground("whitelist", refreshWhitelist));
    handle("whitelist:status", async () => ({ status: await loadStatus(), hasList: Boolean(await loadWhitelist()) }));
    handle("whitelist:refresh", async () => ({ status: await refreshWhitelist(), hasList: Boolean(await loadWhitelist()) }));
    // No list yet (first start offline, or the install refresh was interrupted): try again now.
    inBackground("whitelist", async () => {
      if (!(await loadWhitelist())) await refreshWhitelist();
    });
  },
};
