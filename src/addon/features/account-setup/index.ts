// "Ajouter un compte MSSanté": from an address to a working, secured account. The steps, in the
// order the user sees them (src/ui/account-wizard drives them one by one), one file each:
//   1-2. discovery.ts: the address's domain in the white list, then the server settings;
//   3.   servers.ts: the IMAP and SMTP chains, read without logging in, checked by our own rules;
//   4.   anchors.ts: with consent, the pinned root installed (and removable);
//   5.   create.ts: credentials, a last check, the account created all or nothing, marked, synced.
// Sessions (session.ts) tie the steps together; psc.ts is Pro Santé Connect; wizard-tab.ts the tab.
// Every step answers {ok: true, …} or {ok: false, code, message} with a French message (types.ts).
import type { ServerSettings } from "../../../core/operators/settings.ts";
import { accountsExperimentAvailable } from "../../platform/experiment-errors.ts";
import { inBackground } from "../../platform/failures.ts";
import { handle } from "../../platform/rpc.ts";
import { getSettings } from "../../platform/settings.ts";
import { anchorPolicy, setTestAnchorPolicy, trustAnchorsAdded, type AnchorPolicy } from "../../platform/trust-anchors.ts";
import type { Feature } from "../feature.ts";
import { installAnchors, removeAnchor } from "./anchors.ts";
import { createMssanteAccount } from "./create.ts";
import { discover, setTestDiscovery, startSetup, type DiscoveryOverrides } from "./discovery.ts";
import { pscStatus } from "./psc.ts";
import { checkServers } from "./servers.ts";
import { cancelSetup } from "./session.ts";
import type { CreateRequest } from "../../platform/contract.ts";
import { openWizard, wizardLoadedIn } from "./wizard-tab.ts";
import { onToolbarButtonClicked } from "../../platform/display.ts";
import { onInstalled } from "../../platform/runtime.ts";

// The steps, for the bench's handlers (test/e2e/addon/account-handlers.ts) and the unit tests.
export { anchorPolicy, cancelSetup, checkServers, createMssanteAccount, discover, installAnchors, openWizard, pscStatus, removeAnchor, startSetup, trustAnchorsAdded };
export { wizardOpening, wizardShownInTab, wizardTabsShown } from "./wizard-tab.ts";
export type { AnchorPolicy, CreateRequest, DiscoveryOverrides };

/** Test build only: the bench's root pin (made at each run) and its DNS answers. */
export function setTestOverrides(policy: AnchorPolicy | undefined, discovery: DiscoveryOverrides | undefined): void {
  setTestAnchorPolicy(policy);
  setTestDiscovery(discovery);
}

export const accountSetup: Feature = {
  name: "account-setup",
  start() {
    onToolbarButtonClicked(() => inBackground("wizard", openWizard));
    // Offered once, when the add-on is first installed.
    onInstalled(({ reason }) => {
      // Offered to set up a first MSSanté account: not when the profile already has one (a
      // re-install, or the demo's profile, which starts as a fresh install each time).
      if (reason === "install")
        inBackground("wizard", async () => {
          if ((await getSettings()).mssanteAccounts.length === 0) await openWizard();
        });
    });
    handle("account:open", () => openWizard());
    handle("account:start", (p) => startSetup((p as { address: string }).address));
    handle("account:discover", (p) => discover((p as { sessionId: string }).sessionId));
    handle("account:check", (p) => {
      const { sessionId, settings } = p as { sessionId: string; settings: ServerSettings };
      return checkServers(sessionId, settings);
    });
    handle("account:install-anchors", (p) => installAnchors((p as { sessionId: string }).sessionId));
    handle("account:create", (p) => {
      const { sessionId, request } = p as { sessionId: string; request: CreateRequest };
      return createMssanteAccount(sessionId, request);
    });
    handle("account:cancel", (p) => cancelSetup((p as { sessionId: string }).sessionId));
    handle("account:anchors", () => trustAnchorsAdded());
    handle("account:remove-anchor", (p) => removeAnchor((p as { sha256: string }).sha256));
    handle("account:status", (_p, sender) => {
      if (sender.tab?.id !== undefined) wizardLoadedIn(sender.tab.id);
      return { experiment: accountsExperimentAvailable(), psc: pscStatus(), pins: anchorPolicy().pins };
    });
  },
};
