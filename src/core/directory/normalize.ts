// Folding shared by the index and the queries: lower case, no accents, letters and digits only.
// Both sides must fold identically, so this is the single place that decides what a "word" is.

/** Characters NFD alone does not reduce to ASCII. */
const SPECIAL_FOLDS: Record<string, string> = {
  "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
  "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i", "ĳ": "ij", "Ĳ": "ij",
};

/** Fold of every code point below this bound, computed once: "" means separator. */
const TABLE_SIZE = 0x300;
const FOLD_TABLE: string[] = buildFoldTable();

function foldSlow(ch: string): string {
  const special = SPECIAL_FOLDS[ch];
  if (special !== undefined) return special;
  const folded = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return /^[a-z0-9]+$/.test(folded) ? folded : "";
}

function buildFoldTable(): string[] {
  const table: string[] = [];
  for (let cp = 0; cp < TABLE_SIZE; cp++) table.push(foldSlow(String.fromCharCode(cp)));
  return table;
}

/**
 * The words of a text, folded: "Hélène Le Gall-Dupont" → ["helene", "le", "gall", "dupont"].
 * Anything that is not a letter or a digit separates words (spaces, hyphens, apostrophes, dots, @).
 */
export function foldWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let folded: string;
    if (code < TABLE_SIZE) folded = FOLD_TABLE[code]!;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: outside the Latin scripts the directory holds; treat as a separator.
      i++;
      folded = "";
    } else folded = foldSlow(text[i]!);
    if (folded === "") {
      if (current !== "") {
        words.push(current);
        current = "";
      }
    } else current += folded;
  }
  if (current !== "") words.push(current);
  return words;
}

/** Folded words joined by one space; "" for a text without letters or digits. */
export function foldText(text: string): string {
  return foldWords(text).join(" ");
}

/** The key surnames are sorted and compared by: folded words run together ("Le Gall" → "legall"). */
export function surnameKey(text: string): string {
  return foldWords(text).join("");
}

/** Normalised header name, to find columns by name whatever their order, case or accents. */
export function columnKey(name: string): string {
  return foldWords(name).join("");
}

/** Queries keep at most this many words: more adds nothing for a person's name and place. */
export const MAX_QUERY_TOKENS = 8;

export interface ParsedQuery {
  /** Folded words, deduplicated, each to be matched as a prefix. */
  tokens: string[];
  /** For each token, the query word it comes from: "jean-francois dupont" → [0, 0, 1]. */
  groups: number[];
}

/**
 * The tokens of a query. A token that is a prefix of another one is implied by it
 * ("mar martin" = "martin") and dropped. Order is kept: adjacent tokens are also tried together
 * against surnames ("le gall" → "legall"), never splitting one typed word ("jean-francois").
 */
export function parseQuery(query: string): ParsedQuery {
  const tokens: string[] = [];
  const groups: number[] = [];
  query
    .split(/\s+/)
    .filter(Boolean)
    .forEach((chunk, group) => {
      for (const w of foldWords(chunk)) {
        if (tokens.includes(w)) continue;
        tokens.push(w);
        groups.push(group);
      }
    });
  const keep = tokens.map((w) => !tokens.some((other) => other !== w && other.startsWith(w)));
  const kept: ParsedQuery = { tokens: [], groups: [] };
  for (let i = 0; i < tokens.length && kept.tokens.length < MAX_QUERY_TOKENS; i++) {
    if (!keep[i]) continue;
    kept.tokens.push(tokens[i]!);
    kept.groups.push(groups[i]!);
  }
  return kept;
}

/** The tokens of a query (see `parseQuery`). */
export function queryTokens(query: string): string[] {
  return parseQuery(query).tokens;
}
