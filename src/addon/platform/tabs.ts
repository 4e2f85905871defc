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
 * Thunderbird's main window may not exist yet. The listener is added before the first look, and the
 * look is repeated every half second: a window opened between a look and the listener's registration
 * in the parent process would otherwise be missed, and the install-time offer would wait the whole
 * timeout (seen on a loaded machine: no wizard within 30 s).
 */
export async function mainWindow(timeoutMs = 60000): Promise<void> {
  await new Promise<void>((resolve) => {
    let settled = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (settled) return;
      settled = true;
      messenger.windows.onCreated.removeListener(onCreated);
      clearTimeout(timer);
      clearTimeout(poll);
      resolve();
    };
    const onCreated = (w: messenger.windows.Window) => {
      if (w.type === "normal") done();
    };
    const look = () => {
      messenger.windows.getAll({ windowTypes: ["normal"] }).then(
        (windows) => {
          if (windows.length) done();
          else if (!settled) poll = setTimeout(look, 500);
        },
        () => {
          if (!settled) poll = setTimeout(look, 500);
        },
      );
    };
    messenger.windows.onCreated.addListener(onCreated);
    const timer = setTimeout(done, timeoutMs);
    look();
  });
}
