// RFC 6186 service records, as the client rules require for auto-configuration (ECO.1.1.9):
// `_imap._tcp.<domain>` (IMAP, STARTTLS) and `_submission._tcp.<domain>` (SMTP submission,
// STARTTLS). DNS is not authenticated: whatever they name is only a candidate until its
// certificate passes the checks.
import { normaliseHost, type Endpoint } from "./settings.ts";

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  /** Target host; "." means the service is decidedly not offered (RFC 2782). */
  target: string;
}

/** Resolves SRV records of a name; an empty list when there are none. Injected: core has no network. */
export type SrvResolver = (name: string) => Promise<SrvRecord[]>;

/** The record to use: lowest priority, then highest weight (deterministic, unlike RFC 2782's lottery). */
export function bestRecord(records: SrvRecord[]): SrvRecord | undefined {
  const usable = records.filter((r) => Number.isInteger(r.port) && r.port > 0 && r.port < 65536);
  if (usable.some((r) => r.target.replace(/\.$/, "") === "")) return undefined;
  return [...usable].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
}

export interface SrvResult {
  imap?: Endpoint;
  smtp?: Endpoint;
}

export async function srvSettings(domain: string, address: string, resolve: SrvResolver): Promise<SrvResult> {
  const endpoint = async (service: string): Promise<Endpoint | undefined> => {
    const record = bestRecord(await resolve(`${service}._tcp.${domain}`));
    const host = record ? normaliseHost(record.target.replace(/\.$/, "")) : undefined;
    return record && host ? { host, port: record.port, security: "starttls", username: address, auth: "password" } : undefined;
  };
  const [imap, smtp] = await Promise.all([endpoint("_imap"), endpoint("_submission")]);
  return { imap, smtp };
}
