// Characters a reader does not see, or sees as another one. The verdict names them ("U+200B ZERO
// WIDTH SPACE") because "invalid domain" alone tells the user nothing about why a domain that
// looks right is refused. Names come from a short table of the characters used in look-alike
// attacks, ranges computed from their Unicode structure, and otherwise the code point with the
// character it passes for; the full Unicode name list is 2 MB for a handful of useful entries.

import { keptAnswers } from "../text.ts";

const NAMES: Record<number, string> = {
  0x0009: "CHARACTER TABULATION",
  0x002e: "FULL STOP",
  0x00a0: "NO-BREAK SPACE",
  0x00ad: "SOFT HYPHEN",
  0x017f: "LATIN SMALL LETTER LONG S",
  0x034f: "COMBINING GRAPHEME JOINER",
  0x061c: "ARABIC LETTER MARK",
  0x115f: "HANGUL CHOSEONG FILLER",
  0x1160: "HANGUL JUNGSEONG FILLER",
  0x1680: "OGHAM SPACE MARK",
  0x17b4: "KHMER VOWEL INHERENT AQ",
  0x17b5: "KHMER VOWEL INHERENT AA",
  0x180b: "MONGOLIAN FREE VARIATION SELECTOR ONE",
  0x180c: "MONGOLIAN FREE VARIATION SELECTOR TWO",
  0x180d: "MONGOLIAN FREE VARIATION SELECTOR THREE",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x180f: "MONGOLIAN FREE VARIATION SELECTOR FOUR",
  0x2000: "EN QUAD",
  0x2001: "EM QUAD",
  0x2002: "EN SPACE",
  0x2003: "EM SPACE",
  0x2004: "THREE-PER-EM SPACE",
  0x2005: "FOUR-PER-EM SPACE",
  0x2006: "SIX-PER-EM SPACE",
  0x2007: "FIGURE SPACE",
  0x2008: "PUNCTUATION SPACE",
  0x2009: "THIN SPACE",
  0x200a: "HAIR SPACE",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2024: "ONE DOT LEADER",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x202f: "NARROW NO-BREAK SPACE",
  0x205f: "MEDIUM MATHEMATICAL SPACE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x206a: "INHIBIT SYMMETRIC SWAPPING",
  0x206b: "ACTIVATE SYMMETRIC SWAPPING",
  0x206c: "INHIBIT ARABIC FORM SHAPING",
  0x206d: "ACTIVATE ARABIC FORM SHAPING",
  0x206e: "NATIONAL DIGIT SHAPES",
  0x206f: "NOMINAL DIGIT SHAPES",
  0x2800: "BRAILLE PATTERN BLANK",
  0x3000: "IDEOGRAPHIC SPACE",
  0x3002: "IDEOGRAPHIC FULL STOP",
  0x3164: "HANGUL FILLER",
  0xfe52: "SMALL FULL STOP",
  0xfe6b: "SMALL COMMERCIAL AT",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
  0xff0e: "FULLWIDTH FULL STOP",
  0xff20: "FULLWIDTH COMMERCIAL AT",
  0xff61: "HALFWIDTH IDEOGRAPHIC FULL STOP",
  0xffa0: "HALFWIDTH HANGUL FILLER",
  0xfff9: "INTERLINEAR ANNOTATION ANCHOR",
  0xfffa: "INTERLINEAR ANNOTATION SEPARATOR",
  0xfffb: "INTERLINEAR ANNOTATION TERMINATOR",
  0xe0001: "LANGUAGE TAG",
  0xe007f: "CANCEL TAG",
  // Superscripts and modifier letters that NFKC maps to ASCII.
  0x00aa: "FEMININE ORDINAL INDICATOR",
  0x00b2: "SUPERSCRIPT TWO",
  0x00b3: "SUPERSCRIPT THREE",
  0x00b9: "SUPERSCRIPT ONE",
  0x00ba: "MASCULINE ORDINAL INDICATOR",
  0x02b0: "MODIFIER LETTER SMALL H",
  0x02b2: "MODIFIER LETTER SMALL J",
  0x02b3: "MODIFIER LETTER SMALL R",
  0x02b7: "MODIFIER LETTER SMALL W",
  0x02b8: "MODIFIER LETTER SMALL Y",
  0x02e1: "MODIFIER LETTER SMALL L",
  0x02e2: "MODIFIER LETTER SMALL S",
  0x02e3: "MODIFIER LETTER SMALL X",
  0x2070: "SUPERSCRIPT ZERO",
  0x2071: "SUPERSCRIPT LATIN SMALL LETTER I",
  0x207f: "SUPERSCRIPT LATIN SMALL LETTER N",
  0x1d43: "MODIFIER LETTER SMALL A",
  0x1d49: "MODIFIER LETTER SMALL E",
  0x1d50: "MODIFIER LETTER SMALL M",
  0x1d52: "MODIFIER LETTER SMALL O",
  0x1d56: "MODIFIER LETTER SMALL P",
  0x1d57: "MODIFIER LETTER SMALL T",
  0x1d58: "MODIFIER LETTER SMALL U",
  0x1d5b: "MODIFIER LETTER SMALL V",
  0x1d9c: "MODIFIER LETTER SMALL C",
  0x1da0: "MODIFIER LETTER SMALL F",
  0x1dbb: "MODIFIER LETTER SMALL Z",
};

const DIGITS = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
const ROMAN = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "FIFTY", "ONE HUNDRED", "FIVE HUNDRED", "ONE THOUSAND"];
const letter = (i: number) => String.fromCharCode(65 + i);

