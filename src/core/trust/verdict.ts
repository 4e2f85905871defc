// The trust verdict of one message: pure, from its raw header block, the white list and the kind
// of account it sits in. Ambiguity is never trusted: whatever a reader could take for an MSSanté
// sender must be one, unambiguously, or the message is not trusted.
import { headerValues, readFields, type HeaderBlock, type SelectedFields } from "../mail/headers.ts";
import { parseAddressList, type AddressAnomaly, type Mailbox } from "../mail/address.ts";
import { displayedFromValues, sameAddress, shownForm } from "../mail/displayed-from.ts";
import { thunderbirdMailboxes, type ShownMailbox } from "../mail/thunderbird-view.ts";
import { decodeEncodedWords } from "../mail/encoded-words.ts";
import { claimedAuthority, isOfficialDomain, operatorName } from "./authority-claims.ts";
import { describeChar, firstInvisible, hasBidiControl, isPrintableAscii, reversed, visible, visualFold } from "../mail/characters.ts";
import { translator, type Translate } from "../i18n.ts";
import { displayDomain, domainAsWrittenProblem, normaliseDomain, scriptsOf } from "./domains.ts";
import { imitatedDomain, lookup, PATIENT_DOMAIN, type Whitelist } from "./whitelist.ts";
import { checkRelay } from "./relay.ts";
import { messageKey, REASONS, type ReasonCode, type Severity } from "./reasons.ts";

export type AccountKind = "mssante" | "other";
export type Category = "professional" | "patient" | "outside" | "impersonation";

export interface Reason {
  code: ReasonCode;
  severity: Severity;
  message: string;
  params: string[];
}

export interface Verdict {
  trusted: boolean;
  category: Category;
  /** The From mailbox the verdict is about (the first one when there were several). */
  sender: { address: string; displayName: string; domain: string } | null;
  reasons: Reason[];
  /** DateDeGeneration of the white list used. */
  whitelistDate: string;
}

export interface VerdictInput {
  /** Raw message or header block (bytes or text), or an already parsed block. */
  headers: string | Uint8Array | HeaderBlock;
  whitelist: Whitelist;
  account: AccountKind;
  /** Domain of the user's own MSSanté address (for the relay check). */
  accountDomain?: string;
  /** User decisions per domain. */
  overrides?: Record<string, "trusted" | "untrusted">;
  translate?: Translate;
}

const DEFAULT_TRANSLATE = translator("fr");

// Beyond this many characters in the From, Sender or Reply-To fields (all fields of a name
// together) the message is refused, not read in part: real ones are well under 1,000.
export const MAX_ADDRESS_FIELDS = 16 * 1024;
// Reasons of one kind listed at most (a message can carry thousands of Reply-To addresses).
const MAX_REPEATED_REASONS = 20;

const SYNTAX_ANOMALIES: AddressAnomaly[] = [
  "unquoted-specials-in-name",
  "text-after-address",
  "several-angle-addresses",
  "source-route",
  "domain-literal",
  "unbalanced",
  "empty-element",
  "group",
  "missing-domain",
  "invalid-address",
  "quoted-specials-in-address",
  "control-characters",
  "encoded-word-undecodable",
];

