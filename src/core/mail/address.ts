// RFC 5322 §3.4 address lists (with RFC 6532 UTF-8 and RFC 2047 display names), parsed strictly
// and with every oddity recorded. Hand-written because lenient parsers silently "repair" exactly
// the constructs attackers use to show one sender and be another (USENIX Security 2020,
// "Composition Kills"); the trust verdict needs to know about each of them.
import { decodeEncodedWords, hasEncodedWord } from "./encoded-words.ts";

export interface Mailbox {
  /** Display name after RFC 2047 decoding, whitespace collapsed. */
  displayName: string;
  /** Display name as written. */
  rawDisplayName: string;
  /** local@domain as written (quotes removed from a quoted local part). */
  address: string;
  localPart: string;
  domain: string;
  /** Texts of the comments found in this mailbox. */
  comments: string[];
}

export type AddressAnomaly =
  | "encoded-word-in-address" // =?…?= inside the addr-spec: decoders that decode it show another address
  | "encoded-word-in-quotes" // encoded-word in a quoted display name (not to be decoded by RFC, many clients do)
  | "encoded-word-undecodable"
  | "unquoted-specials-in-name" // @ , : etc. in a display name without quotes
  | "text-after-address" // something after <addr-spec>
  | "several-angle-addresses"
  | "source-route" // obsolete <@relay:addr>
  | "domain-literal" // [1.2.3.4]
  | "unbalanced" // unclosed quote, comment, or angle bracket
  | "empty-element" // ",," or trailing comma
  | "group" // a group construct (display-name: …;)
  | "missing-domain"
  | "quoted-specials-in-address" // "a<b@c>"@d: a quoted local part showing another address or list
  | "invalid-address" // an addr-spec that is not local-part@domain (RFC 5322 §3.4.1): other readers split it otherwise
  | "control-characters";

export interface AddressList {
  mailboxes: Mailbox[];
  anomalies: AddressAnomaly[];
}

type Token =
  | { kind: "atom"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "literal"; text: string }
  | { kind: "special"; text: string }
  | { kind: "space" };

const SPECIALS = new Set(["(", ")", "<", ">", "[", "]", ":", ";", "@", "\\", ",", ".", '"']);
// Tokens are never modified: spaces and specials are shared, halving the allocations on inputs
// such as "a@a@a@…" (one token per character).
const SPACE: Token = Object.freeze({ kind: "space" });
const SPECIAL_TOKENS = new Map([...SPECIALS].map((c): [string, Token] => [c, Object.freeze({ kind: "special", text: c })]));
// The same sets by code unit, for the tokenizer's loop: 1 special, 2 white space.
const CLASS = new Uint8Array(128);
for (const c of SPECIALS) CLASS[c.charCodeAt(0)] = 1;
for (const c of " \t\r\n") CLASS[c.charCodeAt(0)] = 2;
const SPECIAL_BY_CODE: (Token | undefined)[] = [];
for (const [c, t] of SPECIAL_TOKENS) SPECIAL_BY_CODE[c.charCodeAt(0)] = t;
const classOf = (code: number) => (code < 128 ? CLASS[code]! : 0);
// Short atoms are shared too: hostile headers repeat a few of them (a, Dr, U+200B) a million times.
const ATOMS = new Map<string, Token>();
function atomToken(text: string): Token {
  if (text.length > 8) return { kind: "atom", text };
  let t = ATOMS.get(text);
  if (!t) {
    if (ATOMS.size >= 4096) ATOMS.clear();
    t = Object.freeze({ kind: "atom", text });
    ATOMS.set(text, t);
  }
  return t;
}

/** A quoted-string body or comment text with its quoted-pairs resolved. O(n). */
function unquote(raw: string): string {
  return raw.includes("\\") ? raw.replace(/\\([\s\S])/g, "$1") : raw;
}

