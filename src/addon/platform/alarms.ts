// Daily background work (white list, directory, server certificates): one named alarm each,
// created once and kept by Thunderbird across restarts.
import { inBackground, type FailureArea } from "./failures.ts";

const DAY_MINUTES = 24 * 60;

export function everyDay(name: string, area: FailureArea, firstDelayMinutes: number, run: () => unknown): void {
  messenger.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) inBackground(area, run);
  });
  inBackground(area, async () => {
    if (!(await messenger.alarms.get(name))) await messenger.alarms.create(name, { delayInMinutes: firstDelayMinutes, periodInMinutes: DAY_MINUTES });
  });
}
