// Rule 5 of src/core/directory/search.ts: within a surname tier (rule 1), a query word found in
// the first name ranks before the same word found elsewhere. The crowd: LE GALLs of the Clinique
// Sainte-Anne, whose first names sort before Anne's.
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex, preferredIds } from "../../src/core/directory/index.ts";
import { extractionBytes, per, type Row } from "../fixtures/directory/extraction.ts";

function indexOf(rows: Row[]): DirectoryIndex {
  return DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-01-01T00:00:00Z" }).data);
}

describe("rule 5: a word matching the first name ranks before the same word matching elsewhere", () => {
  const clinic = { organisation: "CLINIQUE SAINTE ANNE", city: "BREST", postalCode: "29200" };
  const rows: Row[] = [
    per("Le Gall", "Alain", "alain.le-gall@medecin.mssante.fr", clinic),
    per("Le Gall", "Bernard", "bernard.le-gall@medecin.mssante.fr", clinic),
    per("Le Gall", "Anne", "anne.le-gall@medecin.mssante.fr", { city: "QUIMPER", postalCode: "29000" }),
    per("Le Gall", "Marie-Anne", "marie-anne.le-gall@medecin.mssante.fr", { city: "QUIMPER", postalCode: "29000" }),
    per("Le Gall", "Paul", "paul.le-gall@medecin.mssante.fr", { city: "QUIMPER", postalCode: "29000" }),
    per("Le Gallou", "Alice", "alice.le-gallou@medecin.mssante.fr", clinic),
    per("Le Gallou", "Annette", "annette.le-gallou@medecin.mssante.fr", { city: "QUIMPER", postalCode: "29000" }),
    per("Gall", "Anne", "anne.gall@medecin.mssante.fr", { city: "LE MANS", postalCode: "72000" }),
    per("Gall", "Adèle", "adele.gall@medecin.mssante.fr", { city: "LE MANS", postalCode: "72000", organisation: "CLINIQUE SAINTE ANNE" }),
  ];
  const index = indexOf(rows);
  const find = (q: string, n = 20, prefer?: Map<string, number>): string[] =>
    index.search(q, { limit: n, prefer: prefer ? preferredIds(index, prefer) : undefined }).map((e) => e.email.split("@")[0]!);

  it("'le gall anne': Anne and Marie-Anne LE GALL before Alain and Bernard of the Clinique Sainte-Anne", () => {
    expect(find("le gall anne")).toEqual([
      "anne.le-gall", "marie-anne.le-gall", "alain.le-gall", "bernard.le-gall",
      // Then the GALLs of Le Mans (exact surname, one query word fewer), the first name first there too.
      "anne.gall", "adele.gall",
      // Then the LE GALLOUs (rule 1, tier B), the same way.
      "annette.le-gallou", "alice.le-gallou",
    ]);
    expect(find("anne le gall", 2)).toEqual(["anne.le-gall", "marie-anne.le-gall"]);
    expect(find("LE GALL ANN", 1)).toEqual(["anne.le-gall"]);
  });

  it("never across tiers, nor before a usual correspondent of the tier (rule 4)", () => {
    // Anne GALL's first name matches, but LE GALL covers more query words.
    expect(find("le gall anne").indexOf("anne.gall")).toBeGreaterThan(find("le gall anne").indexOf("bernard.le-gall"));
    expect(find("le gall anne", 3, new Map([["bernard.le-gall@medecin.mssante.fr", 3]]))).toEqual(["bernard.le-gall", "anne.le-gall", "marie-anne.le-gall"]);
  });

  it("no word of the rest in any first name: the usual order (first name, then address)", () => {
    expect(find("le gall brest")).toEqual(["alain.le-gall", "bernard.le-gall", "alice.le-gallou"]);
    expect(find("le gall")).toEqual(["alain.le-gall", "anne.le-gall", "bernard.le-gall", "marie-anne.le-gall", "paul.le-gall", "adele.gall", "anne.gall", "alice.le-gallou", "annette.le-gallou"]);
  });
});
