import { beforeAll, describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex, foldText, foldWords, queryTokens, surnameKey } from "../../src/core/directory/index.ts";
import { parseQuery } from "../../src/core/directory/normalize.ts";
import { valueTokens, FieldKind } from "../../src/core/directory/tokens.ts";
import { extractionBytes, org, per, referenceRows, type Row } from "../fixtures/directory/extraction.ts";

function indexOf(rows: Row[]): DirectoryIndex {
  return DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-01-01T00:00:00Z" }).data);
}

describe("normalisation", () => {
  it("folds case, accents, ligatures and punctuation", () => {
    expect(foldWords("Hélène LE GALL-Dupont")).toEqual(["helene", "le", "gall", "dupont"]);
    expect(foldText("  Cœur d'Alène, ÉTIENNE ß ø  ")).toBe("coeur d alene etienne ss o");
    expect(foldText("jean.dupont@chu-lyon.mssante.fr")).toBe("jean dupont chu lyon mssante fr");
    expect(foldText("Zoé Ñúñez Čapek")).toBe("zoe nunez capek");
    expect(foldText("—…!?")).toBe("");
    expect(surnameKey("de La Fontaine")).toBe("delafontaine");
    expect(surnameKey("LE GALL")).toBe(surnameKey("Le Gall"));
  });

  it("parses queries: dedup, implied prefixes dropped, typed words kept together", () => {
    expect(queryTokens("  Dup  MAR lyon ")).toEqual(["dup", "mar", "lyon"]);
    expect(queryTokens("mar martin")).toEqual(["martin"]);
    expect(queryTokens("")).toEqual([]);
    expect(queryTokens(" - ' ")).toEqual([]);
    expect(parseQuery("jean-françois le gall")).toEqual({ tokens: ["jean", "francois", "le", "gall"], groups: [0, 0, 1, 2] });
  });

  it("indexes compound names run together, both saint forms and profession synonyms", () => {
    expect(valueTokens("Le Gall", FieldKind.Name)).toEqual(expect.arrayContaining(["le", "gall", "legall"]));
    expect(valueTokens("de La Fontaine", FieldKind.Name)).toEqual(expect.arrayContaining(["delafontaine", "lafontaine"]));
    expect(valueTokens("SAINT ETIENNE", FieldKind.Place)).toEqual(expect.arrayContaining(["saint", "st", "etienne", "saintetienne", "stetienne"]));
    expect(valueTokens("STE FOY LES LYON", FieldKind.Place)).toEqual(expect.arrayContaining(["ste", "sainte"]));
    expect(valueTokens("Masseur-kinésithérapeute", FieldKind.Profession)).toEqual(expect.arrayContaining(["kine", "mk", "masseurkinesitherapeute"]));
    expect(valueTokens("Médecine générale", FieldKind.Profession)).toEqual(expect.arrayContaining(["generaliste"]));
    expect(valueTokens("Cardiologie et maladies vasculaires", FieldKind.Profession)).toEqual(expect.arrayContaining(["cardiologue"]));
    expect(valueTokens("Infirmier", FieldKind.Profession)).toEqual(expect.arrayContaining(["ide", "infirmiere"]));
    expect(valueTokens("DR", FieldKind.Civility).sort()).toEqual(["docteur", "dr"]);
    expect(valueTokens("MME", FieldKind.Civility)).toEqual([]);
    expect(valueTokens("chu-lyon.mssante.fr", FieldKind.Domain)).toEqual(expect.arrayContaining(["chu", "lyon", "chulyon", "mssante", "fr"]));
  });
});

