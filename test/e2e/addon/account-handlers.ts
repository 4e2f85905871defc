// Bench commands for the account feature: the same steps the wizard page sends, plus what the test
// needs to look at afterwards (accounts, identities, the MSSanté mark, the INBOX without forcing a
// sync, the roots in Thunderbird's certificate database).
import {
  cancelSetup,
  checkServers,
  createMssanteAccount,
  discover,
  installAnchors,
  openWizard,
  removeAnchor,
  setTestOverrides,
  startSetup,
  trustAnchorsAdded,
  wizardOpening, wizardShownInTab, wizardTabsShown,
  type CreateRequest,
  type DiscoveryOverrides,
} from "../../../src/addon/features/account-setup/index.ts";
import { listTrustAnchors } from "../../../src/addon/platform/certificates-experiment.ts";
import { AccountsApiError, accountsExperimentAvailable } from "../../../src/addon/platform/experiment-errors.ts";
import { resolveSrv } from "../../../src/addon/platform/servers-experiment.ts";
import { getSettings } from "../../../src/addon/platform/settings.ts";
import type { ServerSettings } from "../../../src/core/operators/settings.ts";
import type { TrustAnchorPin } from "../../../src/core/operators/server-certificate.ts";
import type { Handler } from "./handlers.ts";

export const accountHandlers: Record<string, Handler> = {
  /** The bench's root pin (made at each run) and its DNS/auto-configuration answers. */
  async accountOverrides(params: { pins: TrustAnchorPin[]; issuerCn: string; discovery: DiscoveryOverrides }) {
    setTestOverrides({ pins: params.pins, issuerCn: new RegExp(params.issuerCn) }, params.discovery);
    return { experiment: accountsExperimentAvailable() };
  },

  accountOpenWizard: () => openWizard(),
  accountStart: (params: { address: string }) => startSetup(params.address),
  accountDiscover: (params: { sessionId: string }) => discover(params.sessionId),
  accountCheck: (params: { sessionId: string; settings: ServerSettings }) => checkServers(params.sessionId, params.settings),
  accountInstallAnchors: (params: { sessionId: string }) => installAnchors(params.sessionId),
  accountCreate: (params: { sessionId: string; request: CreateRequest }) => createMssanteAccount(params.sessionId, params.request),
  accountCancel: async (params: { sessionId: string }) => cancelSetup(params.sessionId),
  accountAnchorsAdded: () => trustAnchorsAdded(),
  accountRemoveAnchor: (params: { sha256: string }) => removeAnchor(params.sha256),
  accountAnchorsInDb: (params: { sha256: string[] }) => listTrustAnchors(params.sha256),

  /** Every account with its identities and servers as MailExtension APIs see them. */
  async accountState() {
    const settings = await getSettings();
    const accounts = await messenger.accounts.list(false);
    return {
      mssanteAccounts: settings.mssanteAccounts,
      accounts: accounts.map((a) => ({ id: a.id, name: a.name, type: a.type, identities: a.identities.map((i) => ({ id: i.id, email: i.email, name: i.name })) })),
    };
  },

  /** Messages already in the INBOX; never asks Thunderbird to sync (the feature must have done it). */
  async accountInbox(params: { accountId: string }) {
    const [inbox] = await messenger.folders.query({ accountId: params.accountId, specialUse: ["inbox"] });
    if (!inbox) return null;
    const page = await messenger.messages.list(inbox.id);
    return page.messages.map((m) => m.subject);
  },

  /** Thunderbird's own DNS SRV look-up (a libresolv worker): records, or the error kind. */
  async accountResolveSrv(params: { name: string }) {
    try {
      return { records: await resolveSrv(params.name) };
    } catch (err) {
      return { error: err instanceof AccountsApiError ? err.kind : String(err) };
    }
  },

  /** Thunderbird's UI language: the add-on's messages follow it (French first, then English). */
  async accountUiLanguage() {
    return messenger.i18n.getUILanguage();
  },

  async accountWizardShown() {
    // The page loads asynchronously after the install-time offer.
    // Up to 30 s: on a loaded machine the start-up (and so the offer) can take that long.
    for (let i = 0; i < 300 && wizardShownInTab() === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    // A second offer (a duplicate install event, a start-up path opening it again) would come
    // within moments of the first: count the wizard tabs after a while, not at the first sight.
    await new Promise((r) => setTimeout(r, 2000));
    return { tabId: wizardShownInTab() ?? null, wizardTabs: wizardTabsShown(), opening: wizardOpening() ?? null };
  },
};
