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
  /** Lower-case names Thunderbird reads on lines that are no field here (see disguisedName); absent when none. */
  disguised?: string[];
  /** Byte length of the header block as read, separator excluded. */
  size: number;
}

export interface HeaderParseOptions {
  /** Upper bound on the header block read, in bytes (default 1 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX = 1024 * 1024;

/** Where the header block ends: at the first empty line (CRLF CRLF or LF LF), or the end. */
function headerEnd(bytes: Uint8Array, limit: number): { end: number; found: boolean } {
  const n = Math.min(bytes.length, limit);
  // From one LF to the next with the native search: each byte is looked at once.
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < n; i = bytes.indexOf(0x0a, i + 1)) {
    if (bytes[i + 1] === 0x0a) return { end: i + 1, found: true };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i + 1, found: true };
  }
  return { end: n, found: n < limit };
}

// One decoder for every call: without `stream`, decode() keeps no state from one call to the next.
const DECODER = new TextDecoder("utf-8", { fatal: false });
// A bare CR before what Thunderbird reads as a field: jsmime ends a line at a CR not followed by
// a space, tab or LF and names the next one by its JavaScript-trimmed text before the colon
// (« X-A: a\rFrom\f: » holds a From), libmime ends a line at any CR; or before another CR.
// Linear: the space-like class and the name class are disjoint and hold no CR, so each CR's
// look-ahead stops at the next one.
const BARE_CR = /\r(?![\n \t])(?=[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd]*[\x21-\x39\x3b-\x7e]+[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd]*:|\r)/;

/** Ends the field being read: its pieces joined, its CRs removed (the old per-value pass). */
function pushField(fields: HeaderField[], field: HeaderField, pieces: string[] | undefined): void {
  if (pieces) field.value = pieces.join("");
  if (field.value.includes("\r")) field.value = field.value.replace(/\r/g, "");
  fields.push(field);
}

/** Whether c (a UTF-16 code unit) may be in a field name: printable US-ASCII except colon. */
const isNameChar = (c: number) => c >= 0x21 && c <= 0x7e && c !== 0x3a;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/**
 * Where the name of the line [start, stop) ends when the line is a field ("Name:", or "Name :" as
 * jsmime takes it), else -1. Shared by parseHeaderBlock and readFields, which must cut the same.
 */
