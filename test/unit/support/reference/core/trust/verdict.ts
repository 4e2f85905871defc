// The trust verdict of one message: pure, from its raw header block, the white list and the kind
// of account it sits in. Ambiguity is never trusted: whatever a reader could take for an MSSanté
// sender must be one, unambiguously, or the message is not trusted.
import { headerValues, parseHeaderBlock, type HeaderBlock } from "../mail/headers.ts";
import { parseAddressList, type AddressAnomaly, type Mailbox } from "../mail/address.ts";
import { displayedFrom, sameAddress, shownForm } from "../mail/displayed-from.ts";
import { thunderbirdMailboxes } from "../mail/thunderbird-view.ts";
import { decodeEncodedWords } from "../mail/encoded-words.ts";
import { claimedAuthority, isOfficialDomain, operatorName } from "./authority-claims.ts";
import { describeChar, firstInvisible, hasBidiControl, reversed, visible, visualFold } from "../mail/characters.ts";
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
// /[^D]+@[^D]+\.[^D]{2,}/ pattern, whose backtracking was cubic on "a@a@a@…").
const TEXT_DELIMITER = /[\s<>"'(),;:[\]]/u;

/**
 * Address-like runs in `text`: a maximal run of non-delimiters with an "@" after its first
 * character and a "." after that, followed by two characters or more. Runs are disjoint and each
 * is looked at once: O(n).
 */
export function addressLikes(text: string): string[] {
  const out: string[] = [];
  if (!text.includes("@")) return out;
  let start = 0;
  const chars = [...text];
  const flush = (end: number) => {
    if (end - start >= 5) {
      const run = chars.slice(start, end).join("");
      const at = run.indexOf("@", 1);
      if (at > 0 && run.lastIndexOf(".", run.length - 3) >= at + 2) out.push(run);
    }
  };
  for (let i = 0; i < chars.length; i++) {
    if (TEXT_DELIMITER.test(chars[i]!)) {
      flush(i);
      start = i + 1;
    }
  }
  flush(chars.length);
  return out;
}

/** What a reader may take for addresses in a name or comment: as folded, and read reversed. */
function shownAddresses(text: string): string[] {
  const folded = visualFold(text);
  const found = addressLikes(folded);
  if (hasBidiControl(text)) found.push(...addressLikes(reversed(folded)));
  return found;
}

/** Reads like a trust-space name to a user: "mssante" in it once folded, or a listed domain. */
function looksLikeTrustSpace(text: string, listed: (d: string | undefined) => boolean): boolean {
  const folded = visualFold(text);
  if (/mssante/.test(folded) || (hasBidiControl(text) && /etnassm/.test(folded))) return true;
  const at = folded.lastIndexOf("@");
  return listed(normaliseDomain(folded.slice(at + 1).trim()));
}

/** "mssante" anywhere in the text, as written or once folded. O(n). */
function mentionsMssante(text: string): boolean {
  if (/mssante/i.test(text)) return true;
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) && /mssante|etnassm/.test(visualFold(text));
}

function isParsed(h: VerdictInput["headers"]): h is HeaderBlock {
  return typeof h === "object" && "fields" in h;
}

