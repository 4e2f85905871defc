// The entry sets of the common short prefixes stored at import (build.ts, densePrefixSets) stand
// in for reading those prefixes' postings: each must hold exactly the entries a check of every
// entry's own token lists finds, cover the prefixes it claims, and change no result list against
// the same index without them (which is also how an index made before them is read).
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex } from "../../src/core/directory/index.ts";
import { DENSE_PREFIX_MAX_LENGTH, DENSE_PREFIX_SHARE } from "../../src/core/directory/build.ts";
import { packSections, unpackSections } from "../../src/core/directory/format.ts";
import { extractionBytes, org, per, type Row } from "../fixtures/directory/extraction.ts";
import { lcg } from "../fixtures/directory/lcg.ts";

const STEMS = ["Ma", "Be", "Le", "Ro", "Fon", "Cha", "Des", "Mar", "Pe", "La", "Sai"];
const ENDS = ["rtin", "rnard", "roy", "ux", "taine", "rles", "champs", "chand", "rrin", "mbert", "llet", "nt-Martin"];
const FIRSTS = ["Marie", "Jean", "Anne", "Stéphane", "Béatrice", "Laurent", "Étienne", "Martine", "Léa", "Pierre"];
const CITIES: [string, string][] = [["69003", "LYON"], ["75016", "PARIS"], ["42000", "SAINT ETIENNE"], ["13001", "MARSEILLE"], ["29200", "BREST"]];
const PROFESSIONS = ["Médecin", "Infirmier", "Masseur-kinésithérapeute", "Pharmacien", "Sage-femme"];

function rowsOf(count: number, next: () => number): Row[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const last = `${pick(STEMS)}${pick(ENDS)}${next() < 0.6 ? String.fromCharCode(97 + Math.floor(next() * 26), 97 + Math.floor(next() * 26)) : ""}`;
    const first = pick(FIRSTS);
    const [postalCode, city] = pick(CITIES);
    const local = `${first}.${last}.${i}`.toLowerCase().normalize("NFD").replace(/[^a-z0-9.]/g, "");
    if (i % 19 === 0) rows.push(org(`accueil.${i}@ehpad-${city.toLowerCase().replace(/ /g, "-")}.mssante.fr`, `EHPAD ${pick(STEMS).toUpperCase()}${pick(ENDS).toUpperCase()}`, { city, postalCode, service: "Service de soins" }));
    else rows.push(per(last, first, `${local}@${next() < 0.5 ? "medecin.mssante.fr" : `ch-${city.toLowerCase().replace(/ /g, "-")}.mssante.fr`}`, { city, postalCode, profession: pick(PROFESSIONS) }));
  }
  return rows;
}

interface Internals {
  size: number;
  prefixRanges: Uint32Array;
  hasTokenIn(e: number, lo: number, hi: number): boolean;
  storedBits(lo: number, hi: number): Uint32Array | undefined;
  queryTokens(codes: number[][]): { lo: number; hi: number; glo: number; ghi: number; strictBits?: Uint32Array; bits?: Uint32Array }[] | null;
  markWhole(tok: object): void;
  hasToken(e: number, tok: object): boolean;
  releaseBits(): void;
  tokBytes: Uint8Array;
  tokOff: Uint32Array;
  postOff: Uint32Array;
}

const build = (rows: Row[]): Uint8Array => buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-12-01T00:00:00Z" }).data;

/** The same index bytes without the stored prefix sets: an index as made before them. */
function withoutPrefixSets(data: Uint8Array): Uint8Array {
  const { manifest, sections } = unpackSections(data);
  const kept = Object.fromEntries([...sections].filter(([name]) => name !== "prefixRanges" && name !== "prefixBits"));
  expect(Object.keys(kept).length).toBe(sections.size - 2);
  return packSections(manifest, kept);
}