// Characters that end an address written in running text (the delimiters of the old
// /[^D]+@[^D]+\.[^D]{2,}/ pattern, whose backtracking was cubic on "a@a@a@…"). All are in the
// BMP; ASCII ones are looked up in a table, the others asked of the pattern.
const TEXT_DELIMITER = /[\s<>"'(),;:[\]]/u;
const ASCII_DELIMITER = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_DELIMITER[c] = TEXT_DELIMITER.test(String.fromCharCode(c)) ? 1 : 0;
const isTextDelimiter = (c: number) => (c < 128 ? ASCII_DELIMITER[c] === 1 : TEXT_DELIMITER.test(String.fromCharCode(c)));

/** The run text[start, end) of `length` code points, when it reads as an address. */
function addressRun(text: string, start: number, end: number, length: number, out: string[]): void {
  if (length < 5) return;
  const run = text.slice(start, end);
  const at = run.indexOf("@", 1);
  if (at > 0 && run.lastIndexOf(".", run.length - 3) >= at + 2) out.push(run);
}

/**
 * Address-like runs in `text`: a maximal run of non-delimiters with an "@" after its first
 * character and a "." after that, of five code points or more. Runs are disjoint and each code
 * point is looked at once: O(n).
 */
export function addressLikes(text: string): string[] {
  const out: string[] = [];
  if (!text.includes("@")) return out;
  let start = 0;
  let length = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one code point (never a delimiter); a lone surrogate is one too.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        length++;
        i += 2;
        continue;
      }
    }
    if (isTextDelimiter(c)) {
      addressRun(text, start, i, length, out);
      start = i + 1;
      length = 0;
    } else length++;
    i++;
  }
  addressRun(text, start, n, length, out);
  return out;
}

/** What a reader may take for addresses in a name or comment: as folded, and read reversed. */
function shownAddresses(text: string, folded?: string): string[] {
  // Without an "@" once folded there is no address to find, reversed or not (printable ASCII
  // folds to its lower case: its "@" are the text's own).
  if (folded === undefined) {
    if (!text.includes("@") && isPrintableAscii(text)) return [];
    folded = visualFold(text);
  }
  if (!folded.includes("@")) return [];
  const found = addressLikes(folded);
  if (hasBidiControl(text)) found.push(...addressLikes(reversed(folded)));
  return found;
}

/** Reads like a trust-space name to a user: "mssante" in it once folded, or a listed domain. */
function looksLikeTrustSpace(text: string, wl: Whitelist): boolean {
  const folded = visualFold(text);
  if (/mssante/.test(folded) || (hasBidiControl(text) && /etnassm/.test(folded))) return true;
  const at = folded.lastIndexOf("@");
  return listedIn(wl, normaliseDomain(folded.slice(at + 1).trim()));
}

/** A name that shows a trust-space address, or reads like an MSSanté domain ("medecin.mssante.fr"), which passes for the address too. */
function nameLooksMssante(name: string, wl: Whitelist): boolean {
  const folded = visualFold(name);
  for (const a of shownAddresses(name, folded)) if (looksLikeTrustSpace(a, wl)) return true;
  return /mssante\s*\.\s*[a-z]/.test(folded);
}

/** "mssante" anywhere in the text, as written or once folded. O(n). */
function mentionsMssante(text: string): boolean {
  if (/mssante/i.test(text)) return true;
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) && /mssante|etnassm/.test(visualFold(text));
}

const SHOWN_AMBIGUOUS = 1;
const SHOWN_FALSE_CLAIM = 2;

/**
 * The addresses a reader may see in `text` (a name or comment) that are not the real address:
 * one reason each; SHOWN_AMBIGUOUS when there is one, SHOWN_FALSE_CLAIM when one is listed or
 * reads like the trust space. The real address is only written out when an address is found.
 */
function shownAddressReasons(r: Reasons, wl: Whitelist, code: ReasonCode, text: string, primary: Mailbox, domain: string | undefined): number {
  const found = shownAddresses(text);
  if (found.length === 0) return 0;
  const realAddress = `${primary.localPart}@${domain ?? primary.domain}`.toLowerCase();
  let out = 0;
  for (const addr of found) {
    const at = addr.lastIndexOf("@");
    const shownDomain = normaliseDomain(addr.slice(at + 1));
    const normalised = `${addr.slice(0, at)}@${shownDomain ?? addr.slice(at + 1)}`.toLowerCase();
    if (normalised === realAddress) continue;
    r.add(code, addr, primary.address);
    out |= SHOWN_AMBIGUOUS;
    if (listedIn(wl, shownDomain ?? undefined) || looksLikeTrustSpace(addr, wl)) out |= SHOWN_FALSE_CLAIM;
  }
  return out;
}

function isParsed(h: VerdictInput["headers"]): h is HeaderBlock {
  return typeof h === "object" && "fields" in h;
}