// No token limit: a limit here once dropped the rest of the field (a second author after 20,001
// "()" went unseen). Every step is O(1) per character, so the whole field is read in O(n) and a
// size limit, if any, is the verdict's to apply as a refusal.
function tokenize(input: string, anomalies: Set<AddressAnomaly>): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input.charCodeAt(i);
    const cls = classOf(c);
    if (cls === 2) {
      while (i < n && classOf(input.charCodeAt(i)) === 2) i++;
      tokens.push(SPACE);
    } else if (c === 0x22) {
      const start = ++i;
      let closed = false;
      while (i < n) {
        const d = input.charCodeAt(i);
        if (d === 0x5c && i + 1 < n) i += 2;
        else if (d === 0x22) {
          closed = true;
          break;
        } else i++;
      }
      const end = Math.min(i, n);
      if (closed) i++;
      else anomalies.add("unbalanced");
      tokens.push({ kind: "quoted", text: unquote(input.slice(start, end)) });
    } else if (c === 0x28) {
      let depth = 1;
      const start = ++i;
      while (i < n) {
        const d = input.charCodeAt(i);
        if (d === 0x5c && i + 1 < n) {
          i += 2;
          continue;
        }
        if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
        i++;
      }
      const end = Math.min(i, n);
      if (depth > 0) anomalies.add("unbalanced");
      else i++;
      tokens.push({ kind: "comment", text: unquote(input.slice(start, end)) });
    } else if (c === 0x5b) {
      const end = input.indexOf("]", i);
      if (end < 0) {
        anomalies.add("unbalanced");
        tokens.push({ kind: "literal", text: input.slice(i + 1) });
        i = n;
      } else {
        tokens.push({ kind: "literal", text: input.slice(i + 1, end) });
        i = end + 1;
      }
    } else if (cls === 1) {
      tokens.push(SPECIAL_BY_CODE[c]!);
      i++;
    } else {
      const start = i;
      while (i < n && classOf(input.charCodeAt(i)) === 0) i++;
      tokens.push(atomToken(input.slice(start, i)));
    }
  }
  return tokens;
}

function isSpecial(t: Token | undefined, s: string): boolean {
  return t?.kind === "special" && t.text === s;
}

/** Whether tokens[from, to) hold anything but spaces and comments. */
function meaningfulIn(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (tokens[k]!.kind !== "space" && tokens[k]!.kind !== "comment") return true;
  return false;
}

/** Splits at top-level commas (outside angle brackets and groups); empty elements are anomalies. */
function splitElements(tokens: Token[], anomalies: Set<AddressAnomaly>): Token[][] {
  const out: Token[][] = [];
  // Elements are ranges of `tokens`, cut out once: no per-token copying.
  let start = 0;
  let angle = 0;
  let group = false;
  let afterComma = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "special") continue;
    if (t.text === "<") angle++;
    else if (t.text === ">") angle = Math.max(0, angle - 1);
    else if (t.text === ":" && angle === 0 && !group) {
      group = true;
      anomalies.add("group");
      // The group's name is not an address: drop what came before.
      start = i + 1;
    } else if (t.text === ";" && angle === 0 && group) {
      group = false;
      if (meaningfulIn(tokens, start, i)) out.push(tokens.slice(start, i));
      start = i + 1;
      afterComma = false;
    } else if (t.text === "," && angle === 0) {
      if (meaningfulIn(tokens, start, i)) out.push(tokens.slice(start, i));
      else anomalies.add("empty-element");
      start = i + 1;
      afterComma = true;
    }
  }
  if (angle > 0) anomalies.add("unbalanced");
  if (meaningfulIn(tokens, start, tokens.length)) out.push(tokens.slice(start, tokens.length));
  else if (afterComma) anomalies.add("empty-element");
  return out;
}

function meaningful(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) if (t.kind !== "space" && t.kind !== "comment") out.push(t);
  return out;
}

/** ts[from, to) is word *("." word), word being an atom (or, in a local part, a quoted string). O(n). */
function isDotSequence(ts: Token[], from: number, to: number, quotedAllowed: boolean): boolean {
  if ((to - from) % 2 === 0) return false;
  for (let i = from; i < to; i++) {
    const t = ts[i]!;
    if ((i - from) % 2 === 1 ? !isSpecial(t, ".") : !(t.kind === "atom" || (quotedAllowed && t.kind === "quoted"))) return false;
  }
  return true;
}

/** A meaningful token's text (spaces and comments are filtered out before). */
function tokenText(t: Token): string {
  return t.kind === "space" ? "" : t.text;
}

