// Tabs and Thunderbird's main windows for the features (the account wizard's tab).
export type Tab = messenger.tabs.Tab;

/** Brings a tab forward; undefined when it no longer exists. */
export function activateTab(tabId: number): Promise<Tab | undefined> {
  return messenger.tabs.update(tabId, { active: true }).catch(() => undefined);
}

/** Opens a page of the add-on in a new tab; its id. */
export async function openAddonTab(path: string): Promise<number | undefined> {
  return (await messenger.tabs.create({ url: messenger.runtime.getURL(path) })).id;
}

/**
 * Resolves once a main ("normal") window exists, or after `timeoutMs`: at install (first start)
 * Thunderbird's main window may not exist yet.
 */
export async function mainWindow(timeoutMs = 60000): Promise<void> {
  if ((await messenger.windows.getAll({ windowTypes: ["normal"] })).length) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      messenger.windows.onCreated.removeListener(onCreated);
      clearTimeout(timer);
      resolve();
    };
    const onCreated = (w: messenger.windows.Window) => {
      if (w.type === "normal") done();
    };
    const timer = setTimeout(done, timeoutMs);
    messenger.windows.onCreated.addListener(onCreated);
  });
}