describe("search", () => {
  let index: DirectoryIndex;
  const find = (q: string, limit = 50): string[] => index.search(q, { limit }).map((e) => e.email);
  beforeAll(() => {
    index = indexOf(referenceRows());
  });

  it("returns the display fields, empty strings when absent", () => {
    expect(index.search("marie dupont")[0]).toEqual({
      email: "marie.dupont@medecin.mssante.fr",
      lastName: "Dupont",
      firstName: "Marie",
      civility: "DR",
      profession: "Médecin",
      specialty: "Médecine générale",
      organisation: "",
      tradeName: "",
      service: "",
      postalCode: "69003",
      city: "LYON",
      mailboxType: "PER",
      ppIdentifier: "810001234567",
    });
  });

  it("multi-token, order-free prefix search across fields (AND)", () => {
    expect(find("dup mar lyon")).toEqual(["marie.dupont@medecin.mssante.fr", "marc.dupuis@chu-lyon.mssante.fr"]);
    expect(find("lyon mar dup")).toEqual(find("dup mar lyon"));
    expect(find("dup zzz")).toEqual([]);
  });

  it("compound surnames: 'le gall', 'legall', 'de la fontaine', 'lafontaine', 'martin-dupont'", () => {
    for (const q of ["le gall", "legall", "LE GALL", "le-gall", "Le Ga"]) expect(find(q)[0]).toBe("jean-francois.le-gall@medecin.mssante.fr");
    for (const q of ["de la fontaine", "delafontaine", "lafontaine", "fontaine"]) expect(find(q)).toEqual(["benoit.delafontaine@pharmacien.mssante.fr"]);
    expect(find("martin-dupont")[0]).toBe("anne.martin-dupont@sage-femme.mssante.fr");
    expect(find("martindupont")).toEqual(["anne.martin-dupont@sage-femme.mssante.fr"]);
    expect(find("jean-francois")).toEqual(["jean-francois.le-gall@medecin.mssante.fr"]);
  });

  it("accents and case: 'helene', 'HÉLÈNE', 'lefevre', 'Lefèvre', 'cecile'", () => {
    for (const q of ["helene", "HÉLÈNE", "hélène martin", "Hèlene"]) expect(find(q)).toEqual(["helene.martin@infirmier.mssante.fr"]);
    expect(find("lefevre")).toEqual(find("Lefèvre"));
    expect(find("cecile lef")).toEqual(["cecile.lefevre@chirurgien-dentiste.mssante.fr"]);
  });

  it("'st etienne' and 'saint-etienne' find the same entries", () => {
    // PER first, by surname key ("martindupont" < "martinez"), then the ORG mailbox.
    const expected = [
      "anne.martin-dupont@sage-femme.mssante.fr",
      "zoe.martinez@masseur-kinesitherapeute.mssante.fr",
      "accueil@ch-saint-etienne.mssante.fr",
    ];
    for (const q of ["st etienne", "saint-etienne", "Saint Étienne", "st-etienne", "saintetienne", "stetienne"]) expect(find(q)).toEqual(expected);
  });

  it("professions by usual words: kiné, mk, généraliste, sf, ide, pharma, dentiste, cardio, dr", () => {
    const kine = ["zoe.martinez@masseur-kinesitherapeute.mssante.fr"];
    expect(find("kiné")).toEqual(kine);
    expect(find("kine")).toEqual(kine);
    expect(find("mk")).toEqual(kine);
    expect(find("masseur-kinésithérapeute")).toEqual(kine);
    expect(find("généraliste")).toEqual(["marie.dupont@medecin.mssante.fr"]);
    expect(find("sf")).toEqual(["anne.martin-dupont@sage-femme.mssante.fr"]);
    expect(find("sage-femme etienne")).toEqual(["anne.martin-dupont@sage-femme.mssante.fr"]);
    expect(find("ide brest")).toEqual(["helene.martin@infirmier.mssante.fr"]);
    expect(find("infirmière")).toEqual(["helene.martin@infirmier.mssante.fr"]);
    expect(find("pharma")).toEqual(["benoit.delafontaine@pharmacien.mssante.fr"]);
    expect(find("dentiste lyon")).toEqual(["cecile.lefevre@chirurgien-dentiste.mssante.fr"]);
    expect(find("cardio")).toEqual(["jean.dupont@medecin.mssante.fr", "secretariat.cardiologie@chu-lyon.mssante.fr"]);
    expect(find("cardiologue paris")).toEqual(["jean.dupont@medecin.mssante.fr"]);
    expect(find("dr dupont")).toEqual(["marie.dupont@medecin.mssante.fr"]);
  });

  it("organisation, service, postcode, city and the address itself", () => {
    expect(find("chu lyon")).toEqual(["marc.dupuis@chu-lyon.mssante.fr", "secretariat.cardiologie@chu-lyon.mssante.fr"]);
    expect(find("centre hospitalier universitaire")).toEqual(find("chu lyon"));
    expect(find("pharmacie du centre")).toEqual(["benoit.delafontaine@pharmacien.mssante.fr"]);
    expect(find("75015")).toEqual(["jean.dupont@medecin.mssante.fr"]);
    expect(find("690")).toEqual(find("lyon"));
    expect(find("brest")).toHaveLength(2);
    expect(find("jean.dupont@medecin.mssante.fr")).toEqual(["jean.dupont@medecin.mssante.fr"]);
    expect(find("secretariat")).toEqual(["secretariat.cardiologie@chu-lyon.mssante.fr"]);
    expect(find("sage-femme.mssante")).toEqual(["anne.martin-dupont@sage-femme.mssante.fr"]);
  });

  it("empty or blank query: no results; limit respected", () => {
    expect(find("")).toEqual([]);
    expect(find("   \t ")).toEqual([]);
    expect(find("-")).toEqual([]);
    expect(index.search("lyon", { limit: 2 })).toHaveLength(2);
    expect(index.search("lyon")).toHaveLength(Math.min(10, find("lyon").length));
    expect(index.search("lyon", { limit: 0 })).toEqual([]);
  });
});

