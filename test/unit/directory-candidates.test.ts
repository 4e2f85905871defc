// The search's ways of finding candidates (ranges read in order, posting lists placed and read in
// blocks of doubling size, tokens marked whole in bitmaps, dense tokens' bitmaps kept from one
// search to the next) are optimisations only: every result list must be the one reading every
// entry of every tier in order would give. Checked on an index large enough for several blocks,
// with prefixes spread over many short lists ("ma", "be") and dense ones ("med", "fr"), against
// the same index whose candidate search is that plain reading.
import { describe, expect, it } from "vitest";
import { buildDirectoryIndex, DirectoryIndex, preferredIds } from "../../src/core/directory/index.ts";
import { extractionBytes, org, per, type Row } from "../fixtures/directory/extraction.ts";
import { lcg } from "../fixtures/directory/lcg.ts";

const STEMS = ["Ma", "Be", "Le", "Ro", "Fon", "Cha", "Des", "Mar", "Pe", "La"];
const ENDS = ["rtin", "rnard", "roy", "ux", "taine", "rles", "champs", "chand", "rrin", "mbert", "llet", "ssier", "ret", "vin", "ngeot"];
const FIRSTS = ["Marie", "Jean", "Anne", "Stéphane", "Béatrice", "Laurent", "Étienne", "Martine", "Léa", "Pierre", "Jérôme", "Sophie"];
const CITIES: [string, string][] = [["69003", "LYON"], ["75016", "PARIS"], ["42000", "SAINT ETIENNE"], ["13001", "MARSEILLE"], ["29200", "BREST"], ["37000", "TOURS"], ["74000", "ANNECY"]];
const PROFESSIONS = ["Médecin", "Infirmier", "Masseur-kinésithérapeute", "Pharmacien", "Sage-femme", "Chirurgien-dentiste"];

function rowsOf(count: number, next: () => number): Row[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    // Surnames over many distinct tokens (stem + end + a number-like suffix), so that a short
    // prefix covers hundreds of short posting lists, as on the real file.
    const last = `${pick(STEMS)}${pick(ENDS)}${next() < 0.6 ? String.fromCharCode(97 + Math.floor(next() * 26), 97 + Math.floor(next() * 26)) : ""}`;
    const first = pick(FIRSTS);
    const [postalCode, city] = pick(CITIES);
    const local = `${first}.${last}.${i}`.toLowerCase().normalize("NFD").replace(/[^a-z0-9.]/g, "");
    if (i % 23 === 0) rows.push(org(`secretariat.${i}@clinique-${city.toLowerCase().replace(/ /g, "-")}.mssante.fr`, `CLINIQUE ${pick(STEMS).toUpperCase()}${pick(ENDS).toUpperCase()}`, { city, postalCode, service: "Service de cardiologie" }));
    else rows.push(per(last, first, `${local}@${next() < 0.5 ? "medecin.mssante.fr" : `ch-${city.toLowerCase().replace(/ /g, "-")}.mssante.fr`}`, { city, postalCode, profession: pick(PROFESSIONS) }));
  }
  return rows;
}

function queriesOf(count: number, next: () => number): string[] {
  const words = ["ma", "be", "le", "m", "b", "fon", "cha", "des", "mar", "pe", "la", "lyon", "pa", "paris 16", "saint", "st", "ste", "et", "med", "inf", "ide", "kine", "fr", "mssante", "ch", "jean", "an", "mar", "so", "pi", "tours", "brest", "a", "e", "r", "l", "pharma", "sf", "dentiste", "clinique", "cardio", "marseille 1er", "lyon 3"];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(next() * 5);
    out.push(Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!).join(" "));
  }
  return out;
}

interface Internals {
  collect(a: number, b: number, need: unknown[], m: number, skip: Set<number>, out: number[]): void;
  hasToken(e: number, t: unknown): boolean;
  queryTokens(codes: number[][]): unknown[] | null;
}

