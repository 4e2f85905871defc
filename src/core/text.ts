// Byte decoding that behaves the same in Node and in Thunderbird. Node's TextDecoder treats the
// "windows-1252" label (and "iso-8859-1", which WHATWG maps to it) as plain Latin-1, losing
// €, œ, ’, « smart quotes » and the rest of 0x80–0x9F; Thunderbird decodes them correctly.
// French text uses several of them, so the 32 code points are mapped here.

const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const CP1252_LABELS = new Set(["windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "latin1", "l1", "ascii", "us-ascii", "iso_8859-1", "cp819", "ibm819"]);

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk.map((b) => b));
  }
  return out.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Decodes `bytes` in `charset` (strictly: throws on invalid input for multi-byte charsets). */
export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const label = charset.trim().toLowerCase();
  if (CP1252_LABELS.has(label)) return decodeWindows1252(bytes);
  let decoder = DECODERS.get(label);
  if (!decoder) {
    // Throws for a label the platform does not know, as before: nothing is remembered then.
    decoder = new TextDecoder(label, { fatal: true });
    if (DECODERS.size >= 64) DECODERS.clear();
    DECODERS.set(label, decoder);
  }
  return decoder.decode(bytes);
}

// Decoders by label, made once: every encoded-word of every name is decoded here. A decode()
// without `stream` starts afresh (WHATWG Encoding: a new decoder, an empty queue, BOM unseen),
// also after one that threw, so sharing them changes no result.
const DECODERS = new Map<string, TextDecoder>();

/**
 * A copy of `s` that keeps nothing else alive. A substring may share the characters of the
 * string it was cut from (V8's sliced strings, SpiderMonkey's dependent ones): a cache keyed by
 * a domain cut out of a header block would keep the whole block. Built from a new string one
 * character longer, so that what is kept is that string only. For the keys and answers of
 * bounded caches, on insertion. O(n).
 */
export function detached(s: string): string {
  return (" " + s).slice(1);
}

/**
 * `f` with its answers for texts of at most `maxLength` characters kept, keyed by the exact text
 * (at most `maxKept`, all dropped when full). Names and encoded words recur from one message to
 * the next; for pure functions only, so that keeping an answer changes nothing. Keys and answers
 * are stored detached, so that no header block stays alive through them.
 */
export function keptAnswers(f: (text: string) => string, maxLength = 256, maxKept = 4096): (text: string) => string {
  const kept = new Map<string, string>();
  return (text) => {
    if (text.length > maxLength) return f(text);
    let answer = kept.get(text);
    if (answer === undefined) {
      answer = f(text);
      if (kept.size >= maxKept) kept.clear();
      kept.set(detached(text), answer === text ? answer : detached(answer));
    }
    return answer;
  };
}