const SEVERITY_ORDER: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };
const bySeverity = (a: Reason, b: Reason) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
const listedIn = (wl: Whitelist, domain: string | undefined) => Boolean(domain && lookup(wl, domain));

/** The reasons of one verdict, each given once, at most MAX_REPEATED_REASONS of one kind. */
function finish(wl: Whitelist, reasons: Reason[], trusted: boolean, category: Category, sender: Verdict["sender"]): Verdict {
  reasons.sort(bySeverity);
  return { trusted, category, sender, reasons, whitelistDate: wl.generatedAt };
}

// Up to this many reasons, duplicates are found by comparing with each (most verdicts give two to
// five); past it, by key. Below MAX_REPEATED_REASONS, so that no kind reaches its limit unseen.
const SCANNED_REASONS = 12;

function sameParams(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class Reasons {
  readonly list: Reason[] = [];
  // De-duplication by key once the list is long: a linear scan per reason was quadratic in the
  // number of Reply-To. Made when the list passes SCANNED_REASONS, from the reasons kept so far.
  private seen: Set<string> | undefined;
  private perCode: Map<ReasonCode, number> | undefined;
  constructor(private readonly t: Translate) {}

  add(code: ReasonCode, ...params: string[]): void {
    const list = this.list;
    if (list.length < SCANNED_REASONS) {
      // Fewer reasons than any kind's limit: only a duplicate is left out.
      for (const r of list) if (r.code === code && sameParams(r.params, params)) return;
    } else {
      if (!this.seen) {
        this.seen = new Set();
        this.perCode = new Map();
        for (const r of list) {
          this.seen.add(reasonKey(r.code, r.params));
          this.perCode.set(r.code, (this.perCode.get(r.code) ?? 0) + 1);
        }
      }
      const key = reasonKey(code, params);
      if (this.seen.has(key)) return;
      const count = this.perCode!.get(code) ?? 0;
      if (count >= MAX_REPEATED_REASONS) return;
      this.seen.add(key);
      this.perCode!.set(code, count + 1);
    }
    list.push({ code, severity: REASONS[code], message: this.t(messageKey(code), params), params });
  }
}

const reasonKey = (code: ReasonCode, params: string[]) => `${code}\u0000${params.join("\u0000")}`;

// The only fields the verdict reads, in this order in SelectedFields.values.
const FIELDS = ["from", "sender", "reply-to", "received"] as const;
const [FROM, SENDER, REPLY_TO, RECEIVED] = [0, 1, 2, 3] as const;
const FIELD_NAMES = ["From", "Sender", "Reply-To"];

export function computeVerdict(input: VerdictInput): Verdict {
  const wl = input.whitelist;
  const h = input.headers;
  // From raw bytes (the add-on's case) only the fields read are cut out of the block: the same
  // values as parseHeaderBlock's (readFields).
  const block: SelectedFields = isParsed(h) ? { values: FIELDS.map((name) => headerValues(h, name)), truncated: h.truncated, hadNul: h.hadNul, bareCr: h.bareCr, disguised: h.disguised } : readFields(h, FIELDS);
  const r = new Reasons(input.translate ?? DEFAULT_TRANSLATE);
  return decide(input, wl, block, r, r.list, h instanceof Uint8Array ? latinFromNames(h, block.values[FROM]!) : NO_NAMES);
}

const NO_NAMES: string[] = [];
const WINDOWS_1252 = new TextDecoder("windows-1252");

/**
 * The From names as Thunderbird shows them when the field holds bytes that are not UTF-8: in the
 * message's charset (the one its Content-Type declares, and windows-1252 whatever it declares),
 * most often Latin-1 or windows-1252 (« Assistance MSSant\xe9 » is listed as
 * « Assistance MSSanté »), where the UTF-8 reading has U+FFFD and finds no claim. Asked too whether
 * they claim an authority or read like the trust space: more names asked can only add reasons,
 * never trust. Empty unless a From value has U+FFFD; then O(n) in the block's size (two or three
 * more decodings and readings of the block).
 */
export function latinFromNames(raw: Uint8Array, fromValues: readonly string[]): string[] {
  if (!fromValues.some((v) => v.includes("\uFFFD"))) return NO_NAMES;
  // From fields over their bound are refused unread (decide): no other reading of them either.
  let size = 0;
  for (const v of fromValues) size += v.length;
  if (size > MAX_ADDRESS_FIELDS) return NO_NAMES;
  const bytes = raw.length > MAX_LATIN_READ ? raw.subarray(0, MAX_LATIN_READ) : raw;
  const names: string[] = [];
  for (const decoder of [WINDOWS_1252, declaredDecoder(bytes)]) {
    if (!decoder) continue;
    for (const v of readFields(decoder.decode(bytes), ["from"]).values[0]!) {
      if (v.length > MAX_ADDRESS_FIELDS) continue; // refused unread in the UTF-8 reading too
      for (const m of parseAddressList(v).mailboxes) {
        names.push(m.displayName);
        for (const c of m.comments) names.push(decodeEncodedWords(c).text);
      }
      for (const m of thunderbirdMailboxes(v) ?? []) names.push(m.name);
    }
  }
  return names;
}

/**
 * The decoder of the charset the message's Content-Type declares (the one Thunderbird's list uses
 * for 8-bit header bytes, « koi8-r » as well as « iso-8859-1 »), when it is neither UTF-8 nor
 * windows-1252 (already read) and the platform knows it; else undefined.
 */
function declaredDecoder(bytes: Uint8Array): TextDecoder | undefined {
  const type = readFields(bytes, ["content-type"]).values[0]![0];
  const label = type ? CHARSET.exec(type)?.[1] : undefined;
  if (!label) return undefined;
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding === "utf-8" || decoder.encoding === "windows-1252" ? undefined : decoder;
  } catch {
    return undefined; // a label no decoder has: the two readings above stand
  }
}
const CHARSET = /charset\s*=\s*"?([^";\s]{1,40})/i;
// The header's bound (headers.ts DEFAULT_MAX): what the UTF-8 reading reads at most.
const MAX_LATIN_READ = 1024 * 1024;

