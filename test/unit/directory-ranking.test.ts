// One fixture per ranking rule of src/core/directory/search.ts (see its header comment), each
// with the crowd that made the rule necessary: homonyms that match the words in other fields.
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex } from "../../src/core/directory/index.ts";
import { FieldKind, valueTokens } from "../../src/core/directory/tokens.ts";
import { displayName } from "../../src/core/directory/vcard.ts";
import { extractionBytes, per, type Row } from "../fixtures/directory/extraction.ts";

function indexOf(rows: Row[]): DirectoryIndex {
  return DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-01-01T00:00:00Z" }).data);
}
const ascii = (s: string): string => s.normalize("NFD").replace(/[^a-zA-Z0-9]/g, "").toLowerCase();

/** n people of one surname, spread over cities whose names share words with the query. */
function crowd(lastName: string, firstNames: string[], n: number, places: [string, string][]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const first = firstNames[i % firstNames.length]!;
    const [postalCode, city] = places[i % places.length]!;
    rows.push(per(lastName, first, `${ascii(first)}.${ascii(lastName)}.${i}@medecin.mssante.fr`, { city, postalCode }));
  }
  return rows;
}

describe("rule 1: a surname covering more adjacent query words ranks first", () => {
  const saintCities: [string, string][] = [["93200", "SAINT DENIS"], ["42000", "SAINT ETIENNE"], ["35400", "SAINT MALO"], ["97400", "ST DENIS"]];
  const index = indexOf([
    ...crowd("Martin", ["Jérôme", "Jérémie", "Jérôme", "Anne"], 40, saintCities),
    ...crowd("Dupont", ["Jérôme"], 5, saintCities),
    ...crowd("Martinez", ["Jérôme"], 5, saintCities),
    per("Saint-Martin", "Jérôme", "jerome.saint-martin@medecin.mssante.fr", { city: "LYON", postalCode: "69003" }),
    per("ST MARTIN", "Jérémie", "jeremie.stmartin@medecin.mssante.fr", { city: "BREST", postalCode: "29200" }),
    per("Saint-Martin", "Paul", "paul.saint-martin@medecin.mssante.fr", { city: "LYON", postalCode: "69003" }),
  ]);
  const top = (q: string, n = 5): string[] => index.search(q, { limit: n }).map((e) => e.email);

  it("'saint martin jer' and 'st martin jerome': SAINT-MARTIN (and ST MARTIN) above MARTIN of Saint-Denis", () => {
    const both = ["jerome.saint-martin@medecin.mssante.fr", "jeremie.stmartin@medecin.mssante.fr"];
    for (const q of ["saint martin jer", "st martin jer", "saint-martin jer", "st-martin jer", "jer saint martin", "SAINT MARTIN JÉR"]) expect(top(q, 2), q).toEqual(both);
    for (const q of ["st martin jerome", "saint martin jerome", "saintmartin jerome", "stmartin jerome", "jérôme saint-martin"]) expect(top(q, 1), q).toEqual([both[0]]);
    // The MARTINs of the saint cities still match, after.
    const all = index.search("saint martin jerome", { limit: 100 }).map((e) => e.lastName);
    expect(all[0]).toBe("Saint-Martin");
    expect(all.filter((n) => n === "Martin").length).toBe(20);
  });

  it("'saint martin' alone: the compound surname first, then the MARTINs of Saint-*", () => {
    expect(index.search("saint martin", { limit: 4 }).map((e) => e.lastName)).toEqual(["Saint-Martin", "Saint-Martin", "ST MARTIN", "Martin"]);
  });

  it("'le gall' and 'de la fontaine': LE GALL above GALL of Le Mans, DE LA FONTAINE above FONTAINE of the Clinique de la Paix", () => {
    const idx = indexOf([
      ...crowd("Gall", ["Anne"], 12, [["72000", "LE MANS"], ["29000", "LE RELECQ"]]),
      per("Le Gall", "Anne", "anne.le-gall@medecin.mssante.fr", { city: "BREST", postalCode: "29200" }),
      per("Legall", "Anne", "anne.legall@medecin.mssante.fr", { city: "BREST", postalCode: "29200" }),
      ...Array.from({ length: 12 }, (_, i) =>
        per("Fontaine", "Benoît", `benoit.fontaine.${i}@medecin.mssante.fr`, { organisation: "CLINIQUE DE LA PAIX", city: "LYON", postalCode: "69008" }),
      ),
      per("de La Fontaine", "Benoît", "benoit.delafontaine@medecin.mssante.fr", { city: "PARIS", postalCode: "75005" }),
    ]);
    const t = (q: string, n: number): string[] => idx.search(q, { limit: n }).map((e) => e.email);
    expect(t("le gall anne", 2)).toEqual(["anne.le-gall@medecin.mssante.fr", "anne.legall@medecin.mssante.fr"]);
    expect(t("le gall", 2)).toEqual(t("le gall anne", 2));
    expect(t("de la fontaine benoit", 1)).toEqual(["benoit.delafontaine@medecin.mssante.fr"]);
    expect(t("de la fontaine", 1)).toEqual(["benoit.delafontaine@medecin.mssante.fr"]);
  });

  it("'n diaye': N'DIAYE and NDIAYE above Nadia DIAYE", () => {
    const idx = indexOf([
      ...crowd("Diaye", ["Nadia", "Nora"], 10, [["75018", "PARIS"]]),
      per("N'Diaye", "Awa", "awa.ndiaye@medecin.mssante.fr", { city: "PARIS", postalCode: "75019" }),
      per("NDIAYE", "Moussa", "moussa.ndiaye@medecin.mssante.fr", { city: "PARIS", postalCode: "75019" }),
    ]);
    const names = idx.search("n diaye", { limit: 3 }).map((e) => `${e.firstName} ${e.lastName}`);
    expect(names.slice(0, 2).sort()).toEqual(["Awa N'Diaye", "Moussa NDIAYE"]);
    expect(names[2]).toMatch(/ Diaye$/);
  });

  it("an exact surname still beats a longer surname the last word only starts: 'martin s' is Sophie MARTIN, not MARTINS", () => {
    const idx = indexOf([
      per("Martins", "Paul", "paul.martins@medecin.mssante.fr"),
      per("Martinsen", "Eva", "eva.martinsen@medecin.mssante.fr"),
      per("Martin", "Sophie", "sophie.martin@medecin.mssante.fr"),
    ]);
    expect(idx.search("martin s", { limit: 3 }).map((e) => e.email)).toEqual([
      "sophie.martin@medecin.mssante.fr",
      "paul.martins@medecin.mssante.fr",
      "eva.martinsen@medecin.mssante.fr",
    ]);
  });
});

