// Display names that claim an MSSanté authority. « Assistance MSSanté <support@secu-messagerie.example> »
// is the classic phishing shape: the name does the convincing, the address is whatever the attacker
// owns. From outside the trust space, a name that presents itself as MSSanté, the ANS (Agence du
// numérique en santé, which runs MSSanté and Pro Santé Connect), a professional Ordre, or the user's
// own MSSanté operator is an impersonation, not mere outside mail.
//
// False alarms are kept rare by matching phrases, not loose words: "santé", "ordre" or "e-santé"
// alone never match (« Ordre du jour », « Santé Magazine », « GIP e-santé » stay outside);
// "ANS" counts only written in capitals as a word (« Joyeux 50 ans » does not). The test
// test/unit/authority-claims.test.ts runs a list of ordinary names that must not match.
//
// Bound: the name is folded once and each pattern is a linear regular expression without nested
// quantifiers: O(n) in the name's length (names are at most 16 KiB, see MAX_ADDRESS_FIELDS).

import { visualFold } from "../mail/characters.ts";
import { keptAnswers } from "../text.ts";

export type Authority = "mssante" | "ans" | "ordre" | "operator";

/**
 * Domains that speak for an authority from outside the white list. Only the ANS's own domain
 * (`esante.gouv.fr`, host of the white list, the IGC-Santé publications and Pro Santé Connect, see
 * ../shared/docs/domain.md): an Ordre's or an operator's own domain is added here only on a public
 * source; until then their mail from outside the space is flagged, which the user can lift with a
 * per-domain exception (options page).
 */
export const OFFICIAL_DOMAINS: readonly string[] = ["esante.gouv.fr"];

// Letters written with look-alike characters from other scripts ("МSSanté" with a Cyrillic М).
const LOOKALIKE_LETTERS: Record<string, string> = {
  а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", і: "i", ј: "j", ԁ: "d", ѕ: "s", һ: "h",
  ӏ: "l", к: "k", м: "m", т: "t", в: "b", н: "h", ο: "o", α: "a", ν: "v", ι: "i", κ: "k", τ: "t",
  ρ: "p", ε: "e", υ: "u", χ: "x", М: "m", С: "s", Ѕ: "s", А: "a", Е: "e", Т: "t", Н: "h",
};

/** The name as words a reader sees: folded, accents and look-alikes removed, punctuation as spaces. O(n). */
export function foldName(name: string): string {
  // Printable ASCII (most names): no look-alikes, no accents to strip.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(name)) return ` ${name.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;
  // Names recur from one message to the next: the folds of short ones are kept.
  return foldKept(name);
}

const foldKept = keptAnswers((name) => foldUnicodeName(name));

function foldUnicodeName(name: string): string {
  let s = "";
  for (const ch of name) s += LOOKALIKE_LETTERS[ch] ?? ch;
  return ` ${visualFold(s)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

const CLAIMS: [Authority, RegExp][] = [
  // MSSanté, however spelt: « MSSanté », « MS Santé », « M.S.Santé », « MSS », « Messagerie sécurisée de santé ».
  ["mssante", / m ?s ?sante | mss | messagerie securisee (?:de )?sante /],
  // The ANS and its services.
  ["ans", / agence (?:du |de )?numerique (?:en |de |de la )?sante | pro ?sante ?connect | e ?cps /],
  // The professional Ordres and their councils.
  ["ordre", / ordre (?:national )?des (?:medecins|pharmaciens|infirmiers|masseurs|sages femmes|chirurgiens|pedicures)| conseil (?:national |departemental |regional |interregional )?de l ?ordre | cnom /],
];

/**
 * The operator's name in a white-list description as the list writes it: « Domaine de messagerie
 * MSSanté de ENOVACOM » → "ENOVACOM". Undefined when the description does not read that way: the
 * descriptions are free text, and a guess would only add false alarms.
 */
export function operatorName(description: string): string | undefined {
  // Asked once per verdict for the user's own domain: the answer for a description is kept.
  if (OPERATOR_NAMES.has(description)) return OPERATOR_NAMES.get(description);
  const name = readOperatorName(description);
  if (OPERATOR_NAMES.size >= 1024) OPERATOR_NAMES.clear();
  OPERATOR_NAMES.set(description, name);
  return name;
}

const OPERATOR_NAMES = new Map<string, string | undefined>();

function readOperatorName(description: string): string | undefined {
  const text = description.trim();
  // « Domaine de messagerie MSSanté de ENOVACOM », « … géré par le GRADeS SESAN pour … », or
  // « Mailiz - Ordres des professions de santé » (operator, dash, what it serves).
  const m =
    /messagerie\s+ms\s?sant[ée]\s+(?:de la |de l'|de |d'|du |pour (?:le |la |l')?|géré par (?:le |la |l')?)\s*(.+?)(?:\s+pour\s.*)?$/i.exec(text) ??
    /^([^-–]{2,60}?)\s+[-–]\s+\S/.exec(text);
  const name = m?.[1]?.trim();
  if (!name) return undefined;
  const folded = foldName(name).trim();
  // Short or generic names ("CH", "GHT") would match too much.
  return folded.replace(/ /g, "").length >= 5 ? name : undefined;
}

export interface ClaimContext {
  /** The operator of the user's own MSSanté account, from its white-list description. */
  operator?: string | undefined;
}

// The user's operator's name, folded once: every verdict of an outside sender compares with it.
const FOLDED_OPERATORS = new Map<string, string>();

/** What authority a display name claims, if any. O(n) in the name plus the operator's name. */
export function claimedAuthority(displayName: string, context: ClaimContext = {}): Authority | undefined {
  if (!displayName.trim()) return undefined;
  if (/(^|[^\p{L}\p{N}])ANS([^\p{L}\p{N}]|$)/u.test(displayName)) return "ans";
  const folded = foldName(displayName);
  for (const [authority, pattern] of CLAIMS) if (pattern.test(folded)) return authority;
  if (context.operator) {
    let op = FOLDED_OPERATORS.get(context.operator);
    if (op === undefined) {
      op = foldName(context.operator);
      if (FOLDED_OPERATORS.size >= 1024) FOLDED_OPERATORS.clear();
      FOLDED_OPERATORS.set(context.operator, op);
    }
    if (op.trim() && folded.includes(op)) return "operator";
  }
  return undefined;
}

/** Whether `domain` (ASCII, lower case) is one of the official domains or under one. */
export function isOfficialDomain(domain: string): boolean {
  return OFFICIAL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}