describe("directory candidate search", () => {
  it("gives exactly what reading every entry in order gives, at every limit, with and without correspondents", () => {
    const next = lcg(20261201);
    const rows = rowsOf(14000, next);
    const data = buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-12-01T00:00:00Z" }).data;
    const fast = DirectoryIndex.load(data);
    const plain = DirectoryIndex.load(data);
    // The plain reading: every entry of [a, b) in order, each checked against every token.
    const inner = plain as unknown as Internals;
    Object.defineProperty(plain, "collect", {
      value(a: number, b: number, need: unknown[], m: number, skip: Set<number>, out: number[]): void {
        for (let id = a; id < b && out.length < m; id++) if (!skip.has(id) && need.every((t) => inner.hasToken(id, t))) out.push(id);
      },
    });
    const usual = new Map(rows.filter((_, i) => i % 97 === 5).map((r, i) => [r["Adresse BAL"]!, 1 + (i % 5)]));
    const preferFast = preferredIds(fast, usual);
    const preferPlain = preferredIds(plain, usual);
    expect(preferFast.size).toBeGreaterThan(50);
    let compared = 0;
    let full = 0;
    for (const q of queriesOf(160, next)) {
      for (const [limit, withUsual] of [[10, false], [100, false], [10, true], [1, false]] as const) {
        const x = fast.searchIds(q, limit, withUsual ? preferFast : undefined);
        const y = plain.searchIds(q, limit, withUsual ? preferPlain : undefined);
        expect(x, `${JSON.stringify(q)} limit ${limit}${withUsual ? " with correspondents" : ""}`).toEqual(y);
        compared++;
        if (x.length === limit) full++;
      }
    }
    // Both kinds of lists were met: ones cut at the limit (early stops) and ones read to the end.
    expect(compared).toBe(640);
    expect(full).toBeGreaterThan(100);
    expect(compared - full).toBeGreaterThan(100);
  }, 120_000);

  it("collects, from any range, the first matching ids in order, each once", () => {
    const next = lcg(99);
    const data = buildDirectoryIndex(extractionBytes(rowsOf(12000, next)), { sourceName: "t.txt", importedAt: "2026-12-01T00:00:00Z" }).data;
    const index = DirectoryIndex.load(data);
    const inner = index as unknown as Internals;
    // The reference reads each entry's own token lists: another instance, which never marks a bitmap.
    const plain = DirectoryIndex.load(data) as unknown as Internals;
    let nonEmpty = 0;
    // Common words too, whose bitmaps are kept: a range then starts from the rarest one's words.
    const dense = ["med", "fr", "ch", "ma", "mssante", "le", "inf", "lyon", "e", "a", "r", "jean", "marie"];
    const denseQueries = Array.from({ length: 100 }, () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => dense[Math.floor(next() * dense.length)]!).join(" "));
    for (const q of [...queriesOf(150, next), ...denseQueries]) {
      // Searches first, so that later ranges also meet the dense words' kept bitmaps.
      index.searchIds(q, 10);
      const codes = q.split(" ").map((w) => Array.from(w, (c) => c.charCodeAt(0)));
      const toks = inner.queryTokens(codes);
      const plainToks = plain.queryTokens(codes);
      if (!toks || !plainToks) continue;
      const a = Math.floor(next() * index.size);
      const b = next() < 0.3 ? index.size : Math.min(index.size, a + 1 + Math.floor(next() * 9000));
      const skip = new Set(Array.from({ length: 20 }, () => a + Math.floor(next() * (b - a))));
      for (const m of [1, 5, 50, index.size]) {
        const got: number[] = [];
        inner.collect(a, b, toks, m, skip, got);
        const want: number[] = [];
        for (let id = a; id < b && want.length < m; id++) if (!skip.has(id) && plainToks.every((t) => plain.hasToken(id, t))) want.push(id);
        expect(got, `${JSON.stringify(q)} [${a}, ${b}) m ${m}`).toEqual(want);
        if (want.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it("finds the same addresses' entries (idsOfAddress reads every candidate)", () => {
    const next = lcg(7);
    const rows = rowsOf(9000, next);
    const index = DirectoryIndex.load(buildDirectoryIndex(extractionBytes(rows), { sourceName: "t.txt", importedAt: "2026-12-01T00:00:00Z" }).data);
    for (const r of rows.filter((_, i) => i % 211 === 3)) {
      const ids = index.idsOfAddress(r["Adresse BAL"]!);
      expect(ids.length, r["Adresse BAL"]).toBe(1);
      expect(`${index.entry(ids[0]!).email}`).toBe(r["Adresse BAL"]);
      // A search in between (its bitmaps kept or given back) changes nothing.
      index.searchIds("ma le med fr", 10);
      expect(index.idsOfAddress(r["Adresse BAL"]!)).toEqual(ids);
    }
  });
});
