// Bench commands for the operator server-certificate checks.
import { checkAllAccounts } from "../../../src/addon/features/server-certificates.ts";
import { loadNotified } from "../../../src/addon/storage/server-check-store.ts";
import type { Handler } from "./handlers.ts";

export const serverHandlers: Record<string, Handler> = {
  serversCheck: () => checkAllAccounts(),
  serversNotified: () => loadNotified(),
  /**
   * Stores a passing operator-server check for the account, as if its servers had IGC-Santé
   * certificates (the bench's Dovecot has a test CA), and stops the daily re-check so that it
   * stays: lets a test see the state of a message when every part is right.
   */
  async seedServerCheck(params: { accountId: string }) {
    await messenger.alarms.clearAll();
    // Checks are queued: this one runs after any already asked for, so none lands after the seed.
    await checkAllAccounts();
    const checks = ((await messenger.storage.local.get("serverChecks")).serverChecks ?? {}) as Record<string, unknown>;
    checks[params.accountId] = {
      accountId: params.accountId,
      checkedAt: new Date().toISOString(),
      servers: [{ protocol: "imap", host: "127.0.0.1", port: 143, ok: true, problems: [], warnings: [] }],
    };
    await messenger.storage.local.set({ serverChecks: checks });
    return "ok";
  },
};