function fieldNameEnd(text: string, start: number, stop: number): number {
  let i = start;
  while (i < stop && isNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  return nameEnd === start || i >= stop || text.charCodeAt(i) !== 0x3a ? -1 : nameEnd;
}

/** Where the value of a field whose name ends at `nameEnd` starts: past the colon (which
 *  fieldNameEnd found before `stop`) and the blanks around it. */
function valueStart(text: string, nameEnd: number, stop: number): number {
  let i = nameEnd;
  while (isBlank(text.charCodeAt(i))) i++;
  i++;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The field name Thunderbird reads on the line [start, stop) that is no field here, if it is one
 * we would read once its space-like characters are dropped. jsmime's StructuredHeaders (what
 * messages.getFull and the header pane's multiple From come from) names a line by the text
 * before its first colon, JavaScript-trimmed: « From\f: » or « \vFrom: » is a From to
 * Thunderbird, a malformed line here, so a second From the user sees would go unchecked.
 * U+FFFD counts as space-like: a lone 0xA0 byte (Latin-1 no-break space) decodes to it.
 * O(stop - start).
 */
function disguisedName(text: string, start: number, stop: number): string | undefined {
  let colon = start;
  while (colon < stop && text.charCodeAt(colon) !== 0x3a) colon++;
  if (colon >= stop) return undefined;
  const m = /^[\s\uFFFD]*([\x21-\x39\x3b-\x7e]+)[\s\uFFFD]*$/.exec(text.slice(start, colon));
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * O(n) in the header block's size (bounded by `maxBytes`): one decoding, then one pass over the
 * text in which every character is looked at a bounded number of times (line split, field name,
 * leading blanks; a value's CRs are removed by one more pass only when it has some).
 */
export function parseHeaderBlock(raw: string | Uint8Array, options: HeaderParseOptions = {}): HeaderBlock {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const { end, found } = headerEnd(bytes, maxBytes);
  const truncated = !found && bytes.length > maxBytes;
  // RFC 6532 allows UTF-8 in headers; invalid sequences become U+FFFD rather than failing.
  let text = DECODER.decode(bytes.subarray(0, end));
  const hadNul = text.includes("\0");
  if (hadNul) text = text.replace(/\0/g, "");
  const fields: HeaderField[] = [];
  let malformedLines = 0;
  let disguised: string[] | undefined;
  // Lines as text.split(/\r?\n/) cuts them: a CR is part of the line ending only right before
  // the LF. A CR left inside a line is a bare one; only then is the exact test below run.
  let crInLine = false;
  // Pieces of the field being read (its first line's value, then whole continuation lines), joined once.
  let current: HeaderField | undefined;
  let pieces: string[] | undefined;
  const n = text.length;
  for (let start = 0; start <= n; ) {
    let lf = text.indexOf("\n", start);
    if (lf < 0) lf = n;
    const stop = lf < n && lf > start && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    const next = lf + 1;
    if (stop > start) {
      const first = text.charCodeAt(start);
      if (first === 0x20 || first === 0x09) {
        const line = text.slice(start, stop);
        if (line.includes("\r")) crInLine = true;
        if (current) (pieces ??= [current.value]).push(line);
        else if (fields.length > 0) {
          // A malformed line came in between: the continuation still belongs to the last field.
          const last = fields[fields.length - 1]!;
          last.value += line.includes("\r") ? line.replace(/\r/g, "") : line;
        } else malformedLines++;
      } else {
        const nameEnd = fieldNameEnd(text, start, stop);
        if (nameEnd < 0) {
          // The mbox "From " line of some stores is not a field either.
          if (text.slice(start, stop).includes("\r")) crInLine = true;
          const shown = disguisedName(text, start, stop);
          if (shown) (disguised ??= []).push(shown);
          if (current) pushField(fields, current, pieces);
          current = pieces = undefined;
          malformedLines++;
        } else {
          if (current) pushField(fields, current, pieces);
          pieces = undefined;
          const i = valueStart(text, nameEnd, stop);
          const name = text.slice(start, nameEnd);
          const value = text.slice(i, stop);
          if (!crInLine && value.includes("\r")) crInLine = true;
          current = { name, key: name.toLowerCase(), value };
        }
      }
    }
    start = next;
  }
  if (current) pushField(fields, current, pieces);
  // Only where it changes the fields: before something read as a field ("Name:") or a line end.
  const bareCr = crInLine && BARE_CR.test(text);
  const block: HeaderBlock = { fields, truncated, hadNul, bareCr, malformedLines, size: end };
  if (disguised) block.disguised = disguised;
  return block;
}

/** Every value of the field `name` (case-insensitive), in order of appearance. */
export function headerValues(block: HeaderBlock, name: string): string[] {
  const key = name.toLowerCase();
  const out: string[] = [];
  for (const f of block.fields) if (f.key === key) out.push(f.value);
  return out;
}

/** The values of a few fields of a header block, with the block's oddities (see readFields). */
export interface SelectedFields {
  /** values[k]: every value of the field names[k], as headerValues(parseHeaderBlock(raw), names[k]) gives them. */
  values: string[][];
  truncated: boolean;
  hadNul: boolean;
  bareCr: boolean;
  /** As HeaderBlock.disguised: absent when none. */
  disguised?: string[];
}

// The first bytes of a message, decoded at once and searched as text for the header's end: a
// native search per line of the text instead of one per line of the bytes (a typed array's is
// several times slower in V8). A real header block is a few kB; past this many bytes, the byte
// search of headerEnd takes over.
const WINDOW = 8192;

/**
 * DECODER.decode(bytes.subarray(0, end)) for headerEnd's `end` (as text[0, end)) when that end
 * is an empty line within the first WINDOW bytes (and the block is not truncated), else
 * undefined. Equal because a line feed is one byte and one character: the text up to any LF
 * decodes alike whatever comes after it, and the empty line found is the same first one.
 * O(WINDOW).
 */
function windowText(bytes: Uint8Array, maxBytes: number): { text: string; end: number } | undefined {
  const w = Math.min(bytes.length, WINDOW);
  // With a smaller limit, the LF's byte offset would have to be compared with it: left to headerEnd.
  if (maxBytes < w) return undefined;
  const text = DECODER.decode(w === bytes.length ? bytes : bytes.subarray(0, w));
  // The LF before the first empty line (headerEnd's LF LF or LF CR LF), from LF to LF: the
  // pattern /\n\r?\n/ took twice as long on a block of 1.3 kB.
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 2) === 0x0a)) return { text, end: i + 1 };
  }
  // Read to its end without an empty line: the whole input (never past maxBytes, w <= maxBytes).
  return w === bytes.length ? { text, end: text.length } : undefined;
}

