// What Thunderbird's message header shows for an address field: a port of jsmime's
// headerparser.parseAddressingHeader(value, true) with groups flattened (MimeAddressParser
// .parseEncodedHeaderW, used by msgHdrView.js outputEmailAddresses), including its
// tokenizer, cleanToken and decodeRFC2047Words. Source: comm-central mailnews/mime/jsmime/
// jsmime.mjs (Thunderbird 153), MPL 2.0 like this project.
//
// The trust verdict reads addresses strictly (address.ts); this port is the other side: when
// the two readings differ, what the user sees is not what was checked, and the message is not
// trusted. test/unit/jsmime-oracle.test.ts checks it against the installed jsmime.
//
// Behaviour is kept, quirks included: an encoded-word found further on makes jsmime decode as
// many characters from the current position, wherever the word was. Only the cost differs:
// jsmime re-runs its encoded-word search on a copy of the rest of the header at every "=?" and
// re-copies its result list at every group, both quadratic; here each search result is reused
// and lists are appended to, so the whole is O(n) in the header length.
import { decodeWindows1252, keptAnswers } from "../text.ts";

export interface ShownMailbox {
  name: string;
  email: string;
}

// Results for short tokens: a header repeating one token with an invisible character ("\u200B>"
// a million times) otherwise runs the ten passes below for each.
const cleanKept = keptAnswers((token) => clean(token), 32);

/** jsmime's cleanToken: characters that do not display are replaced or removed. O(n). */
export function cleanToken(token: string): string {
  if (token.length > 32) return clean(token);
  // Printable ASCII (and tab, CR, LF) is returned as is by clean(): no need to look it up.
  let ascii = true;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) {
      ascii = false;
      break;
    }
  }
  if (ascii) return token;
  return cleanKept(token);
}


