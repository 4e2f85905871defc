// Pro Santé Connect: configured at build time (the oauth_provider manifest key), and usable only
// for servers whose host Thunderbird will match to it.
import type { PscStatus } from "../../platform/contract.ts";
import { manifestKey } from "../../platform/runtime.ts";

const PSC_PLACEHOLDER = "__MSSANTE_PSC_CLIENT_ID__";

export function pscStatus(): PscStatus {
  const provider = manifestKey("oauth_provider") as { clientId?: string; hostnames?: string[] } | undefined;
  const configured = Boolean(provider?.clientId && provider.clientId !== PSC_PLACEHOLDER);
  return { configured, hostnames: configured ? (provider?.hostnames ?? []) : [] };
}

/** Thunderbird looks a server's OAuth provider up by its host name, then its parent domains. */
export function pscCovers(host: string, psc: PscStatus): boolean {
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) if (psc.hostnames.includes(h)) return true;
  return psc.hostnames.includes(host);
}
