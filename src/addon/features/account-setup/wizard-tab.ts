// The wizard's tab: opened from the toolbar button or at first install, brought forward when it is
// already open, and which tabs loaded it (the bench checks "offered once").
import { activateTab, mainWindow, openAddonTab } from "../../platform/tabs.ts";
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

/** Where the last opening got to, in ms since it began (the bench names the slow step). */
export interface WizardOpening {
  mainWindowAfterMs?: number;
  tabCreatedAfterMs?: number;
  tabId?: number;
}
let lastOpening: WizardOpening | undefined;
export function wizardOpening(): WizardOpening | undefined {
  return lastOpening;
}

/** Opens the wizard, or brings its tab forward when it is already open. */
export async function openWizard(): Promise<number | undefined> {
  if (wizardTab !== undefined) {
    const tab = await activateTab(wizardTab);
    if (tab) return wizardTab;
  }
  const began = Date.now();
  const opening: WizardOpening = (lastOpening = {});
  await mainWindow();
  opening.mainWindowAfterMs = Date.now() - began;
  wizardTab = await openAddonTab(WIZARD_PAGE);
  opening.tabCreatedAfterMs = Date.now() - began;
  opening.tabId = wizardTab;
  return wizardTab;
}