describe("rule 2: words of the address domain most entries share count only as a last resort", () => {
  const kine = { profession: "Masseur-kinésithérapeute", city: "STRASBOURG", postalCode: "67000" };
  const rows: Row[] = [
    ...["Anne", "Hans", "Lea", "Paul", "Eva", "Jean", "Marc", "Ute"].flatMap((f, i) => [
      per("Müller", f, `${ascii(f)}.muller.${i}@masseur-kinesitherapeute.mssante.fr`, kine),
      per("Müller", f, `${ascii(f)}.muller.b${i}@masseur-kinesitherapeute.mssante.fr`, kine),
    ]),
    per("Müller", "Frédéric", "frederic.muller@masseur-kinesitherapeute.mssante.fr", kine),
    per("Müller", "Françoise", "francoise.muller@medecin.mssante.fr", { city: "STRASBOURG", postalCode: "67000" }),
    ...crowd("Durand", ["Luc", "Zoé"], 60, [["69003", "LYON"]]),
    per("Chuong", "Lan", "lan.chuong@medecin.mssante.fr", { city: "PARIS", postalCode: "75015" }),
    per("Roux", "Léo", "leo.roux@chu-lyon.mssante.fr"),
  ];
  const index = indexOf(rows);
  const find = (q: string, n = 100): string[] => index.search(q, { limit: n }).map((e) => e.email);

  it("'müller fr kiné' is Frédéric MÜLLER the kinésithérapeute, not every MÜLLER of a .fr address", () => {
    expect(find("müller fr kiné", 1)).toEqual(["frederic.muller@masseur-kinesitherapeute.mssante.fr"]);
    expect(find("muller fr kine", 1)).toEqual(find("müller fr kiné", 1));
    // The other kinés match "fr" through ".fr" only: after, never before.
    const all = find("müller fr kiné");
    expect(all[0]).toBe("frederic.muller@masseur-kinesitherapeute.mssante.fr");
    expect(all).toHaveLength(17);
    expect(find("müller fr", 2).sort()).toEqual(["francoise.muller@medecin.mssante.fr", "frederic.muller@masseur-kinesitherapeute.mssante.fr"]);
  });

  it("the shared part is generic, the rest of the domain is not: 'chu' finds the CHU address as an ordinary match", () => {
    expect(find("chu").sort()).toEqual(["lan.chuong@medecin.mssante.fr", "leo.roux@chu-lyon.mssante.fr"]);
    expect(find("chu lyon")).toEqual(["leo.roux@chu-lyon.mssante.fr"]);
  });

  it("a query of generic words alone, or a whole address, still finds its entries", () => {
    expect(find("frederic.muller@masseur-kinesitherapeute.mssante.fr")).toEqual(["frederic.muller@masseur-kinesitherapeute.mssante.fr"]);
    expect(find("leo.roux@chu-lyon.mssante.fr")).toEqual(["leo.roux@chu-lyon.mssante.fr"]);
    expect(find("mssante", 1000)).toHaveLength(index.size);
    expect(find("zzz mssante")).toEqual([]);
  });

  it("tokens: the generic labels of a domain are marked, the others ordinary", () => {
    expect(valueTokens("chu-lyon.mssante.fr", FieldKind.Domain, 2).sort()).toEqual(["chu", "chulyon", "lyon", "~fr", "~mssante"]);
    expect(valueTokens("medecin.mssante.fr", FieldKind.Domain, 3).sort()).toEqual(["~fr", "~medecin", "~mssante"]);
    expect(valueTokens("medecin.mssante.fr", FieldKind.Domain)).toEqual(expect.arrayContaining(["fr", "medecin", "mssante"]));
  });

  it("in a small directory nothing is generic (too few entries to call a word noise)", () => {
    const small = indexOf([per("Müller", "Anne", "anne.muller@masseur-kinesitherapeute.mssante.fr", kine)]);
    expect(small.search("muller fr").map((e) => e.email)).toEqual(["anne.muller@masseur-kinesitherapeute.mssante.fr"]);
  });
});

