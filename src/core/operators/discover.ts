// Finds an account's server settings, in the order the issue sets: the known-operator table, RFC
// 6186 records, auto-configuration, then manual entry. Each source may give IMAP, SMTP or both;
// the first source to give one keeps it. Nothing found is not an error: the form asks for it.
import { autoconfigUrls, fetchAutoconfig, type HttpGet } from "./autoconfig.ts";
import { knownOperator, type KnownOperator } from "./known-operators.ts";
import { defaultSettings, type Endpoint, type ServerSettings, type SettingsSource } from "./settings.ts";
import { srvSettings, type SrvResolver } from "./srv.ts";

export interface DiscoveryEnv {
  resolveSrv?: SrvResolver;
  httpGet?: HttpGet;
  /** Where auto-configuration is fetched (default: Thunderbird's two addresses for the domain). */
  autoconfigUrls?: (domain: string, address: string) => string[];
  knownOperators?: readonly KnownOperator[];
}

export interface Attempt {
  source: Exclude<SettingsSource, "manual">;
  outcome: "found" | "partial" | "none" | "error" | "skipped";
  detail?: string;
}

export interface Discovery {
  /** Settings to show the user; hosts empty where nothing was found. */
  settings: ServerSettings;
  /** Where each side came from; "manual" when the user must enter it. */
  sources: { imap: SettingsSource; smtp: SettingsSource };
  /** True when both sides were found. */
  complete: boolean;
  attempts: Attempt[];
}

export async function discoverSettings(address: string, domain: string, operatorDns: readonly string[], env: DiscoveryEnv): Promise<Discovery> {
  const settings = defaultSettings(address);
  const sources: Discovery["sources"] = { imap: "manual", smtp: "manual" };
  const attempts: Attempt[] = [];
  const take = (source: Attempt["source"], found: { imap?: Endpoint; smtp?: Endpoint }, detail?: string) => {
    let got = 0;
    for (const side of ["imap", "smtp"] as const) {
      const e = found[side];
      if (e && sources[side] === "manual") {
        settings[side] = e;
        sources[side] = source;
      }
      if (e) got++;
    }
    attempts.push({ source, outcome: got === 2 ? "found" : got === 1 ? "partial" : "none", detail });
  };
  const done = () => sources.imap !== "manual" && sources.smtp !== "manual";

  const known = knownOperator(domain, operatorDns, env.knownOperators);
  if (known) take("known", { imap: { ...known.imap, username: address }, smtp: { ...known.smtp, username: address } }, known.source);
  else attempts.push({ source: "known", outcome: "none" });

  if (!done()) {
    if (!env.resolveSrv) attempts.push({ source: "srv", outcome: "skipped" });
    else {
      try {
        take("srv", await srvSettings(domain, address, env.resolveSrv));
      } catch (err) {
        attempts.push({ source: "srv", outcome: "error", detail: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  if (!done()) {
    if (!env.httpGet) attempts.push({ source: "autoconfig", outcome: "skipped" });
    else {
      const urls = (env.autoconfigUrls ?? autoconfigUrls)(domain, address);
      const found = await fetchAutoconfig(urls, address, env.httpGet);
      take("autoconfig", found, found.url);
    }
  }

  return { settings, sources, complete: done(), attempts };
}
