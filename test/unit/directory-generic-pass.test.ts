// Rule 2's second pass (src/core/directory/search.ts) reads only the entries it can add: those
// holding a generic address word ("~medecin" of medecin.mssante.fr) without its ordinary twin
// ("medecin" of the profession). These fixtures have such entries, and words reaching several
// generic tokens, to check that the shortcut finds exactly what a full second pass finds.
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex } from "../../src/core/directory/index.ts";
import { per, type Row } from "../fixtures/directory/extraction.ts";
import { extractionBytes } from "../fixtures/directory/extraction.ts";

function indexOf(rows: Row[]): DirectoryIndex {
  return DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-01-01T00:00:00Z" }).data);
}

describe("rule 2: the second pass adds the entries a generic address word alone matches", () => {
  const rows: Row[] = [
    // 60 doctors on medecin.mssante.fr: "medecin" is generic there, and also their profession.
    ...Array.from({ length: 60 }, (_, i) => per(i % 3 === 0 ? "Durand" : "Petit", `P${i}`, `p${i}.x@medecin.mssante.fr`, { city: "LYON", postalCode: "69003" })),
    // On medecin.mssante.fr without being a "médecin": only the address says "medecin".
    per("Durand", "Zoé", "zoe.durand@medecin.mssante.fr", { profession: "Secrétaire", city: "LYON", postalCode: "69003" }),
    per("Roux", "Léo", "leo.roux@medecin.mssante.fr", { profession: "Secrétaire", city: "BREST", postalCode: "29200" }),
    // Médecins elsewhere: "medecin" is their profession only.
    per("Durand", "Anne", "anne.durand@chu-lyon.mssante.fr", { city: "LYON", postalCode: "69003" }),
    per("Roux", "Paul", "paul.roux@chu-lyon.mssante.fr", { city: "LYON", postalCode: "69003" }),
    per("Mercier", "Eva", "eva.mercier@infirmier.mssante.fr", { profession: "Infirmier", city: "NANTES", postalCode: "44000" }),
  ];
  const index = indexOf(rows);
  const find = (q: string, n = 100): string[] => index.search(q, { limit: n }).map((e) => e.email);

  it("'medecin roux': the doctor first, then the secretary whose address alone says medecin", () => {
    expect(find("medecin roux")).toEqual(["paul.roux@chu-lyon.mssante.fr", "leo.roux@medecin.mssante.fr"]);
    expect(find("med roux brest")).toEqual(["leo.roux@medecin.mssante.fr"]);
  });

  it("'medecin durand': every doctor DURAND, then the secretary DURAND, whatever the limit", () => {
    const all = find("medecin durand");
    expect(all).toHaveLength(22);
    expect(all[21]).toBe("zoe.durand@medecin.mssante.fr");
    expect(all.slice(0, 21).every((e) => e !== "zoe.durand@medecin.mssante.fr")).toBe(true);
    for (const n of [1, 5, 21, 22, 30]) expect(find("medecin durand", n)).toEqual(all.slice(0, n));
  });

  it("a word reaching several generic tokens ('m': ~medecin and ~mssante) still finds what only they match", () => {
    // "mercier" is matched by its surname; "m" then by many words, or only by "~mssante".
    expect(find("mercier m")).toEqual(["eva.mercier@infirmier.mssante.fr"]);
    expect(find("secretaire m").sort()).toEqual(["leo.roux@medecin.mssante.fr", "zoe.durand@medecin.mssante.fr"]);
    expect(find("mssante", 1000)).toHaveLength(rows.length);
  });

  it("nothing only generic to add: the strict answer alone", () => {
    expect(find("medecin anne")).toEqual(["anne.durand@chu-lyon.mssante.fr"]);
    expect(find("medecin zzz")).toEqual([]);
  });
});
