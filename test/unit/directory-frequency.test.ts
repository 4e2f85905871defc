// The usual correspondents (src/core/directory/frequency.ts): decay, bounds, and rule 4 of the
// ranking (search.ts) — a frequent correspondent first within its tier, never across tiers.
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex } from "../../src/core/directory/index.ts";
import {
  decayed,
  FORGET_SCORE,
  fromStored,
  HALF_LIFE_DAYS,
  MAX_CORRESPONDENTS,
  MAX_RECIPIENTS_PER_MESSAGE,
  MIN_SCORE,
  preferredIds,
  recordSent,
  toStored,
  usualCorrespondents,
  type Correspondents,
} from "../../src/core/directory/frequency.ts";
import { extractionBytes, per, type Row } from "../fixtures/directory/extraction.ts";

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 0, 1);

function indexOf(rows: Row[]): DirectoryIndex {
  return DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-01-01T00:00:00Z" }).data);
}

function sends(addresses: string[], times: number[], state: Correspondents = new Map()): Correspondents {
  for (const t of times) state = recordSent(state, addresses, t);
  return state;
}

describe("counting sent recipients, with decay", () => {
  it("each send adds one; the score halves every half-life", () => {
    const s = sends(["marie.dupont@medecin.mssante.fr"], [T0, T0]);
    const c = s.get("marie.dupont@medecin.mssante.fr")!;
    expect(decayed(c, T0)).toBeCloseTo(2, 10);
    expect(decayed(c, T0 + HALF_LIFE_DAYS * DAY)).toBeCloseTo(1, 10);
    expect(decayed(c, T0 + 2 * HALF_LIFE_DAYS * DAY)).toBeCloseTo(0.5, 10);
    // A send after a half-life: the old score decayed, plus one.
    const later = recordSent(s, ["marie.dupont@medecin.mssante.fr"], T0 + HALF_LIFE_DAYS * DAY).get("marie.dupont@medecin.mssante.fr")!;
    expect(later.score).toBeCloseTo(2, 10);
  });

  it("a clock set back does not inflate a score", () => {
    const c = sends(["a@b.fr"], [T0]).get("a@b.fr")!;
    expect(decayed(c, T0 - 100 * DAY)).toBe(1);
  });

  it("addresses are case-folded, counted once per message, and invalid ones ignored", () => {
    const s = recordSent(new Map(), ["Marie.Dupont@Medecin.MSSante.fr", "marie.dupont@medecin.mssante.fr", "pas une adresse", "", "a@b@c"], T0);
    expect([...s.keys()]).toEqual(["marie.dupont@medecin.mssante.fr"]);
    expect(s.get("marie.dupont@medecin.mssante.fr")!.score).toBe(1);
  });

  it("only usual correspondents (two sends within about a half-life) are boosted; one mistaken send is not", () => {
    const once = sends(["x@y.fr"], [T0]);
    expect(usualCorrespondents(once, T0).size).toBe(0);
    const twice = sends(["x@y.fr"], [T0, T0 + DAY]);
    expect(usualCorrespondents(twice, T0 + DAY).get("x@y.fr")).toBeGreaterThanOrEqual(MIN_SCORE);
    // Two sends long ago have faded below the threshold.
    expect(usualCorrespondents(twice, T0 + 3 * HALF_LIFE_DAYS * DAY).size).toBe(0);
  });

  it("a mass mailing is not counted", () => {
    const many = Array.from({ length: MAX_RECIPIENTS_PER_MESSAGE + 1 }, (_, i) => `r${i}@b.fr`);
    expect(recordSent(new Map(), many, T0).size).toBe(0);
    expect(recordSent(new Map(), many.slice(1), T0).size).toBe(MAX_RECIPIENTS_PER_MESSAGE);
  });

  it("is bounded: beyond MAX_CORRESPONDENTS the weakest go, and faded scores are forgotten", () => {
    let s: Correspondents = sends(["keep@b.fr"], [T0, T0, T0]);
    for (let i = 0; i < MAX_CORRESPONDENTS + 40; i++) s = recordSent(s, [`r${i}@b.fr`], T0 + i);
    expect(s.size).toBe(MAX_CORRESPONDENTS);
    expect(s.has("keep@b.fr")).toBe(true);
    // The oldest single sends went first (lowest decayed score).
    expect(s.has("r0@b.fr")).toBe(false);
    expect(s.has(`r${MAX_CORRESPONDENTS + 39}@b.fr`)).toBe(true);
    // Half a year later, single sends have fallen under FORGET_SCORE: the next update drops them.
    const late = T0 + 200 * DAY;
    expect(decayed(s.get("r5@b.fr") ?? { score: 1, at: T0 }, late)).toBeLessThan(FORGET_SCORE);
    const before = s.size;
    const after = recordSent(s, ["new@b.fr"], late);
    // Even three sends fade out in 200 days (3 × 2^-6.7 < FORGET_SCORE).
    expect([...after.keys()]).toEqual(["new@b.fr"]);
    // The input state is left as it was.
    expect(s.size).toBe(before);
  });

  it("stored form round-trips; malformed entries are dropped", () => {
    const s = sends(["a@b.fr", "c@d.fr"], [T0, T0 + DAY]);
    expect(fromStored(JSON.parse(JSON.stringify(toStored(s))))).toEqual(s);
    expect(fromStored([["a@b.fr", { score: "x", at: 1 }], ["nope", { score: 1, at: 1 }], ["e@f.fr", { score: 2, at: 3 }], 7]).size).toBe(1);
    expect(fromStored(undefined).size).toBe(0);
  });
});

