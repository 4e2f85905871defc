// RFC 2047 encoded-words (=?charset?B|Q?text?=). Decoded with TextDecoder so that every charset
// the platform knows works the same in Node and in Thunderbird; an unknown charset or a broken
// word is left as written and reported, never guessed.

export interface DecodeResult {
  text: string;
  /** At least one encoded-word was decoded. */
  decoded: boolean;
  /** Encoded-words that could not be decoded (kept verbatim). */
  failures: number;
}

import { decodeBytes, detached } from "../text.ts";

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
// Whitespace between two adjacent encoded-words is not part of the text (RFC 2047 §6.2).
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[bBqQ]\?)/g;

function base64Bytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, "");
  // A length of 4k+1 is never base64; atob would throw, and a thrown exception per word costs
  // more than the rest of the decoding (a header of such words took seconds per megabyte).
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const bin = atob(clean + "=".repeat((4 - (clean.length % 4)) % 4));
    // atob gives one character per byte (below U+0100): copied by index, without an iterator.
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function qBytes(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "_") out.push(0x20);
    else if (c === "=") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = c.charCodeAt(0);
      if (code > 0x7e) return undefined;
      out.push(code);
    }
  }
  return Uint8Array.from(out);
}

// Charsets the platform does not know, remembered: the TextDecoder constructor throws for each,
// and one exception per word made a header full of "=?x-unknown?q?a?=" slow.
const UNKNOWN_CHARSETS = new Set<string>();

function decodeWord(charset: string, encoding: string, text: string): string | undefined {
  const label = charset.trim().toLowerCase();
  if (UNKNOWN_CHARSETS.has(label)) return undefined;
  const bytes = encoding.toUpperCase() === "B" ? base64Bytes(text) : qBytes(text);
  if (!bytes) return undefined;
  try {
    return decodeBytes(bytes, charset);
  } catch (err) {
    if (err instanceof RangeError && UNKNOWN_CHARSETS.size < 1000) UNKNOWN_CHARSETS.add(label);
    return undefined;
  }
}

/**
 * O(n): every attempt of the patterns above starts at a "=?" and stops at the next "?" or
 * whitespace, and no stretch between two "?" holds more than one start.
 */
export function decodeEncodedWords(input: string): DecodeResult {
  // Both patterns need a "=?": without one, nothing is decoded (most names and comments).
  if (!input.includes("=?")) return { text: input, decoded: false, failures: 0 };
  if (input.length > MAX_KEPT_INPUT) return decodeAll(input);
  let result = DECODED.get(input);
  if (!result) {
    result = Object.freeze(decodeAll(input));
    if (DECODED.size >= MAX_KEPT) DECODED.clear();
    DECODED.set(detached(input), result);
  }
  return result;
}

function decodeAll(input: string): DecodeResult {
  counts.decoded = 0;
  counts.failures = 0;
  const text = input.replace(BETWEEN_WORDS, "$1").replace(ENCODED_WORD, replaceWord);
  return { text, decoded: counts.decoded > 0, failures: counts.failures };
}

// Senders' encoded names recur from one message to the next: the answers for short inputs are
// kept, at most MAX_KEPT (cleared when full), keyed by the exact text. A pure function of its
// input (the charsets remembered as unknown fail either way), so keeping them changes nothing;
// the answers are frozen, being shared.
const MAX_KEPT_INPUT = 256;
const MAX_KEPT = 4096;
const DECODED = new Map<string, DecodeResult>();

// What one decodeEncodedWords call decoded: module state rather than a closure per call (the
// replacement never calls decodeEncodedWords, so calls do not overlap).
const counts = { decoded: 0, failures: 0 };

function replaceWord(whole: string, charset: string, enc: string, body: string): string {
  const out = decodeWord(charset, enc, body);
  if (out === undefined) {
    counts.failures++;
    return whole;
  }
  counts.decoded++;
  return out;
}

export function hasEncodedWord(input: string): boolean {
  return input.includes("=?") && /=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=/.test(input);
}