/** Ends the field being read (index in `values`, -1: not selected) as pushField does; returns it. */
function endField(values: string[][], current: number, value: string, crInLine: boolean): number {
  if (current >= 0) {
    let v = value;
    // No line read so far held a CR: neither does the value.
    if (crInLine && v.includes("\r")) v = v.replace(/\r/g, "");
    values[current]!.push(v);
  }
  return current;
}

/** Whether text[start, end) is `key` (lower-case ASCII) once A-Z are lowered, as name.toLowerCase() does. */
function nameIs(text: string, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== key.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * headerValues(parseHeaderBlock(raw, options), name) for each of `names` (distinct, lower
 * case), and the block's truncated / hadNul / bareCr flags, without building the fields nobody reads: the
 * trust verdict reads four fields of a block of twenty or more. The same decoding and the same
 * line-by-line reading as parseHeaderBlock, step for step (test/unit/trust-fastpaths.test.ts
 * compares both on arbitrary bytes); only the other fields' names and values are never cut out.
 * O(n) in the block's size (bounded by `maxBytes`), like parseHeaderBlock.
 */
export function readFields(raw: string | Uint8Array, names: readonly string[], options: HeaderParseOptions = {}): SelectedFields {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const w = windowText(bytes, maxBytes);
  let truncated = false;
  let text: string;
  // The header is text[0, n): the window's text is not cut (a cut string is slower to read).
  let n: number;
  if (w) {
    text = w.text;
    n = w.end;
  } else {
    const { end, found } = headerEnd(bytes, maxBytes);
    truncated = !found && bytes.length > maxBytes;
    text = DECODER.decode(bytes.subarray(0, end));
    n = text.length;
  }
  const nul = text.indexOf("\0");
  const hadNul = nul >= 0 && nul < n;
  if (hadNul) {
    text = text.slice(0, n).replace(/\0/g, "");
    n = text.length;
  }
  const values: string[][] = names.map(() => []);
  let crInLine = false;
  let disguised: string[] | undefined;
  // Which of `names` the field being read is (-1: another one), and its value so far. `last`:
  // the same for the last field ended, which a continuation after a malformed line still extends
  // (-2: no field ended yet).
  let current = -2;
  let value = "";
  let last = -2;
  // Where the next CR is from the last place asked (-2: not searched yet, -1: none): the places
  // asked only move forward, so the text is searched once whatever the line ends. (A pattern for
  // a lone CR over the whole text first, to skip these searches, cost more than they do.)
  let nextCr = -2;
  for (let start = 0; start <= n; ) {
    let lf = text.indexOf("\n", start);
    if (lf < 0 || lf > n) lf = n;
    const stop = lf < n && lf > start && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    const next = lf + 1;
    if (stop > start) {
      const first = text.charCodeAt(start);
      if (first === 0x20 || first === 0x09) {
        // Whether the line holds a CR is all that matters of an unread field's continuation.
        if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
        const hasCr = nextCr >= 0 && nextCr < stop;
        if (hasCr) crInLine = true;
        if (current !== -2) {
          // Appended, not joined: a Received value the verdict does not read is never flattened.
          if (current >= 0) value += text.slice(start, stop);
        } else if (last !== -2) {
          if (last >= 0) {
            const line = text.slice(start, stop);
            const list = values[last]!;
            list[list.length - 1] += hasCr ? line.replace(/\r/g, "") : line;
          }
        }
      } else {
        const nameEnd = fieldNameEnd(text, start, stop);
        if (nameEnd < 0) {
          if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
          if (nextCr >= 0 && nextCr < stop) crInLine = true;
          const shown = disguisedName(text, start, stop);
          if (shown) (disguised ??= []).push(shown);
          if (current !== -2) last = endField(values, current, value, crInLine);
          current = -2;
        } else {
          if (current !== -2) last = endField(values, current, value, crInLine);
          const i = valueStart(text, nameEnd, stop);
          current = -1;
          for (let k = 0; k < names.length; k++) {
            if (nameIs(text, start, nameEnd, names[k]!)) {
              current = k;
              break;
            }
          }
          if (!crInLine) {
            if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf("\r", i);
            if (nextCr >= 0 && nextCr < stop) crInLine = true;
          }
          value = current >= 0 ? text.slice(i, stop) : "";
        }
      }
    }
    start = next;
  }
  if (current !== -2) endField(values, current, value, crInLine);
  const bareCr = crInLine && BARE_CR.test(n === text.length ? text : text.slice(0, n));
  const selected: SelectedFields = { values, truncated, hadNul, bareCr };
  if (disguised) selected.disguised = disguised;
  return selected;
}
