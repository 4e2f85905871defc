// The sender the user sees: the first mailbox of the first From field, as read strictly here and
// as Thunderbird displays it. The trust verdict and the S/MIME signer check both start from it, so
// that neither can be satisfied by a mailbox the reader does not see (a second From field, a
// second author, an address only one of the two readings finds).
import { headerValues, type HeaderBlock } from "./headers.ts";
import { parseAddressList, type AddressList, type Mailbox } from "./address.ts";
import { thunderbirdMailboxes, type ShownMailbox } from "./thunderbird-view.ts";

export type FromAmbiguity = "several-from-fields" | "several-authors" | "display-differs";

export interface DisplayedFrom {
  /** Values of the From fields, in order. */
  values: string[];
  /** Strict reading of each From field. */
  parsed: AddressList[];
  /** Every mailbox of every From field (strict reading). */
  mailboxes: Mailbox[];
  /** The mailbox a reader takes for the sender, when there is one. */
  first: Mailbox | undefined;
  /** What Thunderbird shows for each From field (null: it fails to parse it). */
  shown: (ShownMailbox[] | null)[];
  /** Why `first` is not unambiguously the sender displayed; empty when it is. */
  ambiguity: FromAmbiguity[];
}

/** The address as jsmime writes it: local part quoted when it holds specials or spaces. */
export function shownForm(m: Pick<Mailbox, "localPart" | "domain">): string {
  const lp = m.localPart;
  const local = /[ !()<>[\]:;@\\,"]/.test(lp) ? `"${lp.replace(/([\\"])/g, "\\$1")}"` : lp;
  return `${local}@${m.domain}`;
}

/** Equal for a reader: byte for byte, except ASCII letter case. */
export function sameAddress(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  // Code unit by code unit, A-Z taken as a-z (and nothing else folded): O(n), no copies.
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x |= 0x20;
    if (y >= 0x41 && y <= 0x5a) y |= 0x20;
    if (x !== y) return false;
  }
  return true;
}

/** O(n) in the size of the From fields. */
export function displayedFrom(block: HeaderBlock): DisplayedFrom {
  return displayedFromValues(headerValues(block, "from"));
}

/** displayedFrom for the values of a block's From fields (headerValues(block, "from")). O(n). */
export function displayedFromValues(values: string[]): DisplayedFrom {
  const parsed: AddressList[] = [];
  const mailboxes: Mailbox[] = [];
  const shown: (ShownMailbox[] | null)[] = [];
  for (const v of values) {
    const p = parseAddressList(v);
    parsed.push(p);
    for (const m of p.mailboxes) mailboxes.push(m);
    shown.push(thunderbirdMailboxes(v));
  }
  const first = parsed[0]?.mailboxes[0];
  const ambiguity: FromAmbiguity[] = [];
  if (values.length > 1) ambiguity.push("several-from-fields");
  const tb = shown[0];
  if ((parsed[0]?.mailboxes.length ?? 0) > 1 || (tb && tb.length > 1)) ambiguity.push("several-authors");
  if (first && (!tb || tb.length !== 1 || !sameAddress(tb[0]!.email, shownForm(first)))) ambiguity.push("display-differs");
  return { values, parsed, mailboxes, first, shown, ambiguity };
}
