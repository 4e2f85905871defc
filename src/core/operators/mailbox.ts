// From the address a user types to the white-list entry of its domain, or a refusal that says
// why. The test is the white list's own: an exact match of the whole domain (domain.md §1).
import { normaliseDomain } from "../trust/domains.ts";
import { lookup, PATIENT_DOMAIN, type Whitelist, type WhitelistEntry } from "../trust/whitelist.ts";
import { operatorFromDn, type Operator } from "./operator.ts";
import { nearestListedDomain } from "./nearest-domain.ts";

export type MailboxRefusal =
  /** Not an address at all (no @, spaces, unusable domain…). */
  | "invalid-address"
  /** The ANS training environment: its domains are never in the production list. */
  | "training"
  /** Mon espace santé: patients' mailboxes are not opened in a mail client. */
  | "patient"
  /** Under mssante.fr but not listed (mistyped, closed, or not yet published). */
  | "not-listed-mssante"
  /** Any other domain: not an MSSanté address. */
  | "not-listed"
  /** No white list available yet: nothing can be checked. */
  | "no-whitelist";

export type MailboxCheck =
  | { ok: true; address: string; localPart: string; domain: string; entry: WhitelistEntry; operators: Operator[] }
  | { ok: false; refusal: MailboxRefusal; address: string; domain?: string; suggestion?: string };

const TRAINING_SUFFIX = ".formation.mssante.fr";
// RFC 5321 dot-atom, ASCII: MSSanté addresses are plain ASCII (the directory holds no other kind).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

export function checkMailbox(input: string, whitelist: Whitelist | undefined): MailboxCheck {
  const address = input.trim();
  const at = address.lastIndexOf("@");
  const localPart = at > 0 ? address.slice(0, at) : "";
  const domain = at > 0 ? normaliseDomain(address.slice(at + 1)) : undefined;
  if (!domain || !domain.includes(".") || localPart.length > 64 || !LOCAL_PART.test(localPart)) {
    return { ok: false, refusal: "invalid-address", address };
  }
  const normalised = `${localPart}@${domain}`;
  if (domain === "formation.mssante.fr" || domain.endsWith(TRAINING_SUFFIX)) return { ok: false, refusal: "training", address: normalised, domain };
  if (domain === PATIENT_DOMAIN) return { ok: false, refusal: "patient", address: normalised, domain };
  if (!whitelist) return { ok: false, refusal: "no-whitelist", address: normalised, domain };
  const entry = lookup(whitelist, domain);
  if (!entry) {
    // A listed domain a typo away is suggested (never accepted for the user).
    const suggestion = nearestListedDomain(domain, whitelist.entries.keys());
    return {
      ok: false,
      refusal: domain === "mssante.fr" || domain.endsWith(".mssante.fr") ? "not-listed-mssante" : "not-listed",
      address: normalised,
      domain,
      ...(suggestion ? { suggestion: `${localPart}@${suggestion}` } : {}),
    };
  }
  const operators = entry.operatorDns.map(operatorFromDn);
  return { ok: true, address: normalised, localPart, domain, entry, operators };
}