describe("rule 4: a usual correspondent first within its tier, never across tiers", () => {
  // Two exact homonyms, Marie DUPONT of Lyon and of Nantes; Lyon sorts first (address order).
  const lyon = "marie.dupont@medecin.mssante.fr";
  const nantes = "marie.dupont@sage-femme.mssante.fr";
  const index = indexOf([
    per("Dupont", "Marie", lyon, { city: "LYON", postalCode: "69003" }),
    per("Dupont", "Marie", nantes, { profession: "Sage-femme", city: "NANTES", postalCode: "44000" }),
    per("Dupont", "Jean", "jean.dupont@medecin.mssante.fr", { city: "PARIS", postalCode: "75015" }),
    per("Dupontel", "Marie", "marie.dupontel@medecin.mssante.fr", { city: "LYON", postalCode: "69003" }),
    per("Saint-Martin", "Jérôme", "jerome.saint-martin@medecin.mssante.fr", { city: "LYON", postalCode: "69003" }),
    per("Martin", "Jérôme", "jerome.martin@medecin.mssante.fr", { city: "SAINT DENIS", postalCode: "93200" }),
  ]);
  const top = (q: string, usual: Map<string, number>, n = 3) => index.search(q, { limit: n, prefer: preferredIds(index, usual) }).map((e) => e.email);
  const usual = (sent: string[]) => usualCorrespondents(sends(sent, [T0, T0 + DAY]), T0 + DAY);

  it("a frequent correspondent outranks her exact homonym", () => {
    expect(top("dupont marie", new Map(), 2)).toEqual([lyon, nantes]);
    expect(top("dupont marie", usual([nantes]), 2)).toEqual([nantes, lyon]);
    expect(top("marie dupont", usual([nantes]), 1)).toEqual([nantes]);
    expect(top("dupont", usual([nantes]), 1)).toEqual([nantes]);
  });

  it("one send to a homonym is not enough to pass the other", () => {
    const once = usualCorrespondents(sends([nantes], [T0]), T0);
    expect(top("dupont marie", once, 2)).toEqual([lyon, nantes]);
  });

  it("a correspondent reached only by a prefix does not pass an exact name of someone else", () => {
    // DUPONTEL is a usual correspondent, but for "dupont marie" the exact DUPONTs come first.
    expect(top("dupont marie", usual(["marie.dupontel@medecin.mssante.fr"]), 3)).toEqual([lyon, nantes, "marie.dupontel@medecin.mssante.fr"]);
    // Among the prefix matches of "dupon", she comes first.
    expect(top("dupon marie", usual(["marie.dupontel@medecin.mssante.fr"]), 1)).toEqual(["marie.dupontel@medecin.mssante.fr"]);
  });

  it("nor does a correspondent of a lower compound-name tier: 'saint martin jer' is still SAINT-MARTIN first", () => {
    expect(top("saint martin jer", usual(["jerome.martin@medecin.mssante.fr"]), 2)).toEqual(["jerome.saint-martin@medecin.mssante.fr", "jerome.martin@medecin.mssante.fr"]);
  });

  it("nor across the generic-address-word pass (rule 2) or the arrondissement tier (rule 3)", () => {
    const idx = indexOf([
      per("Müller", "Frédéric", "frederic.muller@masseur-kinesitherapeute.mssante.fr", { profession: "Masseur-kinésithérapeute", city: "STRASBOURG", postalCode: "67000" }),
      ...Array.from({ length: 60 }, (_, i) => per("Müller", "Anne", `anne.muller.${i}@masseur-kinesitherapeute.mssante.fr`, { profession: "Masseur-kinésithérapeute", city: "STRASBOURG", postalCode: "67000" })),
      per("Rousseau", "Hélène", "helene.rousseau@medecin.mssante.fr", { specialty: "Pédiatrie", city: "PARIS", postalCode: "75016" }),
      per("Paris", "Claire", "claire.paris@medecin.mssante.fr", { specialty: "Pédiatrie", city: "ANGOULEME", postalCode: "16000" }),
    ]);
    const t = (q: string, address: string) => idx.search(q, { limit: 1, prefer: preferredIds(idx, usual([address])) })[0]?.email;
    // Anne MÜLLER's "fr" is only her address's ".fr": the correspondent stays after Frédéric.
    expect(t("muller fr kine", "anne.muller.7@masseur-kinesitherapeute.mssante.fr")).toBe("frederic.muller@masseur-kinesitherapeute.mssante.fr");
    expect(t("muller kine", "anne.muller.7@masseur-kinesitherapeute.mssante.fr")).toBe("anne.muller.7@masseur-kinesitherapeute.mssante.fr");
    // Dr PARIS of Angoulême (16000), a correspondent, still after Paris 16e.
    expect(t("paris 16 pediatrie", "claire.paris@medecin.mssante.fr")).toBe("helene.rousseau@medecin.mssante.fr");
    expect(t("paris pediatrie", "claire.paris@medecin.mssante.fr")).toBe("claire.paris@medecin.mssante.fr");
  });

  it("a correspondent that does not match the query is not shown", () => {
    expect(top("jean", usual([nantes]), 3)).toEqual(["jean.dupont@medecin.mssante.fr"]);
  });

  it("addresses resolve case-insensitively to their entries; unknown ones to none", () => {
    expect(index.idsOfAddress("Marie.Dupont@Sage-Femme.MSSante.fr").map((id) => index.entry(id).email)).toEqual([nantes]);
    expect(index.idsOfAddress("inconnu@ailleurs.fr")).toEqual([]);
    expect(index.idsOfAddress("marie.dupont@medecin")).toEqual([]);
  });
});
