// Words users type for professions and specialities that the official labels do not contain.
// Data, not code: each rule adds index tokens to a profession or savoir-faire label whose folded
// words contain `when` (a sequence of whole folded words). Prefix search does the rest
// ("kine" already finds "kinesitherapeute", "cardio" finds "cardiologie").

export interface SynonymRule {
  /** Folded words that must appear in this order, adjacent, in the label. */
  when: string;
  /** Folded tokens added to the label's tokens. */
  add: string[];
}

export const PROFESSION_SYNONYMS: readonly SynonymRule[] = [
  { when: "masseur kinesitherapeute", add: ["kine", "mk", "kinesitherapeute", "kinesiste", "physiotherapeute"] },
  { when: "kinesitherapeute", add: ["kine", "mk"] },
  { when: "medecine generale", add: ["generaliste", "mg", "omnipraticien", "medecin"] },
  { when: "medecin", add: ["docteur", "medecine"] },
  { when: "sage femme", add: ["sf", "sagefemme", "maieuticien", "maieuticienne"] },
  { when: "infirmier", add: ["ide", "idel", "infirmiere", "inf"] },
  { when: "infirmiere", add: ["ide", "idel", "infirmier", "inf"] },
  { when: "pharmacien", add: ["pharma", "pharmacienne", "pharmacie", "officine"] },
  { when: "chirurgien dentiste", add: ["dentiste", "cd", "chirurgienne"] },
  { when: "chirurgie dentaire", add: ["dentiste"] },
  { when: "pedicure podologue", add: ["podologue", "pedicure", "pp"] },
  { when: "orthopedie dento faciale", add: ["odf", "orthodontiste", "orthodontie"] },
  { when: "oto rhino laryngologie", add: ["orl"] },
  { when: "radio diagnostic", add: ["radiologue", "radiologie", "radio"] },
  { when: "radiodiagnostic", add: ["radiologue", "radiologie", "radio"] },
  { when: "anesthesie reanimation", add: ["anesthesiste", "reanimateur"] },
  { when: "anesthesiologie", add: ["anesthesiste"] },
  { when: "gynecologie obstetrique", add: ["gynecologue", "obstetricien", "gyneco"] },
  { when: "psychiatrie", add: ["psychiatre", "psy"] },
  { when: "psychologue", add: ["psy"] },
  { when: "pediatrie", add: ["pediatre"] },
  { when: "geriatrie", add: ["geriatre"] },
  { when: "manipulateur erm", add: ["radio", "manip"] },
  { when: "opticien lunetier", add: ["opticien", "opticienne"] },
];

/** Suffix rules for the names of specialists: "cardiologie" → "cardiologue". */
export const SPECIALTY_SUFFIXES: readonly { from: string; to: string }[] = [
  { from: "logie", to: "logue" },
  { from: "iatrie", to: "iatre" },
];

/** Feminine forms of profession words: "infirmier" → "infirmiere", "pharmacien" → "pharmacienne". */
export const FEMININE_SUFFIXES: readonly { from: string; to: string }[] = [
  { from: "ien", to: "ienne" },
  { from: "ier", to: "iere" },
  { from: "eur", to: "euse" },
];

/** Civilités d'exercice worth a token: a secretary types "dr dupont". */
export const CIVILITY_TOKENS: Readonly<Record<string, readonly string[]>> = {
  dr: ["dr", "docteur"],
  docteur: ["dr", "docteur"],
  pr: ["pr", "professeur"],
  professeur: ["pr", "professeur"],
};

/** "saint-etienne" and "st etienne" are the same place: both forms are indexed. */
export const SAINT_FORMS: Readonly<Record<string, string>> = {
  saint: "st",
  st: "saint",
  sainte: "ste",
  ste: "sainte",
  saints: "sts",
  saintes: "stes",
};

/**
 * Postcodes of the arrondissements of Paris, Lyon and Marseille: "lyon 3", "paris 15eme" and
 * "marseille 1er" name a postcode nobody remembers. `base` + the number padded to `width` digits;
 * Paris 16 has two postcodes (75016 south, 75116 north).
 */
export const ARRONDISSEMENTS: readonly { city: string; base: string; width: number; from: number; to: number }[] = [
  { city: "paris", base: "750", width: 2, from: 1, to: 20 },
  { city: "paris", base: "751", width: 2, from: 16, to: 16 },
  { city: "lyon", base: "6900", width: 1, from: 1, to: 9 },
  { city: "marseille", base: "130", width: 2, from: 1, to: 16 },
];