function decide(input: VerdictInput, wl: Whitelist, block: SelectedFields, r: Reasons, reasons: Reason[], latinNames: readonly string[]): Verdict {

  let ambiguous = false;
  // What a reader may take as an MSSanté sender although the message does not prove it.
  let falseClaim = false;
  // Only an ordinary account's reader is misled by what merely looks like MSSanté (the
  // training environment, an address the IDN step rejects): an MSSanté account says "outside".
  let looksMssante = false;

  if (block.hadNul) {
    r.add("nul-bytes");
    ambiguous = true;
  }
  if (block.bareCr) {
    r.add("bare-carriage-return");
    ambiguous = true;
  }
  if (block.truncated) {
    r.add("header-too-large");
    ambiguous = true;
  }
  // A From, Sender or Reply-To that Thunderbird reads and we do not (headers.ts disguisedName).
  if (block.disguised) {
    for (let k = FROM; k <= REPLY_TO; k++) {
      if (block.disguised.includes(FIELDS[k]!)) {
        r.add("disguised-field-name", FIELD_NAMES[k]!);
        ambiguous = true;
      }
    }
  }
  let oversized = false;
  for (let k = FROM; k <= REPLY_TO; k++) {
    let size = 0;
    for (const v of block.values[k]!) size += v.length;
    if (size > MAX_ADDRESS_FIELDS) {
      r.add("header-too-complex", FIELD_NAMES[k]!, String(size));
      oversized = true;
    }
  }

  if (oversized) {
    // Not read at all: reading part of it would truncate into a verdict, and reading all of it
    // is work the sender chooses. Whatever mentions MSSanté is an impersonation attempt.
    const claims = [FROM, SENDER, REPLY_TO].some((k) => block.values[k]!.some(mentionsMssante));
    if (block.values[FROM]!.length === 0) r.add("no-from");
    return finish(wl, reasons, false, claims ? "impersonation" : "outside", null);
  }

  const from = displayedFromValues(block.values[FROM]!);
  const fromFields = from.values;
  if (fromFields.length === 0) {
    r.add("no-from");
    return finish(wl, reasons, false, "outside", null);
  }
  if (fromFields.length > 1) {
    // Name them all: the reader sees one of them, the hidden ones are what the attack hides.
    const addressOf = (i: number) => {
      const m = from.parsed[i]?.mailboxes[0];
      return visible(m ? m.address : fromFields[i]!.trim(), 120);
    };
    const others = fromFields.slice(1, 1 + MAX_REPEATED_REASONS).map((_, i) => addressOf(i + 1));
    if (fromFields.length > 1 + MAX_REPEATED_REASONS) others.push(`… (${fromFields.length - 1})`);
    r.add("several-from-fields", String(fromFields.length), addressOf(0), others.join(", "));
    ambiguous = true;
  }
  const mailboxes = from.mailboxes;
  // Most From fields have none: the syntax ones are then not looked for one by one.
  const anomalies = new Set<AddressAnomaly>();
  let anyAnomaly = false;
  for (const p of from.parsed) {
    for (const a of p.anomalies) {
      anomalies.add(a);
      anyAnomaly = true;
    }
  }

  // What Thunderbird displays, whatever our reading: any MSSanté-looking address or name in it
  // is a claim the message has to live up to.
  const shownAll: ShownMailbox[] = [];
  for (const s of from.shown) if (s) for (const m of s) shownAll.push(m);
  for (const s of shownAll) {
    if (looksLikeTrustSpace(s.email, wl)) looksMssante = true;
    if (nameLooksMssante(s.name, wl)) looksMssante = true;
  }
  for (const name of latinNames) if (nameLooksMssante(name, wl)) looksMssante = true;

  if (mailboxes.length === 0) {
    r.add("unreadable-from");
    if (input.account === "other" && looksMssante) return finish(wl, reasons, false, "impersonation", null);
    return finish(wl, reasons, false, "outside", null);
  }
  if (from.ambiguity.includes("several-authors")) {
    const all = from.parsed[0]!.mailboxes.length > 1 ? from.parsed[0]!.mailboxes.map((m) => m.address) : (from.shown[0] ?? []).map((m) => m.email || m.name);
    const list = all.length > MAX_REPEATED_REASONS ? [...all.slice(0, MAX_REPEATED_REASONS), `… (${all.length})`] : all;
    r.add("several-authors", list.map((a) => visible(a)).join(", "));
    ambiguous = true;
  }
  if (anomalies.has("encoded-word-in-address")) {
    r.add("encoded-address");
    ambiguous = true;
  }
  const syntax: AddressAnomaly[] = [];
  if (anyAnomaly) for (const a of SYNTAX_ANOMALIES) if (anomalies.has(a)) syntax.push(a);
  if (syntax.length > 0) {
    r.add("malformed-from", syntax.join(", "));
    ambiguous = true;
  }

  const primary = mailboxes[0]!;
  const domain = normaliseDomain(primary.domain);
  // Asked of the list once: the answer is used by most of the steps below.
  const domainEntry = domain ? lookup(wl, domain) : undefined;
  const domainListed = Boolean(domainEntry);
  const hidden = primary.domain ? domainAsWrittenProblem(primary.domain) : undefined;
  // A domain that only maps to a host name is shown as written, its hidden characters spelt out:
  // showing the listed domain it maps to would repeat the deception.
  const sender = { address: primary.address, displayName: primary.displayName, domain: domain && !hidden ? displayDomain(domain) : visible(primary.domain) };
  if (from.ambiguity.includes("display-differs") && !from.ambiguity.includes("several-authors")) {
    const tb = from.shown[0];
    // Written out rather than map + join: that join, fed arrays from both readings, sent the
    // optimised verdict back to the interpreter hundreds of times per 10,000 messages.
    let what = "";
    if (tb) for (let k = 0; k < tb.length; k++) what += (k ? ", " : "") + (tb[k]!.name && tb[k]!.email ? `${tb[k]!.name} <${tb[k]!.email}>` : tb[k]!.email || tb[k]!.name);
    what ||= "—";
    r.add("display-differs", visible(what), visible(primary.address));
    ambiguous = true;
  }
  // The domain must be read as written: mapping or trimming it into a listed one is the trick.
  if (hidden) {
    r.add("domain-hidden-character", visible(primary.domain), hidden);
    ambiguous = true;
    if (domainListed || looksLikeTrustSpace(primary.domain, wl)) falseClaim = true;
  }
  const hiddenLocal = firstInvisible(primary.localPart);
  if (hiddenLocal) {
    r.add("local-part-hidden-character", visible(primary.address), describeChar(hiddenLocal));
    ambiguous = true;
  }
  if (!domain) {
    r.add("invalid-domain", visible(primary.domain));
    ambiguous = true;
    if (looksLikeTrustSpace(primary.domain, wl)) looksMssante = true;
  } else if (!isPrintableAscii(primary.domain) && !hidden) {
    const scripts = scriptsOf(primary.domain);
    if (scripts.length > 1) {
      r.add("mixed-script-domain", primary.domain, scripts.join(" + "));
      ambiguous = true;
    } else r.add("international-domain", primary.domain, domain);
  }

  // Other authors, when several: any listed one makes the message claim an MSSanté sender.
  for (let k = 1; k < mailboxes.length; k++) if (listedIn(wl, normaliseDomain(mailboxes[k]!.domain)) || looksLikeTrustSpace(mailboxes[k]!.domain, wl)) falseClaim = true;
  if (ambiguous && looksMssante) falseClaim = true;

  // Addresses shown in names and comments that are not the real address: in our reading (names
  // decoded, comments decoded too since Thunderbird shows them) and in Thunderbird's.
  // In this order (the reasons' order): each mailbox's name then its comments, then Thunderbird's names.
  let shown = 0;
  for (const m of mailboxes) {
    shown |= shownAddressReasons(r, wl, "display-name-address", m.displayName, primary, domain);
    for (const c of m.comments) shown |= shownAddressReasons(r, wl, "comment-address", decodeEncodedWords(c).text, primary, domain);
  }
  for (const s of shownAll) shown |= shownAddressReasons(r, wl, "display-name-address", s.name, primary, domain);
  if (shown & SHOWN_AMBIGUOUS) ambiguous = true;
  if (shown & SHOWN_FALSE_CLAIM) falseClaim = true;

  const override = domain ? input.overrides?.[domain] : undefined;
  let inList = domainListed && !hidden;
  const entry = hidden ? undefined : domainEntry;
  if (domain && !domainListed) {
    if (domain === "formation.mssante.fr" || domain.endsWith(".formation.mssante.fr")) {
      r.add("training-domain", domain);
      looksMssante = true;
    } else {
      const imitated = imitatedDomain(wl, domain);
      if (imitated) {
        r.add("lookalike-domain", displayDomain(domain), imitated);
        falseClaim = true;
      } else if (/mssante/i.test(displayDomain(domain))) {
        r.add("mssante-lookalike", displayDomain(domain));
        falseClaim = true;
      }
    }
  }
  // A name that presents itself as an MSSanté authority from outside the space (authority-claims.ts).
  // The user's own exception for the domain lifts it: they said who that sender is.
  if ((!domainListed || hidden) && override !== "trusted" && !(domain && !hidden && isOfficialDomain(domain))) {
    const accountEntry = input.accountDomain ? lookup(wl, input.accountDomain) : undefined;
    const operator = accountEntry ? operatorName(accountEntry.description) : undefined;
    const names = [primary.displayName];
    for (const c of primary.comments) names.push(decodeEncodedWords(c).text);
    for (const s of shownAll) names.push(s.name);
    for (const name of latinNames) names.push(name);
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      // The same name twice (our reading and Thunderbird's mostly agree) has the same answer.
      if (names.indexOf(name) < k) continue;
      const authority = claimedAuthority(name, { operator });
      if (!authority) continue;
      if (authority === "operator") r.add("claims-operator", visible(name), visible(primary.address), operator!);
      else r.add(`claims-${authority}`, visible(name), visible(primary.address));
      falseClaim = true;
      break;
    }
  }
  if (override === "trusted" && !inList && !falseClaim && !hidden) {
    r.add("user-override-trusted", domain!);
    inList = true;
  }
  if (override === "untrusted") r.add("user-override-untrusted", domain!);

  // Sender: the mailbox that actually sent the message, when it is not the author.
  let senderOutside = false;
  const senderFields = block.values[SENDER]!;
  if (senderFields.length > 1) {
    r.add("several-sender-fields", String(senderFields.length));
    ambiguous = true;
  } else if (senderFields.length === 1) {
    const s = parseAddressList(senderFields[0]!);
    const sm: Mailbox | undefined = s.mailboxes[0];
    const tb = thunderbirdMailboxes(senderFields[0]!);
    const clean = sm && !domainAsWrittenProblem(sm.domain) && !firstInvisible(sm.localPart) && !s.anomalies.some((a) => SYNTAX_ANOMALIES.includes(a));
    if (s.mailboxes.length !== 1 || !sm || s.anomalies.includes("encoded-word-in-address") || !clean || !tb || tb.length !== 1 || !sameAddress(tb[0]!.email, shownForm(sm))) {
      r.add("malformed-sender");
      ambiguous = true;
    } else {
      const sd = normaliseDomain(sm.domain);
      if (!listedIn(wl, sd) && !(sd && input.overrides?.[sd] === "trusted")) {
        r.add("sender-outside", sm.address);
        senderOutside = true;
      } else if (sm.address.toLowerCase() !== primary.address.toLowerCase()) {
        r.add("sender-differs", sm.address);
      }
    }
  }

  // Reply-To outside the space: replies would leave it.
  if (inList) {
    for (const value of block.values[REPLY_TO]!) {
      for (const m of parseAddressList(value).mailboxes) {
        if (!listedIn(wl, normaliseDomain(m.domain)) || domainAsWrittenProblem(m.domain)) r.add("reply-to-outside", visible(m.address));
      }
    }
  }

  if (input.account === "other") {
    if (domainListed || falseClaim || looksMssante) {
      if (domainListed && !hidden) r.add("impersonation-other-account", sender.domain);
      return finish(wl, reasons, false, "impersonation", sender);
    }
    if (!ambiguous && override !== "untrusted") r.add("ordinary-mail");
    return finish(wl, reasons, false, "outside", sender);
  }

  // MSSanté account.
  let anyListed = false;
  if (ambiguous) for (const m of mailboxes) if (listedIn(wl, normaliseDomain(m.domain))) anyListed = true;
  if (falseClaim || (ambiguous && (domainListed || anyListed))) {
    return finish(wl, reasons, false, "impersonation", sender);
  }
  if (ambiguous || override === "untrusted") return finish(wl, reasons, false, "outside", sender);
  if (!inList) {
    r.add("outside-domain", sender.domain);
    return finish(wl, reasons, false, "outside", sender);
  }
  if (senderOutside) return finish(wl, reasons, false, "outside", sender);
  if (input.accountDomain && domain && entry) {
    const relay = checkRelay(block.values[RECEIVED]!, wl, domain, input.accountDomain);
    if (relay.outcome === "match") r.add("relay-match", relay.relay);
    else if (relay.outcome === "mismatch") r.add("relay-mismatch", relay.relay, relay.expected.join(", "));
  }
  if (domain === PATIENT_DOMAIN) {
    r.add("patient-sender");
    return finish(wl, reasons, true, "patient", sender);
  }
  if (entry) r.add("whitelisted-domain", sender.domain, entry.description);
  return finish(wl, reasons, true, "professional", sender);
}
