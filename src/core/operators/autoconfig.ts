// Thunderbird's own auto-configuration format (clientConfig 1.1), fetched from the addresses
// Thunderbird itself tries for a domain, HTTPS only. Like DNS, it is not authenticated: what it
// names is only a candidate until its certificate passes the checks.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { msg, render, type Text } from "../i18n.ts";
import { normaliseHost, type AuthKind, type Endpoint, type Security } from "./settings.ts";

/** GETs a URL; `status` 0 when unreachable. Injected: core has no network. */
export type HttpGet = (url: string) => Promise<{ status: number; text: string }>;

export function autoconfigUrls(domain: string, address: string): string[] {
  const q = `emailaddress=${encodeURIComponent(address)}`;
  return [`https://autoconfig.${domain}/mail/config-v1.1.xml?${q}`, `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml?${q}`];
}

export interface AutoconfigResult {
  imap?: Endpoint;
  smtp?: Endpoint;
}

export class AutoconfigError extends Error {
  constructor(readonly text: Text) {
    super(render(text));
    this.name = "AutoconfigError";
  }
}

type Raw = Record<string, unknown>;

function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return text((v as Raw)["#text"]);
  return String(v).trim();
}

function asArray(v: unknown): Raw[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Raw[];
}

const SECURITY: Record<string, Security | "plain"> = { SSL: "tls", TLS: "tls", STARTTLS: "starttls", plain: "plain" };
// Thunderbird's names; "password-encrypted" (CRAM-MD5) and others are sent as the password too.
const AUTH: Record<string, AuthKind> = {
  "password-cleartext": "password",
  plain: "password",
  "password-encrypted": "password",
  secure: "password",
  OAuth2: "oauth2",
};

function endpoint(server: Raw, address: string): Endpoint | undefined {
  const security = SECURITY[text(server.socketType)];
  const host = normaliseHost(text(server.hostname));
  const port = Number(text(server.port));
  // Plain text connections are not acceptable for health data: such an entry is skipped.
  if (!host || !security || security === "plain" || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const auths = asArray(server.authentication).map(text);
  const auth = auths.map((a) => AUTH[a]).find((a): a is AuthKind => a !== undefined) ?? "password";
  const at = address.lastIndexOf("@");
  const username = (text(server.username) || "%EMAILADDRESS%")
    .replace(/%EMAILADDRESS%/g, address)
    .replace(/%EMAILLOCALPART%/g, address.slice(0, at))
    .replace(/%EMAILDOMAIN%/g, address.slice(at + 1));
  return { host, port, security, username, auth };
}

/** Reads the IMAP and SMTP servers of a clientConfig document (the first usable one of each). */
export function parseAutoconfig(xml: string, address: string): AutoconfigResult {
  if (XMLValidator.validate(xml) !== true) throw new AutoconfigError(msg("autoconfigInvalidXml"));
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: true }).parse(xml) as Raw;
  const provider = asArray((doc.clientConfig as Raw | undefined)?.emailProvider)[0];
  if (!provider) throw new AutoconfigError(msg("autoconfigNoProvider"));
  const pick = (list: unknown, type: string) =>
    asArray(list)
      .filter((s) => s["@type"] === type)
      .map((s) => endpoint(s, address))
      .find((e): e is Endpoint => e !== undefined);
  return { imap: pick(provider.incomingServer, "imap"), smtp: pick(provider.outgoingServer, "smtp") };
}

/** Tries each URL in turn; the first document that parses wins. */
export async function fetchAutoconfig(urls: string[], address: string, get: HttpGet): Promise<AutoconfigResult & { url?: string }> {
  for (const url of urls) {
    let answer: { status: number; text: string };
    try {
      answer = await get(url);
    } catch {
      continue;
    }
    if (answer.status !== 200) continue;
    try {
      const found = parseAutoconfig(answer.text, address);
      if (found.imap || found.smtp) return { ...found, url };
    } catch {
      // A broken document at one address does not stop the next one.
    }
  }
  return {};
}
