// What leaves the machine when a directory suggestion is picked: the person's name and address.
// The dropdown shows a description to tell homonyms apart (profession, city, practice, kind of
// mailbox); Thunderbird writes a suggestion's vCard FN into To: and into Collected Addresses, so
// the description would reach the recipient and stay in the user's address book. The add-on
// remembers the descriptions it showed and, before sending, puts the clean name back.
import { french, type Translate } from "../i18n.ts";
import type { DirectoryEntry } from "./search.ts";
import { displayName, nameText } from "./vcard.ts";
import { cleanToken, thunderbirdMailboxes } from "../mail/thunderbird-view.ts";

const title = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

/** « Jean DUPONT »; a service or organisation mailbox by its service or organisation; else nothing. */
export function recipientName(e: DirectoryEntry): string {
  // nameText: no RFC 2047 word for Thunderbird to decode, nothing its cleanToken would change.
  const first = nameText(e.firstName);
  const last = nameText(e.lastName);
  const person = [first && title(first), last && last.toUpperCase()].filter(Boolean).join(" ");
  return person || nameText(e.service) || nameText(e.organisation) || "";
}

/** What the dropdown showed for an address, and the name to send instead. */
export interface Suggested {
  description: string;
  name: string;
}

/** `translate` must be the one the dropdown's vCard used: the description is matched against it. */
export function suggestedFor(e: DirectoryEntry, translate: Translate = french): Suggested {
  return { description: displayName(e, translate), name: recipientName(e) };
}

const SPECIALS = /[()<>[\]:;@\\,."]/;

/** RFC 5322 display name: quoted when it holds specials. */
function formatMailbox(name: string, address: string): string {
  if (!name) return address;
  const shown = SPECIALS.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : name;
  return `${shown} <${address}>`;
}

/**
 * Splits a compose recipient as Thunderbird gives it (`Name <a@b>`, `"Name, X" <a@b>`, `a@b`).
 * Only this simple shape is recognised: anything else is left as it is (it cannot be one of ours).
 */
function splitRecipient(recipient: string): { name: string; address: string } | undefined {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/s.exec(recipient);
  if (!m) return undefined;
  let name = m[1]!;
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  return { name, address: m[2]! };
}

// As Thunderbird hands a name back: its cleanToken applied (invisible characters made spaces).
const same = (a: string, b: string) => cleanToken(a).replace(/\s+/g, " ").trim() === cleanToken(b).replace(/\s+/g, " ").trim();

/**
 * The name Thunderbird makes of a suggestion « description <address> » when it turns it into a
 * recipient (its address parser, thunderbird-view.ts): it can differ from the description, e.g.
 * a parenthesis after an « @ » is dropped (« lab@bio.fr (Lyon) [boîte applicative] » becomes
 * « lab@bio.fr [boîte applicative] »). Linear in the description's length.
 */
function readBack(description: string, address: string): string {
  const read = thunderbirdMailboxes(`${description} <${address}>`);
  return read?.length === 1 ? read[0]!.name : description;
}

/**
 * The recipient to send: when its display name is a description the add-on showed for that very
 * address, the clean name replaces it; every other recipient (typed by hand, from the user's own
 * address book) is left untouched. Linear in the recipient's length.
 */
export function cleanRecipient(recipient: string, suggested: (address: string) => readonly Suggested[] | undefined): string {
  const parts = splitRecipient(recipient);
  if (!parts) return recipient;
  const ours = suggested(parts.address.toLowerCase())?.find((s) => same(s.description, parts.name) || same(readBack(s.description, parts.address), parts.name));
  if (!ours || same(ours.name, parts.name)) return recipient;
  return formatMailbox(ours.name, parts.address);
}

/**
 * The address of a compose recipient (`Name <a@b>`, `"Name, X" <a@b>` or a bare `a@b`), lower
 * case; undefined for anything else (a group, a list). Linear in the recipient's length.
 */
export function recipientAddress(recipient: string): string | undefined {
  const address = (splitRecipient(recipient)?.address ?? recipient).trim().toLowerCase();
  return /^[^\s@<>",]+@[^\s@<>",]+$/.test(address) ? address : undefined;
}
