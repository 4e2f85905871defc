// The wizard's tab: opened from the toolbar button or at first install, brought forward when it is
// already open, and which tabs loaded it (the bench checks "offered once").
const WIZARD_PAGE = "ui/account-wizard/wizard.html";

let wizardTab: number | undefined;
let wizardShown: number | undefined;

const wizardTabsLoaded = new Set<number>();

/** Called when the page asks for the status, first thing after it loads. */
export function wizardLoadedIn(tabId: number): void {
  wizardShown = tabId;
  wizardTabsLoaded.add(tabId);
}

/** Tab of the wizard page that last loaded (it asks for the status first thing). */
export function wizardShownInTab(): number | undefined {
  return wizardShown;
}

/** How many distinct tabs loaded the wizard page since start (the "offered once" check). */
export function wizardTabsShown(): number {
  return wizardTabsLoaded.size;
}

/** Opens the wizard, or brings its tab forward when it is already open. */
export async function openWizard(): Promise<number | undefined> {
  if (wizardTab !== undefined) {
    const tab = await messenger.tabs.update(wizardTab, { active: true }).catch(() => undefined);
    if (tab) return wizardTab;
  }
  await mainWindow();
  wizardTab = (await messenger.tabs.create({ url: messenger.runtime.getURL(WIZARD_PAGE) })).id;
  return wizardTab;
}

/** At install (first start) Thunderbird's main window may not exist yet: wait for it. */
async function mainWindow(timeoutMs = 60000): Promise<void> {
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