function rangeName(cp: number): string | undefined {
  if (cp >= 0xff21 && cp <= 0xff3a) return `FULLWIDTH LATIN CAPITAL LETTER ${letter(cp - 0xff21)}`;
  if (cp >= 0xff41 && cp <= 0xff5a) return `FULLWIDTH LATIN SMALL LETTER ${letter(cp - 0xff41)}`;
  if (cp >= 0xff10 && cp <= 0xff19) return `FULLWIDTH DIGIT ${DIGITS[cp - 0xff10]}`;
  if (cp === 0xff0d) return "FULLWIDTH HYPHEN-MINUS";
  if (cp >= 0x24b6 && cp <= 0x24cf) return `CIRCLED LATIN CAPITAL LETTER ${letter(cp - 0x24b6)}`;
  if (cp >= 0x24d0 && cp <= 0x24e9) return `CIRCLED LATIN SMALL LETTER ${letter(cp - 0x24d0)}`;
  if (cp >= 0x2160 && cp <= 0x216f) return `ROMAN NUMERAL ${ROMAN[cp - 0x2160]}`;
  if (cp >= 0x2170 && cp <= 0x217f) return `SMALL ROMAN NUMERAL ${ROMAN[cp - 0x2170]}`;
  if (cp >= 0x2074 && cp <= 0x2079) return `SUPERSCRIPT ${DIGITS[cp - 0x2070]}`;
  if (cp >= 0x2080 && cp <= 0x2089) return `SUBSCRIPT ${DIGITS[cp - 0x2080]}`;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `VARIATION SELECTOR-${cp - 0xe0100 + 17}`;
  if (cp >= 0xe0020 && cp <= 0xe007e) return `TAG ${cp === 0xe0020 ? "SPACE" : String.fromCharCode(cp - 0xe0000)}`;
  return undefined;
}

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, "0");

/** "U+200B ZERO WIDTH SPACE"; unnamed characters get what they pass for, when that is visible. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const name = NAMES[cp] ?? rangeName(cp);
  if (name) return `U+${hex(cp)} ${name}`;
  if (cp >= 0x20 && cp < 0x7f) return `U+${hex(cp)} « ${ch} »`;
  const folded = ch.normalize("NFKC");
  if (folded !== ch && /^[\x21-\x7e]+$/.test(folded)) return `U+${hex(cp)} (≈ « ${folded} »)`;
  if (/\p{Lu}/u.test(ch)) return `U+${hex(cp)} (« ${ch} », ≈ « ${ch.toLowerCase()} »)`;
  if (isHidden(ch)) return `U+${hex(cp)} (invisible)`;
  return `U+${hex(cp)} « ${ch} »`;
}

// Invisible when rendered: default-ignorable code points (zero-width characters, bidi controls,
// variation selectors, Hangul fillers, soft hyphen, tags…), format and control characters,
// separators, and the blank-looking ones that are none of these.
const HIDDEN = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}\u2800\u115F\u1160\u3164\uFFA0]/u;
const HIDDEN_G = new RegExp(HIDDEN.source, "gu");
// Bidi controls that reorder what follows: with them, "rf.etnassm@x" reads as "x@mssante.fr".
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export function isHidden(ch: string): boolean {
  return HIDDEN.test(ch);
}

/** The first character of `text` a reader does not see (space included), if any. O(n). */
export function firstHidden(text: string): string | undefined {
  HIDDEN_G.lastIndex = 0;
  const m = HIDDEN_G.exec(text);
  return m?.[0];
}

/** The first character that does not show, other than ordinary spaces and tabs. O(n). */
export function firstInvisible(text: string): string | undefined {
  // In printable ASCII the only character HIDDEN matches is the space, which does not count.
  if (PRINTABLE_ASCII.test(text)) return undefined;
  for (const m of text.matchAll(HIDDEN_G)) if (m[0] !== " " && m[0] !== "\t") return m[0];
  return undefined;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function hasBidiControl(text: string): boolean {
  return BIDI.test(text);
}

// Dots IDNA maps to "." (UTS #46) and ones that look the same.
const DOT_LIKE = /[\u3002\uFF0E\uFF61\u2024\uFE52]/g;

/**
 * Text as a reader takes it in: compatibility forms folded (fullwidth, circled, ſ, ＠…), the
 * dots IDNA maps folded to ".", invisible characters removed, spaces collapsed, lower case. Two
 * strings with the same fold read the same. O(n).
 */
/** Whether every code unit of `text` is printable ASCII (PRINTABLE_ASCII.test, without a regex call). O(n). */
export function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

export function visualFold(text: string): string {
  // Printable ASCII folds to its lower case: skip NFKC and the Unicode classes.
  if (isPrintableAscii(text)) return text.toLowerCase();
  // A verdict folds the same name several times (both readings, each check): short answers kept.
  return foldKept(text);
}

const foldKept = keptAnswers((text) => foldUnicode(text));
const keepSpace = (c: string) => (c === " " ? " " : "");

function foldUnicode(text: string): string {
  return text
    .normalize("NFKC")
    .replace(DOT_LIKE, ".")
    .replace(/[\p{Zs}\p{Zl}\p{Zp}\t\r\n]+/gu, " ")
    .replace(HIDDEN_G, keepSpace)
    .toLowerCase();
}

/** `text` with its invisible characters written out (<U+200B>), for messages. */
export function visible(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) + "…" : text;
  return cut.replace(HIDDEN_G, (c) => (c === " " ? " " : `<U+${hex(c.codePointAt(0)!)}>`));
}

/** The string read right to left, code point by code point (what an RLO override displays). */
export function reversed(text: string): string {
  return [...text].reverse().join("");
}
