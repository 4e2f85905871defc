// Bench commands for the operator server-certificate checks.
import { checkAllAccounts, loadNotified } from "../../../src/addon/features/server-certificates.ts";
import type { Handler } from "./handlers.ts";

export const serverHandlers: Record<string, Handler> = {
  serversCheck: () => checkAllAccounts(),
  serversNotified: () => loadNotified(),
};
