// Domain names as the trust space compares them: exact, case-insensitive, after IDNA (UTS #46)
// normalisation, with no suffix logic. Look-alike detection lives here too.
import { decode } from "punycode/punycode.es6.js";
import { describeChar, firstHidden, isHidden } from "../mail/characters.ts";
import { detached } from "../text.ts";

const FORBIDDEN = /[\s/?#@:[\]\\%<>"'`,;()]/;

// Sender domains recur from one message to the next: answers for short inputs are remembered, at
// most 4096 (cleared when full). A pure function of its input, so remembering changes nothing.
// null stands for "not a host name" (one lookup instead of has + get). Sized for a white list of
// several thousand domains seen in turn. Kept answers beat reading ASCII domains afresh in one pass
// (measured 15 % slower for the whole verdict): the answer kept is one string, already hashed, for
// the white-list look-ups that follow.
const normalised = new Map<string, string | null>();
const MAX_NORMALISED = 16384;

/**
 * Lower-case ASCII (punycode) form of a domain, or undefined when it is not a usable host name.
 * IDNA goes through the WHATWG URL parser: the same well-tested code in Node and in Thunderbird.
 */
export function normaliseDomain(input: string): string | undefined {
  if (input.length > 300) return computeNormalisedDomain(input);
  const known = normalised.get(input);
  if (known !== undefined) return known ?? undefined;
  const answer = computeNormalisedDomain(input);
  if (normalised.size >= MAX_NORMALISED) normalised.clear();
  normalised.set(detached(input), answer === undefined ? null : detached(answer));
  return answer;
}

function computeNormalisedDomain(input: string): string | undefined {
  const d = input.trim().replace(/\.$/, "");
  if (!d || d.length > 253 || FORBIDDEN.test(d)) return undefined;
  if (/^[A-Za-z0-9.-]+$/.test(d)) {
    const lower = d.toLowerCase();
    return lower.split(".").every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) ? lower : undefined;
  }
  try {
    const host = new URL(`http://${d}/`).hostname;
    return host && !host.startsWith("[") && /^[a-z0-9.-]+$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Unicode form of a punycode domain, for display. */
export function displayDomain(ascii: string): string {
  if (!ascii.includes("xn--")) return ascii;
  // The URL parser only goes to ASCII; the labels are decoded by punycode.js (RFC 3492).
  return ascii
    .split(".")
    .map((label) => (label.startsWith("xn--") ? punycodeDecode(label.slice(4)) ?? label : label))
    .join(".");
}

/** One label's RFC 3492 decoding, by punycode.js; undefined when it is not valid punycode. */
function punycodeDecode(input: string): string | undefined {
  try {
    return decode(input);
  } catch {
    return undefined; // shown as written (xn--…): never guessed
  }
}

/** Scripts used by letters of a (Unicode) domain: more than one is the classic homograph sign. */
export function scriptsOf(text: string): string[] {
  const scripts = new Set<string>();
  for (const ch of text) {
    if (/\p{Script=Latin}/u.test(ch)) scripts.add("Latin");
    else if (/\p{Script=Cyrillic}/u.test(ch)) scripts.add("Cyrillic");
    else if (/\p{Script=Greek}/u.test(ch)) scripts.add("Greek");
    else if (/\p{L}/u.test(ch)) scripts.add("Other");
  }
  return [...scripts];
}

// Characters commonly used to imitate Latin ones (a short list from Unicode's confusables data
// covering Cyrillic, Greek and typographic tricks seen in phishing), and multi-letter lookalikes.
const CONFUSABLES: Record<string, string> = {
  "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ԁ": "d",
  "ѕ": "s", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "ո": "n", "ս": "u",
  "ο": "o", "α": "a", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "ρ": "p", "ε": "e", "υ": "u", "χ": "x",
  "ɡ": "g", "ı": "i", "ℓ": "l", "0": "o", "1": "l", "5": "s", "é": "e", "è": "e", "ê": "e", "à": "a",
  "ç": "c", "ô": "o", "î": "i", "ï": "i", "ü": "u", "_": "-",
};

/** A "skeleton": two domains with the same skeleton look the same to a reader. */
export function skeleton(unicodeDomain: string): string {
  let s = "";
  for (const ch of unicodeDomain.normalize("NFKC").toLowerCase()) s += CONFUSABLES[ch] ?? ch;
  return s.replace(/rn/g, "m").replace(/vv/g, "w").replace(/cl/g, "d").replace(/l/g, "i");
}

/** All strings obtained by deleting one character: two strings within edit distance 1 share one. */
export function deletions(s: string): string[] {
  const out = [s];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

const CANONICAL_ASCII = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
const DOT_LIKE = /[\u3002\uFF0E\uFF61\u2024\uFE52]/;

/**
 * Why the domain as written is not byte for byte its own canonical form (ASCII, or the Unicode
 * form of a valid IDNA A-label), naming the character that had to be mapped, trimmed or dropped
 * to reach a host name; undefined when it is canonical. ASCII letter case is the only difference
 * allowed: everything else (zero-width characters, fullwidth letters and dots, ſ, a trailing
 * dot or no-break space…) is what makes a look-alike read as a listed domain. O(n).
 */
export function domainAsWrittenProblem(raw: string): string | undefined {
  if (CANONICAL_ASCII.test(raw)) return undefined;
  const ascii = raw.length <= 1024 ? normaliseDomain(raw) : undefined;
  if (ascii && raw === raw.normalize("NFC") && raw.replace(/[A-Z]+/g, (c) => c.toLowerCase()) === displayDomain(ascii) && !firstHidden(raw)) return undefined;
  for (const ch of raw) {
    if (isHidden(ch)) return describeChar(ch);
    if (/[A-Za-z0-9.-]/.test(ch)) continue;
    if (DOT_LIKE.test(ch) || ch.normalize("NFKC") !== ch || ch !== ch.toLowerCase() || ch.normalize("NFC") !== ch) return describeChar(ch);
  }
  if (raw.startsWith(".") || raw.endsWith(".") || raw.includes("..")) return describeChar(".");
  const odd = [...raw].find((ch) => !/[A-Za-z0-9.-]/.test(ch));
  return odd ? describeChar(odd) : undefined;
}