const QUOTED_SPECIALS = /[@<>,;:"()[\]\\]/;

function addrSpec(tokens: Token[], anomalies: Set<AddressAnomaly>): { localPart: string; domain: string } | undefined {
  const ts = meaningful(tokens);
  if (ts.length === 0) return undefined;
  let at = -1;
  let colon = false;
  for (let i = ts.length - 1; i >= 0; i--) {
    if (at < 0 && isSpecial(ts[i], "@")) at = i;
    if (isSpecial(ts[i], ":")) colon = true;
  }
  if (isSpecial(ts[0], "@") && colon) anomalies.add("source-route");
  if (at < 0) {
    anomalies.add("missing-domain");
    let localPart = "";
    for (const t of ts) localPart += tokenText(t);
    return { localPart, domain: "" };
  }
  let atInLocal = false;
  let quotedSpecials = false;
  let localPart = "";
  for (let i = 0; i < at; i++) {
    const t = ts[i]!;
    if (isSpecial(t, "@")) atInLocal = true;
    if (t.kind === "quoted" && QUOTED_SPECIALS.test(t.text)) quotedSpecials = true;
    localPart += tokenText(t);
  }
  let literal = false;
  let domain = "";
  for (let i = at + 1; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.kind === "literal") literal = true;
    domain += tokenText(t);
  }
  if (atInLocal) anomalies.add("unquoted-specials-in-name");
  if (literal) anomalies.add("domain-literal");
  const oneLiteral = ts.length - at - 1 === 1 && ts[at + 1]!.kind === "literal";
  if (!isDotSequence(ts, 0, at, true) || !(isDotSequence(ts, at + 1, ts.length, false) || oneLiteral)) {
    anomalies.add("invalid-address");
  }
  if (quotedSpecials) anomalies.add("quoted-specials-in-address");
  if (hasEncodedWord(localPart) || hasEncodedWord(domain)) anomalies.add("encoded-word-in-address");
  if (!domain) anomalies.add("missing-domain");
  return { localPart, domain };
}

function displayNameOf(tokens: Token[], to: number, anomalies: Set<AddressAnomaly>): { raw: string; decoded: string } {
  // Pieces joined once: a million "+=" leave a million rope nodes to the garbage collector.
  const raw: string[] = [];
  const decoded: string[] = [];
  for (let i = 0; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "space") {
      raw.push(" ");
      decoded.push(" ");
    } else if (t.kind === "comment") {
      raw.push(`(${t.text})`);
    } else if (t.kind === "quoted") {
      raw.push(`"${t.text}"`);
      if (hasEncodedWord(t.text)) anomalies.add("encoded-word-in-quotes");
      // Decoded anyway: that is what most clients show the user.
      const d = decodeEncodedWords(t.text);
      if (d.failures) anomalies.add("encoded-word-undecodable");
      decoded.push(d.text);
    } else if (t.kind === "special") {
      raw.push(t.text);
      decoded.push(t.text);
      if (t.text !== ".") anomalies.add("unquoted-specials-in-name");
    } else {
      raw.push(t.text);
      decoded.push(t.text);
    }
  }
  const d = decodeEncodedWords(decoded.join(""));
  if (d.failures) anomalies.add("encoded-word-undecodable");
  const name = d.text;
  // Collapsing and trimming are skipped when there is nothing to collapse or trim (most names).
  return { raw: raw.join("").trim(), decoded: (/\s\s|[^\S ]/.test(name) ? name.replace(/\s+/g, " ") : name).trim() };
}

