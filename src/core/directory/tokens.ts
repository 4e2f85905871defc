// Index-side tokens of one field value. Each distinct value is tokenised once at import, so the
// expansions (compound names run together, saint/st, profession synonyms) cost nothing at query time.
import { foldWords } from "./normalize.ts";
import { CIVILITY_TOKENS, FEMININE_SUFFIXES, PROFESSION_SYNONYMS, SAINT_FORMS, SPECIALTY_SUFFIXES } from "./synonyms.ts";

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

/** The folded tokens a value is found by, deduplicated (order irrelevant). */
export function valueTokens(text: string, kinds: number): string[] {
  const words = foldWords(text);
  if (words.length === 0) return [];
  const out = new Set<string>();
  if (kinds & FieldKind.Civility) {
    for (const t of CIVILITY_TOKENS[words.join("")] ?? []) out.add(t);
    if (kinds === FieldKind.Civility) return [...out];
  }
  for (const w of words) out.add(w);

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
