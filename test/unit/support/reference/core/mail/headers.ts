// The header block of a raw message (RFC 5322 §2.2), split into fields and unfolded, nothing
// decoded yet. Written by hand because it must stay robust to what attackers send (NUL bytes,
// bare CR/LF, lines without a colon, megabyte headers) and report those oddities instead of
// silently normalising them: the trust verdict treats any oddity as ambiguity.

export interface HeaderField {
  /** Field name as written. */
  name: string;
  /** Lower-case name, for lookups. */
  key: string;
  /** Unfolded value: folding CRLFs removed, leading whitespace of the value trimmed. */
  value: string;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** The block went past `maxBytes` and the rest was not read. */
  truncated: boolean;
  /** NUL bytes were present (and removed) in the header block. */
  hadNul: boolean;
  /**
   * A carriage return without its line feed, before a field or a line end. Thunderbird's libmime
   * ends a line there, this parser does not: the two would see different fields (a From hidden
   * behind "X-A: b\rFrom: …", or the header ending early at "\r\r").
   */
  bareCr: boolean;
  /** Lines that were neither a field nor a continuation (kept out of `fields`). */
  malformedLines: number;
  /** Lower-case names Thunderbird (jsmime, name JavaScript-trimmed) reads on malformed lines; absent when none. */
  disguised?: string[];
  /** Byte length of the header block as read, separator excluded. */
  size: number;
}

export interface HeaderParseOptions {
  /** Upper bound on the header block read, in bytes (default 1 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX = 1024 * 1024;
// RFC 5322 field names: printable US-ASCII except colon.
const FIELD_NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/** Where the header block ends: at the first empty line (CRLF CRLF or LF LF), or the end. */
function headerEnd(bytes: Uint8Array, limit: number): { end: number; found: boolean } {
  const n = Math.min(bytes.length, limit);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { end: i + 1, found: true };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i + 1, found: true };
  }
  return { end: n, found: n < limit };
}

/** O(n) in the header block's size (bounded by `maxBytes`): one split, one pass over the lines. */
export function parseHeaderBlock(raw: string | Uint8Array, options: HeaderParseOptions = {}): HeaderBlock {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const { end, found } = headerEnd(bytes, maxBytes);
  const truncated = !found && bytes.length > maxBytes;
  // RFC 6532 allows UTF-8 in headers; invalid sequences become U+FFFD rather than failing.
  let text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, end));
  const hadNul = text.includes("\0");
  if (hadNul) text = text.replace(/\0/g, "");
  // Only where it changes the fields: before something read as a field ("Name:") or a line end.
  const bareCr = /\r(?![\n \t])(?=[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd]*[\x21-\x39\x3b-\x7e]+[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd]*:|\r)/.test(text);
  const lines = text.split(/\r?\n/);
  const fields: HeaderField[] = [];
  let malformedLines = 0;
  let disguised: string[] | undefined;
  for (const line of lines) {
    if (line === "") continue;
    if (line[0] === " " || line[0] === "\t") {
      const last = fields[fields.length - 1];
      if (last) last.value += line;
      else malformedLines++;
      continue;
    }
    const m = FIELD_NAME.exec(line);
    if (!m) {
      // The mbox "From " line of some stores is not a field either.
      malformedLines++;
      const colon = line.indexOf(":");
      const shown = colon >= 0 ? /^[\s\uFFFD]*([\x21-\x39\x3b-\x7e]+)[\s\uFFFD]*$/.exec(line.slice(0, colon)) : null;
      if (shown) (disguised ??= []).push(shown[1]!.toLowerCase());
      continue;
    }
    const name = m[1]!;
    fields.push({ name, key: name.toLowerCase(), value: line.slice(m[0].length).replace(/^[ \t]+/, "") });
  }
  for (const f of fields) f.value = f.value.replace(/\r/g, "");
  return { fields, truncated, hadNul, bareCr, malformedLines, size: end, ...(disguised ? { disguised } : {}) };
}

/** Every value of the field `name` (case-insensitive), in order of appearance. */
export function headerValues(block: HeaderBlock, name: string): string[] {
  const key = name.toLowerCase();
  return block.fields.filter((f) => f.key === key).map((f) => f.value);
}