describe("directory stored prefix sets", () => {
  const next = lcg(20261202);
  const data = build(rowsOf(12000, next));
  const index = DirectoryIndex.load(data);
  const inner = index as unknown as Internals;

  it("hold exactly the entries whose token lists have a token of the prefix", () => {
    const ranges = inner.prefixRanges;
    expect(ranges.length / 2).toBeGreaterThan(20);
    const token = (t: number): string => String.fromCharCode(...inner.tokBytes.subarray(inner.tokOff[t]!, inner.tokOff[t + 1]!));
    const tokens = inner.tokOff.length - 1;
    for (let r = 0; r < ranges.length / 2; r++) {
      const lo = ranges[2 * r]!;
      const hi = ranges[2 * r + 1]!;
      // The range is every token with some prefix of at most DENSE_PREFIX_MAX_LENGTH letters: the
      // range a query word of those letters gets.
      let len = 1;
      const first = token(lo);
      const isRange = (p: string): boolean =>
        (lo === 0 || !token(lo - 1).startsWith(p)) && (hi === tokens || !token(hi).startsWith(p)) && token(hi - 1).startsWith(p);
      while (len <= DENSE_PREFIX_MAX_LENGTH && !isRange(first.slice(0, len))) len++;
      expect(len, `range ${lo}-${hi} (${first}…${token(hi - 1)})`).toBeLessThanOrEqual(DENSE_PREFIX_MAX_LENGTH);
      const prefix = first.slice(0, len);
      expect(inner.postOff[hi]! - inner.postOff[lo]!).toBeGreaterThanOrEqual(index.size * DENSE_PREFIX_SHARE);
      // The very set a check of each entry's own lists gives, bit for bit.
      const bits = inner.storedBits(lo, hi)!;
      let members = 0;
      for (let e = 0; e < index.size; e++) {
        const want = inner.hasTokenIn(e, lo, hi);
        const got = (bits[e >>> 5]! & (1 << (e & 31))) !== 0;
        if (got !== want) expect(got, `entry ${e} for "${prefix}"`).toBe(want);
        if (want) members++;
      }
      for (let e = index.size; e < bits.length * 32; e++) expect(bits[e >>> 5]! & (1 << (e & 31))).toBe(0);
      expect(members).toBeGreaterThan(0);
    }
    // The short words people type are among them, reached from the query word's own range.
    for (const w of ["m", "le", "ma", "sai", "med", "inf", "e"]) {
      const [t] = inner.queryTokens([Array.from(w, (c) => c.charCodeAt(0))])!;
      expect(inner.storedBits(t!.lo, t!.hi), w).toBeDefined();
    }
    // Rare prefixes are not stored: their postings are cheaper to read than a bitmap.
    let rare = 0;
    for (let t = 0; t < tokens && rare < 20; t += 97) {
      const w = token(t).slice(0, 3);
      if (w.startsWith("~")) continue;
      const [q] = inner.queryTokens([Array.from(w, (c) => c.charCodeAt(0))])!;
      if (inner.postOff[q!.hi]! - inner.postOff[q!.lo]! >= index.size * DENSE_PREFIX_SHARE) continue;
      expect(inner.storedBits(q!.lo, q!.hi), w).toBeUndefined();
      rare++;
    }
    expect(rare).toBe(20);
  });

  it("change no result list against the same index without them", () => {
    const old = DirectoryIndex.load(withoutPrefixSets(data));
    expect((old as unknown as Internals).prefixRanges.length).toBe(0);
    const words = ["m", "le", "ma", "b", "e", "r", "sai", "st", "ste", "med", "inf", "ch", "fr", "mar", "la", "fon", "lyon", "paris 16", "jean", "an", "pe", "ehp", "saint", "mssante", "kine", "ide", "des"];
    let compared = 0;
    let full = 0;
    for (let i = 0; i < 300; i++) {
      const q = Array.from({ length: 1 + Math.floor(next() * 5) }, () => words[Math.floor(next() * words.length)]!).join(" ");
      for (const limit of [1, 10, 100]) {
        const x = index.searchIds(q, limit);
        expect(x, `${JSON.stringify(q)} limit ${limit}`).toEqual(old.searchIds(q, limit));
        compared++;
        if (x.length === limit) full++;
      }
    }
    // Lists cut at the limit and lists read to the end were both met.
    expect(full).toBeGreaterThan(100);
    expect(compared - full).toBeGreaterThan(100);
  }, 120_000);

  it("stand for the strict part of a word that also matches generic address words, in checks and when marked whole", () => {
    // "med" also matches "~medecin" (medecin.mssante.fr): its check reads the stored set, then
    // the generic lists; marked whole, the set is copied and only the generic postings added.
    let seen = 0;
    for (const w of ["med", "ma", "ch", "m", "e", "fr", "mss"]) {
      const [t] = inner.queryTokens([Array.from(w, (c) => c.charCodeAt(0))])!;
      if (!t || t.glo === t.ghi || !t.strictBits) continue;
      seen++;
      const want = (e: number): boolean => inner.hasTokenIn(e, t.lo, t.hi) || inner.hasTokenIn(e, t.glo, t.ghi);
      let generic = 0;
      for (let e = 0; e < index.size; e++) {
        if (inner.hasToken(e, t) !== want(e)) expect(inner.hasToken(e, t), `check of entry ${e} for "${w}"`).toBe(want(e));
        if (!inner.hasTokenIn(e, t.lo, t.hi) && inner.hasTokenIn(e, t.glo, t.ghi)) generic++;
      }
      // Entries reached by the generic words alone exist, or the generic half would go untested.
      if (w === "med") expect(generic).toBeGreaterThan(0);
      inner.markWhole(t);
      const bits = t.bits!;
      for (let e = 0; e < index.size; e++) {
        const got = (bits[e >>> 5]! & (1 << (e & 31))) !== 0;
        if (got !== want(e)) expect(got, `marked entry ${e} for "${w}"`).toBe(want(e));
      }
      inner.releaseBits();
    }
    expect(seen).toBeGreaterThanOrEqual(2);
  });

  it("refuse an index whose sets do not match their ranges, in French", () => {
    const { manifest, sections } = unpackSections(data);
    const cut = Object.fromEntries([...sections].map(([name, a]) => [name, name === "prefixBits" ? a.subarray(0, a.length - 1) : a]));
    expect(() => DirectoryIndex.load(packSections(manifest, cut))).toThrow(/sections prefixRanges\/prefixBits incohérentes/);
  });

  it("a city's shown spelling pointing outside the strings is refused in French; an index without them loads", () => {
    const { manifest, sections } = unpackSections(data);
    const bad = Object.fromEntries([...sections].map(([name, a]) => [name, name === "cityShown" ? Uint32Array.of(1, 0xffffff) : a]));
    expect(() => DirectoryIndex.load(packSections(manifest, bad))).toThrow(/sections cityShown incohérentes/);
    const without = Object.fromEntries([...sections].filter(([name]) => name !== "cityShown"));
    expect(DirectoryIndex.load(packSections(manifest, without)).searchIds("ma le", 10)).toEqual(index.searchIds("ma le", 10));
  });

  it("leave an index without a required section refused in French, naming it", () => {
    const { manifest, sections } = unpackSections(data);
    for (const missing of ["postings", "tokBytes"]) {
      expect(sections.has(missing)).toBe(true);
      const kept = Object.fromEntries([...sections].filter(([name]) => name !== missing));
      expect(() => DirectoryIndex.load(packSections(manifest, kept))).toThrow(`Index de l'annuaire illisible (section ${missing} absente) : refaire l'import.`);
    }
  });

  it("are left out of a small directory, which its postings serve well", () => {
    const small = DirectoryIndex.load(build(rowsOf(500, lcg(3))));
    expect((small as unknown as Internals).prefixRanges.length).toBe(0);
    expect(small.searchIds("ma le", 10).length).toBeGreaterThan(0);
  });
});