describe("rule 3: 'lyon 3', 'paris 15eme', 'marseille 1er' find the arrondissement's postcode", () => {
  const places: [string, string][] = [
    ["69003", "LYON"], ["69008", "LYON"], ["69100", "VILLEURBANNE"], ["38000", "GRENOBLE"],
    ["75001", "PARIS"], ["75015", "PARIS"], ["75016", "PARIS"], ["75116", "PARIS"], ["75003", "PARIS"],
    ["13001", "MARSEILLE"], ["13010", "MARSEILLE"], ["13003", "MARSEILLE"],
  ];
  const index = indexOf(places.map(([cp, city], i) => per("Martin", `P${i}`, `p${i}.martin@medecin.mssante.fr`, { city, postalCode: cp })));
  const codes = (q: string): string[] => [...new Set(index.search(q, { limit: 100 }).map((e) => e.postalCode))].sort();

  it("Lyon", () => {
    for (const q of ["lyon 3", "lyon 3e", "lyon 3eme", "Lyon 3ème", "lyon 3ieme", "martin lyon 3"]) expect(codes(q), q).toEqual(["69003"]);
    expect(codes("lyon 8e")).toEqual(["69008"]);
  });

  it("Paris, 16 with its two postcodes", () => {
    for (const q of ["paris 15", "paris 15e", "paris 15eme", "PARIS 15ÈME"]) expect(codes(q), q).toEqual(["75015"]);
    expect(codes("paris 16")).toEqual(["75016", "75116"]);
    expect(codes("paris 1er")).toEqual(["75001"]);
    expect(codes("paris 3")).toEqual(["75003"]);
  });

  it("Marseille", () => {
    for (const q of ["marseille 1er", "marseille 1ere", "marseille 1eme"]) expect(codes(q), q).toEqual(["13001"]);
    expect(codes("marseille 10eme")).toEqual(["13010"]);
    expect(codes("marseille 3e")).toEqual(["13003"]);
  });

  it("'city number' puts the arrondissement before the people named after the city: 'paris 16' is Paris 16e, not Dr PARIS of Charente", () => {
    const idx = indexOf([
      ...crowd("Paris", ["Anne", "Marc"], 12, [["16000", "ANGOULEME"], ["16100", "COGNAC"]]),
      ...crowd("Lyon", ["Zoé"], 6, [["30000", "NIMES"]]),
      per("Martin", "Paul", "paul.martin@medecin.mssante.fr", { city: "PARIS", postalCode: "75116" }),
      per("Durand", "Eva", "eva.durand@medecin.mssante.fr", { city: "PARIS", postalCode: "75016" }),
      per("Roux", "Léo", "leo.roux@medecin.mssante.fr", { city: "LYON", postalCode: "69003" }),
    ]);
    const t = (q: string, n: number): string[] => idx.search(q, { limit: n }).map((e) => e.postalCode);
    expect(t("paris 16", 2).sort()).toEqual(["75016", "75116"]);
    expect(t("paris 16", 20)).toHaveLength(14);
    expect(t("lyon 3", 1)).toEqual(["69003"]);
    expect(t("lyon 3e", 1)).toEqual(["69003"]);
    expect(t("paris 16 martin", 5)).toEqual(["75116"]);
    // The number before the city, or the city as a surname prefix only, is ordinary matching.
    expect(t("16 paris", 1)).toEqual(["16000"]);
  });

  it("the postcode itself still works, and nothing outside the three cities gets an arrondissement", () => {
    expect(codes("69003")).toEqual(["69003"]);
    expect(codes("villeurbanne 6")).toEqual(["69100"]);
    expect(codes("villeurbanne 1")).toEqual([]);
    expect(codes("grenoble 2")).toEqual([]);
    expect(codes("grenoble 3")).toEqual(["38000"]);
    expect(valueTokens("69100", FieldKind.Code)).toEqual(["69100"]);
    expect(valueTokens("75116", FieldKind.Code).sort()).toEqual(["16eme", "16ieme", "75116"]);
  });
});