function mailboxOf(tokens: Token[], anomalies: Set<AddressAnomaly>): Mailbox | undefined {
  const comments: string[] = [];
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "comment") comments.push(t.text);
    else if (open < 0 && isSpecial(t, "<")) open = i;
  }
  if (open < 0) {
    const spec = addrSpec(tokens, anomalies);
    if (!spec) return undefined;
    return { displayName: "", rawDisplayName: "", address: `${spec.localPart}@${spec.domain}`, ...spec, comments };
  }
  let close = -1;
  for (let i = open + 1; i < tokens.length; i++) {
    if (isSpecial(tokens[i], ">")) {
      close = i;
      break;
    }
  }
  if (close >= 0 && meaningfulIn(tokens, close + 1, tokens.length)) {
    let angleAfter = false;
    for (let i = close + 1; i < tokens.length; i++) if (isSpecial(tokens[i], "<")) angleAfter = true;
    anomalies.add(angleAfter ? "several-angle-addresses" : "text-after-address");
  }
  for (let i = 0; i < open; i++) {
    if (isSpecial(tokens[i], ">")) {
      anomalies.add("several-angle-addresses");
      break;
    }
  }
  const name = displayNameOf(tokens, open, anomalies);
  const spec = addrSpec(tokens.slice(open + 1, close < 0 ? tokens.length : close), anomalies);
  if (!spec) return undefined;
  return {
    displayName: name.decoded,
    rawDisplayName: name.raw,
    address: `${spec.localPart}@${spec.domain}`,
    ...spec,
    comments,
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

// The shapes most senders write, read without tokens: a quoted, plain or encoded-word name before
// <local@domain>, or local@domain alone, with ASCII dot-atoms and nothing the full reading would
// flag (no specials, encoded-words, comments, controls or non-ASCII). What the full reading gives
// for them is written out below; anything else takes the full reading. Each pattern is anchored
// and unambiguous (every repetition ends at a character its body cannot hold): O(n).
// test/unit/trust-fastpaths.test.ts checks both readings agree on these shapes and near misses.
// The quoted name may hold any non-ASCII character (accented names): inside quotes the full
// reading takes them as they are, and flags none of them.
const FAST_QUOTED = /^"([ !#-[\]-~\u0080-\uffff]*)" <([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;
const FAST_PLAIN = /^((?:[A-Za-z0-9'-]+ )+)<([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;
const FAST_BARE = /^([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)$/;
// One encoded-word as the whole name, made of characters that are no specials (one atom): the
// full reading decodes it with the same decodeEncodedWords call as here.
const FAST_ENCODED = /^(=\?[A-Za-z0-9_-]+\?[BbQq]\?[A-Za-z0-9+/=_-]*\?=) <([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;

function fastAddressList(value: string): AddressList | undefined {
  // Each pattern starts with its own characters: only those that can match are tried.
  const first = value.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (first === 0x3d) return fastEncoded(value);
  if (first === 0x22) {
    m = FAST_QUOTED.exec(value);
    if (!m) return undefined;
    const name = m[1]!;
    if (name.includes("=?")) return undefined;
    // The full reading collapses and trims white space in the decoded name (the same test as
    // displayNameOf's: Unicode spaces too).
    const shown = (/\s\s|[^\S ]/.test(name) ? name.replace(/\s+/g, " ") : name).trim();
    return mailboxList(shown, `"${name}"`, m[2]!, m[3]!);
  }
  m = FAST_PLAIN.exec(value);
  if (m) {
    const name = m[1]!.slice(0, -1);
    return mailboxList(name, name, m[2]!, m[3]!);
  }
  m = FAST_BARE.exec(value);
  if (m) return mailboxList("", "", m[1]!, m[2]!);
  return undefined;
}

function fastEncoded(value: string): AddressList | undefined {
  const m = FAST_ENCODED.exec(value);
  if (!m) return undefined;
  // The name's tokens are the word and the space before "<".
  const d = decodeEncodedWords(`${m[1]!} `);
  const list = mailboxList(d.text.replace(/\s+/g, " ").trim(), m[1]!, m[2]!, m[3]!);
  if (d.failures) list.anomalies.push("encoded-word-undecodable");
  return list;
}

function mailboxList(displayName: string, rawDisplayName: string, localPart: string, domain: string): AddressList {
  return { mailboxes: [{ displayName, rawDisplayName, address: `${localPart}@${domain}`, localPart, domain, comments: [] }], anomalies: [] };
}

/** O(n) in the length of `value`: one tokenizing pass, then passes over the tokens. */
export function parseAddressList(value: string): AddressList {
  const fast = fastAddressList(value);
  if (fast) return fast;
  const anomalies = new Set<AddressAnomaly>();
  if (CONTROL.test(value)) anomalies.add("control-characters");
  const tokens = tokenize(value, anomalies);
  const mailboxes: Mailbox[] = [];
  for (const el of splitElements(tokens, anomalies)) {
    const m = mailboxOf(el, anomalies);
    if (m) mailboxes.push(m);
  }
  return { mailboxes, anomalies: [...anomalies] };
}
