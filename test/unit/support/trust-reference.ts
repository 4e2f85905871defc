// The slow paths the speed work of issue #15 replaced, kept as they were so that property tests
// (test/unit/trust-fastpaths.test.ts) can check that the fast ones answer exactly the same.
// Not used by the add-on. Keep each function as it was written: it is the reference.
import type { HeaderBlock, HeaderField, HeaderParseOptions } from "../../../src/core/mail/headers.ts";

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
export function parseHeaderBlockReference(raw: string | Uint8Array, options: HeaderParseOptions = {}): HeaderBlock {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const { end, found } = headerEnd(bytes, maxBytes);
  const truncated = !found && bytes.length > maxBytes;
  // RFC 6532 allows UTF-8 in headers; invalid sequences become U+FFFD rather than failing.
  let text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, end));
  const hadNul = text.includes("\0");
  if (hadNul) text = text.replace(/\0/g, "");
  // Only where it changes the fields: before something read as a field ("Name:") or a line end.
  const bareCr = /\r(?!\n)(?=[\x21-\x39\x3b-\x7e]+[ \t]*:|\r)/.test(text);
  const lines = text.split(/\r?\n/);
  const fields: HeaderField[] = [];
  let malformedLines = 0;
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
      continue;
    }
    const name = m[1]!;
    fields.push({ name, key: name.toLowerCase(), value: line.slice(m[0].length).replace(/^[ \t]+/, "") });
  }
  for (const f of fields) f.value = f.value.replace(/\r/g, "");
  return { fields, truncated, hadNul, bareCr, malformedLines, size: end };
}


interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type LocaleFile = Record<string, LocaleMessage>;

/** WebExtension i18n semantics: named $PLACEHOLDER$ → its content, $1…$9 → substitutions. */
export function formatMessageReference(file: LocaleFile, key: string, subs: string[] = []): string {
  const entry = file[key];
  if (!entry) return "";
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? "");
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const ph = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return ph ? positional(ph[1].content) : whole;
  }).replace(/\$\$/g, "$");
}
