// A directory entry as the vCard 4.0 (RFC 6350) Thunderbird's address book provider expects.
// Written by hand: six properties and RFC 6350 §3.4 escaping do not justify a vCard library, and
// Thunderbird's own parser reads the result.
import { french, type Translate } from "../i18n.ts";
import type { DirectoryEntry } from "./search.ts";
import { cleanToken } from "../mail/thunderbird-view.ts";

// Kinds of mailbox named in the list; their words are the _locales keys "vcardMailbox" + kind.
export const MAILBOX_KINDS: readonly string[] = ["ORG", "APP", "CAB"];

function esc(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/,/g, "\\,").replace(/;/g, "\\;");
}

/**
 * Directory text as it may go into a recipient's display name. The file is not trusted text, and
 * Thunderbird reads a display name as part of an address header: RFC 2047 words are decoded (an
 * « =?UTF-8?B?…?= » name can decode to « Pirate <pirate@evil.example> »), and the characters
 * jsmime's cleanToken cleans (bidi controls, zero-width spaces) change the name, so that the
 * description would no longer be recognised at send time. Both are done here first. Linear.
 */
export function nameText(s: string): string {
  return cleanToken(s).replace(/=\?/g, "= ?").replace(/\s+/g, " ").trim();
}

/**
 * Directory text as shown in the dropdown's description. Thunderbird writes the suggestion
 * unquoted (« description <address> ») and parses it back as an address list: a comma or an
 * address in a service name would add a recipient, an unclosed parenthesis or bracket, or a
 * colon, would lose the real address, an « @ » would drop the parenthesis after it. Our own
 * punctuation around the pieces stays. Linear.
 */
function shownText(s: string): string {
  return nameText(s.replace(/[()[\]<>,;:"\\@]/g, " "));
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
export function displayName(entry: DirectoryEntry, translate: Translate = french): string {
  const e = {
    civility: shownText(entry.civility),
    firstName: shownText(entry.firstName),
    lastName: shownText(entry.lastName),
    service: shownText(entry.service),
    organisation: shownText(entry.organisation),
    email: entry.email,
    specialty: shownText(entry.specialty),
    profession: shownText(entry.profession),
    city: shownText(entry.city),
    mailboxType: entry.mailboxType,
  };
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
