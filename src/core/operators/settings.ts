// Server settings of an MSSanté account and the client rules they must follow: IMAP with STARTTLS
// on 143 and SMTP submission with STARTTLS on 587 by default (Référentiel #2, ECO.1.0.1–1.1.1).
import { normaliseDomain } from "../trust/domains.ts";

export type Security = "starttls" | "tls";
/** "client-certificate": an applicative mailbox's IGC-Santé organisation certificate (.p12, mutual TLS). */
export type AuthKind = "password" | "oauth2" | "client-certificate";

export interface Endpoint {
  host: string;
  port: number;
  security: Security;
  /** Login name; the full address unless the operator says otherwise. */
  username: string;
  auth: AuthKind;
}

export interface ServerSettings {
  imap: Endpoint;
  smtp: Endpoint;
}

export type SettingsSource = "known" | "srv" | "autoconfig" | "manual";

export const DEFAULT_IMAP_PORT = 143;
export const DEFAULT_SMTP_PORT = 587;

/** What the manual form starts from: the rules' ports, the address as login, no host. */
export function defaultSettings(address: string): ServerSettings {
  return {
    imap: { host: "", port: DEFAULT_IMAP_PORT, security: "starttls", username: address, auth: "password" },
    smtp: { host: "", port: DEFAULT_SMTP_PORT, security: "starttls", username: address, auth: "password" },
  };
}

export type SettingsProblem = "host" | "port" | "username";

/** Problems of one endpoint, for the manual form (empty when usable). */
export function endpointProblems(e: Endpoint): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!normaliseHost(e.host)) problems.push("host");
  if (!Number.isInteger(e.port) || e.port < 1 || e.port > 65535) problems.push("port");
  if (!e.username.trim() || /[\s]/.test(e.username.trim())) problems.push("username");
  return problems;
}

/** Lower-case ASCII host name, or undefined (IP literals are not accepted: certificates name hosts). */
export function normaliseHost(host: string): string | undefined {
  const h = normaliseDomain(host.trim());
  if (!h) return undefined;
  if (h === "localhost") return h;
  if (!h.includes(".") || /^[0-9.]+$/.test(h)) return undefined;
  return h;
}

/** The settings with hosts normalised, or undefined when one endpoint is unusable. */
export function normaliseSettings(s: ServerSettings): ServerSettings | undefined {
  if (endpointProblems(s.imap).length || endpointProblems(s.smtp).length) return undefined;
  return {
    imap: { ...s.imap, host: normaliseHost(s.imap.host)!, username: s.imap.username.trim() },
    smtp: { ...s.smtp, host: normaliseHost(s.smtp.host)!, username: s.smtp.username.trim() },
  };
}