describe("rule 4: a place is shown one way, the best the file spells it", () => {
  const index = indexOf([
    per("Martin", "Anne", "anne.martin@medecin.mssante.fr", { city: "SAINT-ÉTIENNE", postalCode: "42000" }),
    per("Martin", "Paul", "paul.martin@medecin.mssante.fr", { city: "ST ETIENNE", postalCode: "42100" }),
    per("Martin", "Zoé", "zoe.martin@medecin.mssante.fr", { city: "Saint-Étienne", postalCode: "42000" }),
    per("Martin", "Hugo", "hugo.martin@medecin.mssante.fr", { city: "SAINT ETIENNE", postalCode: "42000" }),
    per("Martin", "Léa", "lea.martin@medecin.mssante.fr", { city: "L’ISLE-D’ABEAU", postalCode: "38080" }),
    // Only spelled « ST JEAN DE LUZ » in the file: shown so, softened.
    per("Martin", "Inès", "ines.martin@medecin.mssante.fr", { city: "ST JEAN DE LUZ", postalCode: "64500" }),
    // A longer name is another place: kept apart.
    per("Martin", "Yves", "yves.martin@medecin.mssante.fr", { city: "ST ETIENNE DU ROUVRAY", postalCode: "76800" }),
  ]);
  const shown = (first: string): string => displayName(index.search(`martin ${first}`)[0]!);

  it("every spelling of one name in one département shown as the file's best: accents, « Saint » spelled out, as written", () => {
    for (const first of ["anne", "paul", "zoe", "hugo"]) expect(shown(first), first).toContain("(Saint-Étienne)");
    expect(index.search("martin paul")[0]!.city).toBe("Saint-Étienne");
    expect(shown("lea")).toContain("(L’Isle-D’Abeau)");
    expect(shown("ines")).toContain("(St Jean De Luz)");
    expect(shown("yves")).toContain("(St Etienne Du Rouvray)");
  });

  it("a single practice's accented typo is not shown for a city the file writes otherwise many times", () => {
    // Forty practices (structures) of the city, one of which writes it with a typo.
    const row = (i: number, city: string) => per("Bernard", `P${i}`, `p${i}.bernard@medecin.mssante.fr`, { city, postalCode: "42000", organisation: `CABINET ${i}` });
    const typo = indexOf(Array.from({ length: 40 }, (_, i) => row(i, i < 39 ? "SAINT ETIENNE" : "Saint-Etiénne")));
    for (const q of ["bernard p0", "bernard p39"]) expect(displayName(typo.search(q)[0]!), q).toMatch(/\(Saint Etienne, /);
    // Written so by one practice in twenty or more, the accented spelling is the file's own: shown.
    const well = indexOf(Array.from({ length: 40 }, (_, i) => row(i, i < 2 ? "Saint-Étienne" : "SAINT ETIENNE")));
    expect(displayName(well.search("bernard p10")[0]!)).toMatch(/\(Saint-Étienne, /);
  });

  it("each row is still found by its own spelling's words", () => {
    expect(index.search("martin st etienne").map((e) => e.firstName).sort()).toEqual(["Anne", "Hugo", "Paul", "Yves", "Zoé"]);
    expect(index.search("martin rouvray").map((e) => e.firstName)).toEqual(["Yves"]);
    expect(index.search("martin paul st").map((e) => e.firstName)).toEqual(["Paul"]);
  });
});
