// The wizard's « vouliez-vous dire … ? » on a mistyped MSSanté domain.
import { describe, expect, it } from "vitest";
import { boundedDistance, nearestListedDomain } from "../../src/core/operators/nearest-domain.ts";

const LISTED = ["medecin.mssante.fr", "infirmier.mssante.fr", "pharmacien.mssante.fr", "chu-lyon.mssante.fr", "chu-lille.mssante.fr"];

describe("nearest listed domain", () => {
  it.each([
    ["medecin.msante.fr", "medecin.mssante.fr"],
    ["medecln.mssante.fr", "medecin.mssante.fr"],
    ["mdeecin.mssante.fr", "medecin.mssante.fr"],
    ["infirmer.mssante.fr", "infirmier.mssante.fr"],
  ])("%s → %s", (typo, listed) => {
    expect(nearestListedDomain(typo, LISTED)).toBe(listed);
  });

  it("no suggestion when nothing is near, when the domain is listed, or between two equally near ones", () => {
    expect(nearestListedDomain("gmail.com", LISTED)).toBeUndefined();
    expect(nearestListedDomain("medecin.mssante.fr", LISTED)).toBeUndefined();
    // One edit from both: no guess between them.
    expect(nearestListedDomain("chu-lyox.mssante.fr", ["chu-lyon.mssante.fr", "chu-lyor.mssante.fr"])).toBeUndefined();
  });

  it("distance counts a swap of neighbours as one edit and stops past the bound", () => {
    expect(boundedDistance("abcd", "abdc", 2)).toBe(1);
    expect(boundedDistance("abc", "xyzabc", 2)).toBe(3);
    expect(boundedDistance("kitten", "sitting", 5)).toBe(3);
  });
});