function clean(token: string): string {
  // Printable ASCII (and tab, CR, LF) is never touched: skip the ten passes below.
  if (!/[^\x20-\x7e\t\r\n]/.test(token)) return token;
  // Nor is text without any of the characters the passes below look for (code units, as they do).
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  if (!/[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\xA0\xAD\u034F\u061C\u06DD\u070F\u08E2\u1680\u17B4\u17B5\u180B-\u180E\u2000-\u200F\u202A-\u202F\u205F-\u2064\u2066-\u206F\u2800\u3000\uFE00-\uFE0F\uFEFF\uFFF9-\uFFFB\uD804\uD80D\uD82F\uD834\uDB40]/.test(token)) return token;
  token = token.replace(/[\xA0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, " ");
  token = token.replace(/[\u034F\u17B4\u17B5\u180B-\u180D\uFE00-\uFE0D]/g, "");
  token = token.replace(/\uDB40[\uDD00-\uDDEF]/g, "");
  // eslint-disable-next-line no-control-regex
  token = token.replace(/(?![\t\n\r])[\0-\x1F\x7F-\x9F]/g, "");
  token = token.replace(
    /(?:[\xAD\u061C\u06DD\u070F\u08E2\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uD804[\uDCBD\uDCCD]|\uD80D[\uDC30-\uDC38]|\uD82F[\uDCA0-\uDCA3]|\uD834[\uDD73-\uDD7A]|\uDB40[\uDC01\uDC20-\uDC7F])/g,
    " ",
  );
  token = token.replace(/\u2800/g, " ");
  token = token.replace(/(^| )\u200D|\u200D( |$)/g, " ");
  token = token.replace(/(^| )[\uFE0E\uFE0F]+/g, " ");
  token = token.replace(/([\uFE0E\uFE0F])[\uFE0E\uFE0F]+/g, "$1");
  return token;
}

const QP = /=([0-9A-F][0-9A-F]|[ \t]*(\r\n|[\r\n]|$))/gi;
const qpChar = (_m: string, p: string) => (p.trim().length === 0 ? "" : String.fromCharCode(parseInt(p, 16)));

function decodeQp(text: string): string {
  // Without "=" the replacement finds nothing (names without accents).
  return text.includes("=") ? text.replace(QP, qpChar) : text;
}

function decodeBase64(text: string): string {
  let s = text.replace(/[^A-Za-z0-9+/=]/g, "");
  s = s.replace(/=+([A-Za-z0-9+/])/g, "$1");
  s = s.substring(0, s.length - (s.length % 4));
  s = s.replace(/(====)+$/g, "");
  // atob throws where jsmime's does (and Thunderbird then shows nothing it parsed).
  return atob(s);
}

const isPair = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
};

/**
 * Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff) without the iterator and its callback: one
 * byte per code point (a surrogate pair gives its first unit's low byte, as there). O(n).
 */
function toBytes(s: string): Uint8Array {
  let n = 0;
  for (let i = 0; i < s.length; i += isPair(s, i) ? 2 : 1) n++;
  const out = new Uint8Array(n);
  for (let i = 0, k = 0; i < s.length; i += isPair(s, i) ? 2 : 1) out[k++] = s.charCodeAt(i) & 0xff;
  return out;
}

// Gecko's decoders follow the WHATWG Encoding standard; Node's ICU-less builds treat
// windows-1252 labels as Latin-1, hence the shared table.
const CP1252 = new Set(["windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "latin1", "l1", "ascii", "us-ascii", "iso_8859-1", "cp819", "ibm819"]);

interface StreamDecoder {
  decode(bytes?: Uint8Array, opts?: { stream: boolean }): string;
}

// Labels the platform rejects, remembered: a thrown exception per word is the costly part of a
// header made of "=?x-unknown?q?a?=".
const UNKNOWN = new Set<string>();

/** null where jsmime's MimeTextDecoder constructor throws (an unknown charset). */
function makeDecoder(charset: string): StreamDecoder | null {
  const label = charset.trim().toLowerCase();
  if (CP1252.has(label)) return { decode: (b?: Uint8Array) => (b ? decodeWindows1252(b) : "") };
  if (UNKNOWN.has(label)) return null;
  let decoder = DECODERS.get(label);
  if (decoder) {
    // As good as a new one (WHATWG Encoding): a decode() without `stream` ends whatever a word
    // left open (a header whose reading threw midway), and the next call starts afresh.
    decoder.decode();
    return decoder;
  }
  try {
    decoder = new TextDecoder(label, { fatal: false });
  } catch {
    if (UNKNOWN.size < 1000) UNKNOWN.add(label);
    return null;
  }
  if (DECODERS.size >= 64) DECODERS.clear();
  DECODERS.set(label, decoder);
  return decoder;
}

// Decoders by label, made once: a TextDecoder costs more to make than a name to decode. One
// reading holds one decoder at a time (decodeRFC2047Words drops it before taking another), and
// readings do not overlap, so a shared one is never in use twice.
const DECODERS = new Map<string, TextDecoder>();

interface WordsState {
  lastCharset: string;
  current: StreamDecoder | null;
}

/** One encoded-word of decodeRFC2047Words (jsmime's decodeToken); `state` carries the open decoder. */
function decodeToken(state: WordsState, token: string, isLast: boolean): string | false {
  const parts = token.split("?");
  if (parts.length !== 5 || parts[4] !== "=") return false;
  const charset = parts[1]!.split("*", 1)[0]!;
  const encoding = parts[2]!;
  const text = parts[3]!;
  let raw: string;
  if (encoding === "B" || encoding === "b") {
    if (/[^ A-Za-z0-9+/=]/.exec(text)) return false;
    raw = decodeBase64(text);
  } else if (encoding === "Q" || encoding === "q") raw = decodeQp(text.replace(/_/g, " "));
  else return false;
  let output = "";
  if (charset !== state.lastCharset && state.current) {
    output += state.current.decode();
    state.current = null;
  }
  state.lastCharset = charset;
  if (!state.current) {
    state.current = makeDecoder(charset);
    if (!state.current) return false;
  }
  const stream = !(isLast || (charset.toUpperCase() === "ISO-2022-JP" && raw.endsWith("\x1B(B")));
  return output + state.current.decode(toBytes(raw), { stream });
}

/** jsmime's decodeRFC2047Words. O(n). */
export function decodeRFC2047Words(headerValue: string): string {
  // Without "=?" the split below leaves the value whole: blank text goes, the rest is cleaned.
  if (!headerValue.includes("=?")) return cleanToken(/^[ \t\r\n]*$/.test(headerValue) ? "" : headerValue);
  // Encoded names recur from one message to the next: answers for short values are kept. The
  // decoding is a pure function of the value (decoders start afresh, see makeDecoder); a value
  // whose decoding throws is not kept.
  return decodeKept(headerValue);
}

const decodeKept = keptAnswers((headerValue) => decodeWords(headerValue));

function decodeWords(headerValue: string): string {
  const state: WordsState = { lastCharset: "", current: null };
  const components = headerValue.split(/(=\?[^?]*\?[BQbq]\?[^?]*\?=)/);
  let last = -1;
  for (let i = 0; i < components.length; i++) if (components[i]!.substring(0, 2) === "=?") last = i;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    if (c.substring(0, 2) === "=?") {
      const d = decodeToken(state, c, i === last);
      if (d !== false) {
        components[i] = d;
        continue;
      }
    } else if (/^[ \t\r\n]*$/.exec(c)) {
      components[i] = "";
      continue;
    }
    state.lastCharset = "";
    if (state.current) {
      components[i] = state.current.decode() + c;
      state.current = null;
    }
  }
  return cleanToken(components.join(""));
}

type Tok = string | { text: string };
const DELIMS = ":,;<>@";
const WSP = " \t\r\n";
const unescape = (s: string) => (s.includes("\\") ? s.replace(/\\(.?)/g, "$1") : s);

// Short atoms shared: hostile headers repeat a few of them a million times.
const ATOMS = new Map<string, { text: string }>();
function textToken(text: string): { text: string } {
  if (text.length > 8) return { text };
  let t = ATOMS.get(text);
  if (!t) {
    if (ATOMS.size >= 4096) ATOMS.clear();
    t = Object.freeze({ text });
    ATOMS.set(text, t);
  }
  return t;
}

// jsmime searches /([ \t\r\n]*=\?[^?]*\?[BbQq]\?[^?]*\?=)+/ in the rest of the header at every
// "=?". Run as such, the leading [ \t\r\n]* retries every position of a run of spaces: 160 kB
// of "=?" and spaces took 76 s. Same result, in O(n): find the first encoded-word itself, step
// back over the spaces before it, then extend over the words that follow. (Shared patterns: each
// use sets lastIndex first, and nothing runs in between.)
const WORD = /=\?[^?]*\?[BbQq]\?[^?]*\?=/g;
const NEXT_WORD = /[ \t\r\n]*=\?[^?]*\?[BbQq]\?[^?]*\?=/y;

class WordSearch {
  // The first match at or after `from` stays the first one for every later start up to its own
  // position: one search serves all of them.
  private cached: { at: number; len: number } | null | undefined;
  constructor(private readonly value: string) {}

  find(i: number): { at: number; len: number } | null {
    const value = this.value;
    if (this.cached === null) return null;
    if (this.cached && this.cached.at >= i) return this.cached;
    WORD.lastIndex = i;
    const m = WORD.exec(value);
    if (!m) return (this.cached = null);
    let at = m.index;
    while (at > i && WSP.includes(value[at - 1]!)) at--;
    let end = m.index + m[0].length;
    for (;;) {
      NEXT_WORD.lastIndex = end;
      const r = NEXT_WORD.exec(value);
      if (!r) break;
      end += r[0].length;
    }
    return (this.cached = { at, len: end - at });
  }
}

/** jsmime's getHeaderTokens(value, ":,;<>@", {qstring, comments, dliteral, rfc2047}). O(n). */
function headerTokens(value: string): Tok[] {
  const out: Tok[] = [];
  let tokenStart: number | undefined;
  let endQuote: string | undefined;
  let depth = 0;
  let words: WordSearch | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (endQuote !== undefined) {
      if (ch === endQuote && ch === '"') {
        out.push({ text: unescape(decodeRFC2047Words(value.slice(tokenStart! + 1, i))) });
        endQuote = tokenStart = undefined;
      } else if (ch === endQuote && ch === "]") {
        out.push({ text: unescape(value.slice(tokenStart, i + 1)) });
        endQuote = tokenStart = undefined;
      }
      continue;
    }
    if (ch === "=" && i + 1 < value.length && value[i + 1] === "?") {
      const m = (words ??= new WordSearch(value)).find(i);
      if (m) {
        if (tokenStart !== undefined) {
          out.push({ text: unescape(value.slice(tokenStart, i)) });
          tokenStart = undefined;
        }
        // jsmime decodes as many characters as the match is long, but from here, wherever the
        // match was.
        out.push({ text: decodeRFC2047Words(value.slice(i, i + m.len)) });
        i += m.len - 1;
        continue;
      }
    }
    let ending = false;
    let starting = false;
    let special = false;
    if (WSP.includes(ch)) ending = true;
    else if (depth === 0 && DELIMS.includes(ch)) ending = special = true;
    else if (ch === '"') {
      ending = starting = true;
      endQuote = ch;
    } else if (ch === "[") {
      ending = starting = true;
      endQuote = "]";
    } else if (ch === "(") {
      depth++;
      if (depth === 1) ending = special = true;
      else starting = true;
    } else if (ch === ")") {
      if (depth > 0) depth--;
      if (depth === 0) ending = special = true;
      else starting = true;
    } else starting = true;
    if (ending && tokenStart !== undefined) {
      out.push(textToken(unescape(value.slice(tokenStart, i))));
      tokenStart = undefined;
    }
    if (special) out.push(ch);
    if (starting && tokenStart === undefined) tokenStart = i;
  }
  if (tokenStart !== undefined) out.push({ text: unescape(value.slice(endQuote === '"' ? tokenStart + 1 : tokenStart)) });
  return out;
}

/**
 * The mailboxes Thunderbird displays for an address header, in order (groups flattened), or
 * null when jsmime would throw (a broken base64 word) and show nothing it parsed, or when its
 * output would blow up (see parse). O(n).
 */
export function thunderbirdMailboxes(header: string): ShownMailbox[] | null {
  const fast = fastMailboxes(header);
  if (fast) return fast;
  try {
    return parse(header);
  } catch {
    return null;
  }
}

// The shapes most senders write, as in address.ts: a quoted, plain or encoded-word name before
// <local@domain>, or local@domain alone. For them jsmime's reading is the name with its white
// space collapsed and the address as written (no quoting needed, nothing cleaned or decoded);
// anything else takes the full reading. Anchored, unambiguous patterns: O(n).
// Non-ASCII in the quoted name only when cleanToken leaves it as is (checked below).
const FAST_QUOTED = /^"([ !#-[\]-~\u0080-\uffff]*)" <([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;
const FAST_PLAIN = /^((?:[A-Za-z0-9'-]+ )+)<([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;
const FAST_BARE = /^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
// One encoded-word as the whole name: jsmime's tokens are then the decoded word (decodeRFC2047Words,
// as here), "<", the address and ">"; its text goes through cleanToken once more as a name.
const FAST_ENCODED = /^(=\?[A-Za-z0-9_-]+\?[BbQq]\?[A-Za-z0-9+/=_-]*\?=) <([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>$/;

function fastMailboxes(header: string): ShownMailbox[] | undefined {
  // Each pattern starts with its own characters: only those that can match are tried.
  const first = header.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (first === 0x3d) return fastEncoded(header);
  if (first === 0x22) {
    m = FAST_QUOTED.exec(header);
    if (!m) return undefined;
    const name = m[1]!;
    if (name.includes("=?")) return undefined;
    // jsmime cleans the quoted text (twice: as a token, then as text): unchanged, the name is
    // what add() makes of it, its white space collapsed (Unicode spaces too) and trimmed.
    if (cleanToken(name) !== name) return undefined;
    return [{ name: (/\s\s|[^\S ]/.test(name) ? name.replace(/\s+/g, " ") : name).trim(), email: m[2]! }];
  }
  m = FAST_PLAIN.exec(header);
  if (m) return [{ name: m[1]!.slice(0, -1), email: m[2]! }];
  if (FAST_BARE.test(header)) return [{ name: "", email: header }];
  return undefined;
}

function fastEncoded(header: string): ShownMailbox[] | undefined {
  const m = FAST_ENCODED.exec(header);
  if (!m) return undefined;
  let text: string;
  try {
    text = decodeRFC2047Words(m[1]!);
  } catch {
    return undefined; // a broken base64 word: the full reading says what jsmime does (null)
  }
  return [{ name: cleanToken(text).replace(/\s+/g, " ").trim().replace(/\0/g, ""), email: m[2]! }];
}

class Refused extends Error {}

// jsmime reads displayName.substr(-1) where `displayLast` is used; on a string built by
// appending, that flattens the whole name each time ("a <>(x)<>(x)…" was quadratic: 400 kB took
// 28 s). The last character is found from the last piece appended instead. The reading's state
// is an object and its steps methods: no closures made per header.
class Reading {
  // jsmime can build output quadratic in its input: a ")" outside any comment appends the whole
  // comment text accumulated so far, which it never resets (")G:" repeated: 100 kB took 5 s). A
  // real header yields a few copies of its text at most; past 8 times its length the reading is
  // refused (null: not a display we can vouch for) instead of computed.
  budget: number;
  results: ShownMailbox[] = [];
  addrlist: ShownMailbox[] = [];
  displayName = "";
  groupName = "";
  localPart = "";
  address = "";
  comment = "";
  inAngle = false;
  inComment = false;
  needsSpace = false;
  afterAddress = false;
  preserveSpace = false;
  commentClosed = false;
  lastComment = "";
  lastPiece = "";

  constructor(header: string) {
    this.budget = 8 * header.length + 4096;
  }

  spend(n: number): void {
    this.budget -= n;
    if (this.budget < 0) throw new Refused();
  }

  displayLast(): string {
    return this.lastPiece ? this.lastPiece.slice(-1) : this.displayName.slice(-1);
  }

  add(name: string, email: string): void {
    const at = email.lastIndexOf("@");
    const lp = email.substring(0, at);
    if (/[ !()<>[\]:;@\\,"]/.exec(lp) !== null) email = `"${lp.replace(/([\\"])/g, "\\$1")}"${email.substring(at)}`;
    name = name.replace(/\s+/g, " ").trim();
    if (name === "" && this.lastComment !== "") {
      const offset = this.lastComment[0] === " " ? 2 : 1;
      name = this.lastComment.substr(offset, this.lastComment.length - offset - 1);
    }
    this.spend(name.length + email.length);
    if (name !== "" || email !== "") this.addrlist.push({ name: name.replace(/\0/g, ""), email: email.replace(/\0/g, "") });
    this.displayName = this.localPart = this.address = this.lastComment = "";
    this.inAngle = this.inComment = this.needsSpace = this.afterAddress = false;
  }

  flush(): void {
    for (const m of this.addrlist) this.results.push(m);
    this.addrlist = [];
  }

  handleText(raw: string): void {
    const token = cleanToken(raw);
    let spaced = token;
    if (this.needsSpace && token && token[0] !== ".") spaced = " " + spaced;
    if (this.inComment) this.comment += spaced;
    else if (this.inAngle) this.address += spaced;
    else {
      if (!this.afterAddress && spaced) {
        this.displayName += spaced;
        this.lastPiece = spaced;
      }
      if (this.commentClosed) {
        this.localPart += token;
        this.commentClosed = false;
      } else this.localPart += spaced;
    }
    this.needsSpace = Boolean(token) && token[0] !== ".";
  }
}

function parse(header: string): ShownMailbox[] {
  const r = new Reading(header);
  for (const token of headerTokens(header)) {
    if (token === ":") {
      r.spend(r.displayName.length);
      r.groupName = cleanToken(r.displayName).replace(/\s+/g, " ").trim();
      r.displayName = r.localPart = r.address = r.lastComment = "";
      r.inAngle = r.inComment = r.needsSpace = r.afterAddress = false;
      r.flush();
    } else if (token === "<") {
      if (r.afterAddress && !r.inAngle) {
        r.spend(r.address.length + 3);
        r.displayName += ` <${r.address}>`;
        r.lastPiece = ">";
        r.localPart = r.address = "";
        r.afterAddress = false;
      }
      if (r.inAngle) {
        if (r.address) {
          r.displayName = r.address;
          r.lastPiece = "";
        }
        r.localPart = r.address = "";
      } else r.inAngle = true;
    } else if (token === ">" && !r.afterAddress) {
      r.inAngle = false;
      r.lastComment = "";
      r.afterAddress = true;
    } else if (token === "(") {
      r.inComment = true;
      r.preserveSpace = r.needsSpace;
      if (!r.needsSpace) r.needsSpace = r.displayName !== "" && r.displayLast() !== " ";
      r.comment = r.needsSpace ? " (" : "(";
      r.commentClosed = false;
    } else if (token === ")") {
      r.inComment = false;
      r.comment += ")";
      r.lastComment = r.comment;
      if (r.inAngle) r.needsSpace = r.preserveSpace;
      else {
        r.spend(r.comment.length);
        r.displayName += r.comment;
        r.lastPiece = ")";
        r.needsSpace = true;
      }
      r.commentClosed = true;
      continue;
    } else if (token === "@") {
      if (r.afterAddress) continue;
      if (!r.inAngle) {
        r.address = r.localPart;
        r.displayName = "";
        r.localPart = "";
        r.inAngle = true;
      }
      r.address += "@";
    } else if (token === ",") {
      r.add(r.displayName, r.address);
      r.afterAddress = false;
    } else if (token === ";") {
      r.add(r.displayName, r.address);
      // Flattened like parseEncodedHeaderW: a group's members join the list in place.
      r.flush();
      r.groupName = "";
    } else if (typeof token === "string") {
      // ">" after an address: jsmime falls through to the text branch with it.
      r.handleText(token);
      continue;
    } else {
      r.handleText(token.text);
      continue;
    }
    r.needsSpace = false;
  }
  r.add(r.displayName, r.address);
  r.flush();
  return r.results;
}