describe("ranking", () => {
  it("exact surname, then surname prefix, then other matches; PER before others; stable by surname, first name, address", () => {
    const index = indexOf([
      org("martin@cabinet-martin.mssante.fr", "CABINET MARTIN", { type: "CAB" }),
      per("Dupont", "Martin", "martin.dupont@medecin.mssante.fr"),
      per("Martinez", "Ana", "ana.martinez@medecin.mssante.fr"),
      per("Martin-Dupont", "Anne", "anne.martin-dupont@medecin.mssante.fr"),
      per("Martin", "Zoé", "zoe.martin@medecin.mssante.fr"),
      per("Martin", "Anne", "anne.martin2@medecin.mssante.fr"),
      per("Martin", "Anne", "anne.martin@medecin.mssante.fr"),
      { ...org("martin@x.mssante.fr", "MAISON MARTIN"), "Nom d'exercice": "Martin" },
      per("Lamartine", "Paul", "paul.lamartine@medecin.mssante.fr"),
    ]);
    expect(index.search("martin", { limit: 20 }).map((e) => e.email)).toEqual([
      // A: surname exactly "Martin", PER first, then by first name and address
      "anne.martin@medecin.mssante.fr",
      "anne.martin2@medecin.mssante.fr",
      "zoe.martin@medecin.mssante.fr",
      "martin@x.mssante.fr",
      // B: surname starting with "martin"
      "anne.martin-dupont@medecin.mssante.fr",
      "ana.martinez@medecin.mssante.fr",
      // C: other fields (first name, organisation), PER first, by surname
      "martin.dupont@medecin.mssante.fr",
      "martin@cabinet-martin.mssante.fr",
    ]);
    expect(index.search("martin", { limit: 2 }).map((e) => e.email)).toEqual(["anne.martin@medecin.mssante.fr", "anne.martin2@medecin.mssante.fr"]);
    expect(index.search("mart anne", { limit: 20 }).map((e) => e.email)).toEqual([
      "anne.martin@medecin.mssante.fr",
      "anne.martin2@medecin.mssante.fr",
      "anne.martin-dupont@medecin.mssante.fr",
    ]);
  });

  it("is the same on every run and on large candidate sets (scan and posting paths agree)", () => {
    const rows: Row[] = [];
    const names = ["Martin", "Marchand", "Durand", "Dupont", "Le Gall", "Lefèvre", "Martinez", "Moreau"];
    const firsts = ["Anne", "Hélène", "Jean", "Marc", "Zoé", "Paul"];
    const cities: [string, string][] = [["69003", "LYON"], ["75015", "PARIS"], ["42000", "SAINT ETIENNE"], ["29200", "BREST"]];
    for (let i = 0; i < 6000; i++) {
      const [cp, city] = cities[Math.floor(i / 3) % 4]!;
      const last = names[(i * 13) % names.length]!;
      const first = firsts[Math.floor(i / 11) % firsts.length]!;
      rows.push(per(last, first, `${first}.${last}.${i}@medecin.mssante.fr`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""), { city, postalCode: cp, profession: i % 3 ? "Médecin" : "Infirmier" }));
    }
    const index = indexOf(rows);
    const all = (q: string): string[] => index.search(q, { limit: 1000 }).map((e) => e.email);
    for (const q of ["m", "mar lyon", "a", "ide brest", "an ma", "e i", "st", "helene lyon", "zoe dup", "jean le gall"]) {
      const full = all(q);
      expect(full.length, q).toBeGreaterThan(0);
      // The first N of a larger result set are the N results of a smaller limit.
      for (const limit of [1, 3, 10, 50]) expect(index.search(q, { limit }).map((e) => e.email)).toEqual(full.slice(0, limit));
      // Every result matches every token somewhere.
      const tokens = queryTokens(q);
      for (const e of index.search(q, { limit: 50 })) {
        const words = foldWords(Object.values(e).join(" "));
        // "st" and "ide" match through their indexed synonyms ("saint", "infirmier").
        expect(tokens.every((t) => words.some((w) => w.startsWith(t)) || /^(st|ide)$/.test(t))).toBe(true);
      }
    }
    expect(all("mar lyon")).toEqual(all("mar lyon"));
  });
});
