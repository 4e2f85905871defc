// Daily background work (white list, directory, server certificates): one named alarm each,
// created once and kept by Thunderbird across restarts.
const DAY_MINUTES = 24 * 60;

export function everyDay(name: string, firstDelayMinutes: number, run: () => unknown): void {
  messenger.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) void run();
  });
  void messenger.alarms.get(name).then((existing) => {
    if (!existing) void messenger.alarms.create(name, { delayInMinutes: firstDelayMinutes, periodInMinutes: DAY_MINUTES });
  });
}