export function computeVerdict(input: VerdictInput): Verdict {
  const t = input.translate ?? DEFAULT_TRANSLATE;
  const wl = input.whitelist;
  const block = isParsed(input.headers) ? input.headers : parseHeaderBlock(input.headers);
  const reasons: Reason[] = [];
  // De-duplication by key: a linear scan per reason was quadratic in the number of Reply-To.
  const seen = new Set<string>();
  const perCode = new Map<ReasonCode, number>();
  const add = (code: ReasonCode, ...params: string[]) => {
    const key = `${code}\u0000${params.join("\u0000")}`;
    if (seen.has(key)) return;
    const count = perCode.get(code) ?? 0;
    if (count >= MAX_REPEATED_REASONS) return;
    seen.add(key);
    perCode.set(code, count + 1);
    reasons.push({ code, severity: REASONS[code], message: t(messageKey(code), params), params });
  };
  const done = (trusted: boolean, category: Category, sender: Verdict["sender"]): Verdict => {
    const order: Severity[] = ["danger", "warning", "info"];
    reasons.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    return { trusted, category, sender, reasons, whitelistDate: wl.generatedAt };
  };
  const listed = (domain: string | undefined) => Boolean(domain && lookup(wl, domain));

  let ambiguous = false;
  // What a reader may take as an MSSanté sender although the message does not prove it.
  let falseClaim = false;
  // Only an ordinary account's reader is misled by what merely looks like MSSanté (the
  // training environment, an address the IDN step rejects): an MSSanté account says "outside".
  let looksMssante = false;

  if (block.hadNul) {
    add("nul-bytes");
    ambiguous = true;
  }
  if (block.bareCr) {
    add("bare-carriage-return");
    ambiguous = true;
  }
  if (block.truncated) {
    add("header-too-large");
    ambiguous = true;
  }
  for (const [name, shown] of [["from", "From"], ["sender", "Sender"], ["reply-to", "Reply-To"]] as const) {
    if (block.disguised?.includes(name)) {
      add("disguised-field-name", shown);
      ambiguous = true;
    }
  }
  let oversized = false;
  for (const name of ["from", "sender", "reply-to"]) {
    let size = 0;
    for (const v of headerValues(block, name)) size += v.length;
    if (size > MAX_ADDRESS_FIELDS) {
      add("header-too-complex", name === "from" ? "From" : name === "sender" ? "Sender" : "Reply-To", String(size));
      oversized = true;
    }
  }

  if (oversized) {
    // Not read at all: reading part of it would truncate into a verdict, and reading all of it
    // is work the sender chooses. Whatever mentions MSSanté is an impersonation attempt.
    const claims = ["from", "sender", "reply-to"].some((name) => headerValues(block, name).some(mentionsMssante));
    if (headerValues(block, "from").length === 0) add("no-from");
    return done(false, claims ? "impersonation" : "outside", null);
  }

  const from = displayedFrom(block);
  const fromFields = from.values;
  if (fromFields.length === 0) {
    add("no-from");
    return done(false, "outside", null);
  }
  if (fromFields.length > 1) {
    // Name them all: the reader sees one of them, the hidden ones are what the attack hides.
    const addressOf = (i: number) => {
      const m = from.parsed[i]?.mailboxes[0];
      return visible(m ? m.address : fromFields[i]!.trim(), 120);
    };
    const others = fromFields.slice(1, 1 + MAX_REPEATED_REASONS).map((_, i) => addressOf(i + 1));
    if (fromFields.length > 1 + MAX_REPEATED_REASONS) others.push(`… (${fromFields.length - 1})`);
    add("several-from-fields", String(fromFields.length), addressOf(0), others.join(", "));
    ambiguous = true;
  }
  const mailboxes = from.mailboxes;
  const anomalies = new Set(from.parsed.flatMap((p) => p.anomalies));

  // What Thunderbird displays, whatever our reading: any MSSanté-looking address or name in it
  // is a claim the message has to live up to.
  const shownAll = from.shown.flatMap((s) => s ?? []);
  // The From names as Thunderbird shows bytes that are not UTF-8 (windows-1252, the declared charset), asked too.
  const latinNames: string[] = [];
  if (input.headers instanceof Uint8Array && headerValues(block, "from").some((v) => v.includes("\uFFFD"))) {
    const raw = input.headers.length > 1024 * 1024 ? input.headers.subarray(0, 1024 * 1024) : input.headers;
    // windows-1252, and the charset the Content-Type declares when it is another one.
    const labels = ["windows-1252"];
    const declared = /charset\s*=\s*"?([^";\s]{1,40})/i.exec(headerValues(parseHeaderBlock(raw), "content-type")[0] ?? "")?.[1];
    if (declared) {
      try {
        const encoding = new TextDecoder(declared).encoding;
        if (encoding !== "utf-8" && encoding !== "windows-1252") labels.push(declared);
      } catch {
        // no such decoder
      }
    }
    for (const label of labels) {
      for (const v of headerValues(parseHeaderBlock(new TextDecoder(label).decode(raw)), "from")) {
        if (v.length > MAX_ADDRESS_FIELDS) continue;
        for (const m of parseAddressList(v).mailboxes) latinNames.push(m.displayName, ...m.comments.map((c) => decodeEncodedWords(c).text));
        for (const m of thunderbirdMailboxes(v) ?? []) latinNames.push(m.name);
      }
    }
  }
  for (const s of [...shownAll, ...latinNames.map((name) => ({ name, email: "" }))]) {
    if (looksLikeTrustSpace(s.email, listed)) looksMssante = true;
    for (const a of shownAddresses(s.name)) if (looksLikeTrustSpace(a, listed)) looksMssante = true;
    // A name reading like an MSSanté domain ("medecin.mssante.fr") passes for the address too.
    if (/mssante\s*\.\s*[a-z]/.test(visualFold(s.name))) looksMssante = true;
  }

  if (mailboxes.length === 0) {
    add("unreadable-from");
    if (input.account === "other" && looksMssante) return done(false, "impersonation", null);
    return done(false, "outside", null);
  }
  if (from.ambiguity.includes("several-authors")) {
    const all = from.parsed[0]!.mailboxes.length > 1 ? from.parsed[0]!.mailboxes.map((m) => m.address) : (from.shown[0] ?? []).map((m) => m.email || m.name);
    const list = all.length > MAX_REPEATED_REASONS ? [...all.slice(0, MAX_REPEATED_REASONS), `… (${all.length})`] : all;
    add("several-authors", list.map((a) => visible(a)).join(", "));
    ambiguous = true;
  }
  if (anomalies.has("encoded-word-in-address")) {
    add("encoded-address");
    ambiguous = true;
  }
  const syntax = SYNTAX_ANOMALIES.filter((a) => anomalies.has(a));
  if (syntax.length > 0) {
    add("malformed-from", syntax.join(", "));
    ambiguous = true;
  }

  const primary = mailboxes[0]!;
  const domain = normaliseDomain(primary.domain);
  const hidden = primary.domain ? domainAsWrittenProblem(primary.domain) : undefined;
  // A domain that only maps to a host name is shown as written, its hidden characters spelt out:
  // showing the listed domain it maps to would repeat the deception.
  const sender = { address: primary.address, displayName: primary.displayName, domain: domain && !hidden ? displayDomain(domain) : visible(primary.domain) };
  if (from.ambiguity.includes("display-differs") && !from.ambiguity.includes("several-authors")) {
    const tb = from.shown[0];
    const what = !tb ? "—" : tb.map((m) => (m.name && m.email ? `${m.name} <${m.email}>` : m.email || m.name)).join(", ") || "—";
    add("display-differs", visible(what), visible(primary.address));
    ambiguous = true;
  }
  // The domain must be read as written: mapping or trimming it into a listed one is the trick.
  if (hidden) {
    add("domain-hidden-character", visible(primary.domain), hidden);
    ambiguous = true;
    if (listed(domain) || looksLikeTrustSpace(primary.domain, listed)) falseClaim = true;
  }
  const hiddenLocal = firstInvisible(primary.localPart);
  if (hiddenLocal) {
    add("local-part-hidden-character", visible(primary.address), describeChar(hiddenLocal));
    ambiguous = true;
  }
  if (!domain) {
    add("invalid-domain", visible(primary.domain));
    ambiguous = true;
    if (looksLikeTrustSpace(primary.domain, listed)) looksMssante = true;
  } else if (/[^\x20-\x7e]/.test(primary.domain) && !hidden) {
    const scripts = scriptsOf(primary.domain);
    if (scripts.length > 1) {
      add("mixed-script-domain", primary.domain, scripts.join(" + "));
      ambiguous = true;
    } else add("international-domain", primary.domain, domain);
  }

  // Other authors, when several: any listed one makes the message claim an MSSanté sender.
  for (const m of mailboxes.slice(1)) if (listed(normaliseDomain(m.domain)) || looksLikeTrustSpace(m.domain, listed)) falseClaim = true;
  if (ambiguous && looksMssante) falseClaim = true;

  // Addresses shown in names and comments that are not the real address: in our reading (names
  // decoded, comments decoded too since Thunderbird shows them) and in Thunderbird's.
  const realAddress = `${primary.localPart}@${domain ?? primary.domain}`.toLowerCase();
  const texts: [ReasonCode, string][] = [];
  for (const m of mailboxes) {
    texts.push(["display-name-address", m.displayName]);
    for (const c of m.comments) texts.push(["comment-address", decodeEncodedWords(c).text]);
  }
  for (const s of shownAll) texts.push(["display-name-address", s.name]);
  for (const [code, text] of texts) {
    for (const addr of shownAddresses(text)) {
      const at = addr.lastIndexOf("@");
      const shownDomain = normaliseDomain(addr.slice(at + 1));
      const normalised = `${addr.slice(0, at)}@${shownDomain ?? addr.slice(at + 1)}`.toLowerCase();
      if (normalised === realAddress) continue;
      add(code, addr, primary.address);
      ambiguous = true;
      if (listed(shownDomain ?? undefined) || looksLikeTrustSpace(addr, listed)) falseClaim = true;
    }
  }

  const override = domain ? input.overrides?.[domain] : undefined;
  let inList = listed(domain) && !hidden;
  const entry = domain && !hidden ? lookup(wl, domain) : undefined;
  if (domain && !listed(domain)) {
    if (domain === "formation.mssante.fr" || domain.endsWith(".formation.mssante.fr")) {
      add("training-domain", domain);
      looksMssante = true;
    } else {
      const imitated = imitatedDomain(wl, domain);
      if (imitated) {
        add("lookalike-domain", displayDomain(domain), imitated);
        falseClaim = true;
      } else if (/mssante/i.test(displayDomain(domain))) {
        add("mssante-lookalike", displayDomain(domain));
        falseClaim = true;
      }
    }
  }
  // A name that presents itself as an MSSanté authority from outside the space (authority-claims.ts).
  // The user's own exception for the domain lifts it: they said who that sender is.
  if ((!listed(domain) || hidden) && override !== "trusted" && !(domain && !hidden && isOfficialDomain(domain))) {
    const accountEntry = input.accountDomain ? lookup(wl, input.accountDomain) : undefined;
    const operator = accountEntry ? operatorName(accountEntry.description) : undefined;
    const names = [primary.displayName, ...primary.comments.map((c) => decodeEncodedWords(c).text), ...shownAll.map((s) => s.name), ...latinNames];
    for (const name of names) {
      const authority = claimedAuthority(name, { operator });
      if (!authority) continue;
      if (authority === "operator") add("claims-operator", visible(name), visible(primary.address), operator!);
      else add(`claims-${authority}`, visible(name), visible(primary.address));
      falseClaim = true;
      break;
    }
  }
  if (override === "trusted" && !inList && !falseClaim && !hidden) {
    add("user-override-trusted", domain!);
    inList = true;
  }
  if (override === "untrusted") add("user-override-untrusted", domain!);

  // Sender: the mailbox that actually sent the message, when it is not the author.
  let senderOutside = false;
  const senderFields = headerValues(block, "sender");
  if (senderFields.length > 1) {
    add("several-sender-fields", String(senderFields.length));
    ambiguous = true;
  } else if (senderFields.length === 1) {
    const s = parseAddressList(senderFields[0]!);
    const sm: Mailbox | undefined = s.mailboxes[0];
    const tb = thunderbirdMailboxes(senderFields[0]!);
    const clean = sm && !domainAsWrittenProblem(sm.domain) && !firstInvisible(sm.localPart) && !s.anomalies.some((a) => SYNTAX_ANOMALIES.includes(a));
    if (s.mailboxes.length !== 1 || !sm || s.anomalies.includes("encoded-word-in-address") || !clean || !tb || tb.length !== 1 || !sameAddress(tb[0]!.email, shownForm(sm))) {
      add("malformed-sender");
      ambiguous = true;
    } else {
      const sd = normaliseDomain(sm.domain);
      if (!listed(sd) && !(sd && input.overrides?.[sd] === "trusted")) {
        add("sender-outside", sm.address);
        senderOutside = true;
      } else if (sm.address.toLowerCase() !== primary.address.toLowerCase()) {
        add("sender-differs", sm.address);
      }
    }
  }

  // Reply-To outside the space: replies would leave it.
  if (inList) {
    for (const value of headerValues(block, "reply-to")) {
      for (const m of parseAddressList(value).mailboxes) {
        if (!listed(normaliseDomain(m.domain)) || domainAsWrittenProblem(m.domain)) add("reply-to-outside", visible(m.address));
      }
    }
  }

  if (input.account === "other") {
    if (listed(domain) || falseClaim || looksMssante) {
      if (listed(domain) && !hidden) add("impersonation-other-account", sender.domain);
      return done(false, "impersonation", sender);
    }
    if (!ambiguous && override !== "untrusted") add("ordinary-mail");
    return done(false, "outside", sender);
  }

  // MSSanté account.
  if (falseClaim || (ambiguous && (listed(domain) || mailboxes.some((m) => listed(normaliseDomain(m.domain)))))) {
    return done(false, "impersonation", sender);
  }
  if (ambiguous || override === "untrusted") return done(false, "outside", sender);
  if (!inList) {
    add("outside-domain", sender.domain);
    return done(false, "outside", sender);
  }
  if (senderOutside) return done(false, "outside", sender);
  if (input.accountDomain && domain && entry) {
    const relay = checkRelay(headerValues(block, "received"), wl, domain, input.accountDomain);
    if (relay.outcome === "match") add("relay-match", relay.relay);
    else if (relay.outcome === "mismatch") add("relay-mismatch", relay.relay, relay.expected.join(", "));
  }
  if (domain === PATIENT_DOMAIN) {
    add("patient-sender");
    return done(true, "patient", sender);
  }
  if (entry) add("whitelisted-domain", sender.domain, entry.description);
  return done(true, "professional", sender);
}
