// Index-side tokens of one field value. Each distinct value is tokenised once at import, so the
// expansions (compound names run together, saint/st, profession synonyms) cost nothing at query time.
import { foldWords } from "./normalize.ts";
import { ARRONDISSEMENTS, CIVILITY_TOKENS, FEMININE_SUFFIXES, PROFESSION_SYNONYMS, SAINT_FORMS, SPECIALTY_SUFFIXES } from "./synonyms.ts";

/** What a value is used as; one value (say "LYON") may be several kinds at once. */
export const FieldKind = {
  Name: 1,
  Place: 2,
  Organisation: 4,
  Profession: 8,
  Civility: 16,
  EmailLocal: 32,
  Domain: 64,
  Code: 128,
} as const;

/**
 * Prefix of the index tokens made from the generic part of an address's domain (see build.ts):
 * not a letter or digit, so no folded query word can reach them by prefix; the search looks them
 * up on purpose, and only as a last resort.
 */
export const GENERIC_MARK = "~";

/** "69003" → "3eme", "3ieme"; "13001" → "1er", "1ere", "1eme": what people type after the city. */
export function arrondissementTokens(postcode: string): string[] {
  for (const a of ARRONDISSEMENTS) {
    if (postcode.length !== a.base.length + a.width || !postcode.startsWith(a.base)) continue;
    const rest = postcode.slice(a.base.length);
    if (!/^[0-9]+$/.test(rest)) continue;
    const n = Number(rest);
    if (n < a.from || n > a.to) continue;
    return n === 1 ? ["1er", "1ere", "1eme"] : [`${n}eme`, `${n}ieme`];
  }
  return [];
}

/** Compound values longer than this are not run together (hospital names, not people). */
const MAX_CONCAT_WORDS = 5;

const foldedRules = PROFESSION_SYNONYMS.map((r) => ({ when: foldWords(r.when), add: r.add.flatMap((a) => foldWords(a)) }));

function containsSequence(words: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/** "de la fontaine" → "delafontaine", "lafontaine": the suffixes of two words or more, run together. */
function addConcatenations(words: string[], out: Set<string>): void {
  if (words.length < 2 || words.length > MAX_CONCAT_WORDS) return;
  for (let i = 0; i + 1 < words.length; i++) out.add(words.slice(i).join(""));
}

function withSaintForms(words: string[]): string[] | null {
  let changed = false;
  const swapped = words.map((w) => {
    const other = SAINT_FORMS[w];
    if (other === undefined) return w;
    changed = true;
    return other;
  });
  return changed ? swapped : null;
}

/**
 * The folded tokens a value is found by, deduplicated (order irrelevant). For an address domain,
 * its last `genericLabels` labels (the part most entries share, like "mssante.fr") give marked
 * tokens only.
 */
export function valueTokens(text: string, kinds: number, genericLabels = 0): string[] {
  if (kinds & FieldKind.Domain && genericLabels > 0) {
    const labels = text.split(".");
    const cut = Math.max(0, labels.length - genericLabels);
    const out = new Set<string>();
    if (kinds !== FieldKind.Domain) for (const t of valueTokens(text, kinds & ~FieldKind.Domain)) out.add(t);
    if (cut > 0) for (const t of valueTokens(labels.slice(0, cut).join("."), FieldKind.Domain)) out.add(t);
    for (const t of valueTokens(labels.slice(cut).join("."), FieldKind.Domain)) out.add(GENERIC_MARK + t);
    return [...out];
  }
  const words = foldWords(text);
  if (words.length === 0) return [];
  const out = new Set<string>();
  if (kinds & FieldKind.Civility) {
    for (const t of CIVILITY_TOKENS[words.join("")] ?? []) out.add(t);
    if (kinds === FieldKind.Civility) return [...out];
  }
  for (const w of words) out.add(w);

  if (kinds & FieldKind.Code) for (const t of arrondissementTokens(text.trim())) out.add(t);
  if (kinds & FieldKind.Domain) {
    // "chu-lyon.mssante.fr": labels are split on the hyphen too; also index "chulyon".
    for (const label of text.split(".")) addConcatenations(foldWords(label), out);
  }
  if (kinds & (FieldKind.Name | FieldKind.Place | FieldKind.Organisation | FieldKind.Profession)) {
    const saint = withSaintForms(words);
    if (saint) for (const w of saint) out.add(w);
    if (kinds & (FieldKind.Name | FieldKind.Place | FieldKind.Profession)) {
      addConcatenations(words, out);
      if (saint) addConcatenations(saint, out);
    }
  }
  if (kinds & FieldKind.Profession) {
    for (const rule of foldedRules) if (containsSequence(words, rule.when)) for (const t of rule.add) out.add(t);
    for (const w of words) {
      for (const s of SPECIALTY_SUFFIXES) if (w.length > s.from.length + 2 && w.endsWith(s.from)) out.add(w.slice(0, -s.from.length) + s.to);
      for (const s of FEMININE_SUFFIXES) if (w.length > s.from.length + 2 && w.endsWith(s.from)) out.add(w.slice(0, -s.from.length) + s.to);
    }
  }
  return [...out];
}
