// A directory entry as the vCard 4.0 (RFC 6350) Thunderbird's address book provider expects.
// Written by hand: six properties and RFC 6350 §3.4 escaping do not justify a vCard library, and
// Thunderbird's own parser reads the result.
import { french, type Translate } from "../i18n.ts";
import type { DirectoryEntry } from "./search.ts";

// Kinds of mailbox named in the list; their words are the _locales keys "vcardMailbox" + kind.
export const MAILBOX_KINDS: readonly string[] = ["ORG", "APP", "CAB"];

function esc(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/,/g, "\\,").replace(/;/g, "\\;");
}

const title = (s: string) => s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

/**
 * A city as the file spells it (the entry's city is already the file's best spelling of that place,
 * city-spelling.ts: "SAINT-ÉTIENNE" keeps its hyphen and accent): only the all-capitals of the
 * postal line are softened; a name already in mixed case is shown untouched.
 */
function city(s: string): string {
  return s === s.toUpperCase() ? title(s) : s;
}

/**
 * The name shown in the autocomplete list: enough to tell homonyms apart (profession or
 * speciality, city, organisation, kind of mailbox).
 */
export function displayName(e: DirectoryEntry, translate: Translate = french): string {
  const civility = e.civility ? `${title(e.civility)} ` : "";
  const person = [e.firstName && title(e.firstName), e.lastName && e.lastName.toUpperCase()].filter(Boolean).join(" ");
  const who = person ? `${civility}${person}` : e.service || e.organisation || e.email;
  const what = e.specialty || e.profession;
  const where = [e.city && city(e.city), e.organisation && e.organisation !== who ? e.organisation : ""].filter(Boolean).join(", ");
  const kind = MAILBOX_KINDS.includes(e.mailboxType) ? translate(`vcardMailbox${e.mailboxType}`) : "";
  return [who, what ? `— ${what}` : "", where ? `(${where})` : "", kind ? `[${kind}]` : ""].filter(Boolean).join(" ");
}

export function toVCard(e: DirectoryEntry, translate: Translate = french): string {
  const lines = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    `FN:${esc(displayName(e, translate))}`,
    `N:${esc(e.lastName)};${esc(e.firstName)};;${esc(e.civility)};`,
    `EMAIL;PREF=1:${esc(e.email)}`,
  ];
  if (e.organisation || e.service) lines.push(`ORG:${esc(e.organisation)}${e.service ? `;${esc(e.service)}` : ""}`);
  if (e.specialty || e.profession) lines.push(`TITLE:${esc(e.specialty || e.profession)}`);
  if (e.city || e.postalCode) lines.push(`ADR;TYPE=work:;;;${esc(e.city)};;${esc(e.postalCode)};France`);
  if (e.mailboxType) lines.push(`NOTE:${esc(`MSSanté ${e.mailboxType}`)}`);
  lines.push("END:VCARD");
  return lines.join("\r\n");
}
