// One spelling per place in the suggestions: the file writes the same city several ways across
// its rows ("ST ETIENNE", "SAINT ETIENNE", "SAINT-ÉTIENNE"), and a list showing « St Etienne »
// beside « Saint-Étienne » looks like two places. The spellings of one name (the same folded
// words, « St » read as « Saint ») are all shown as the best the file itself has: accents kept,
// « Saint » spelled out, as a person wrote it (mixed case), then the most used. By name, not by
// postcode: one city string serves every row that writes it so, and two places of one name are
// written alike. Only display changes: every row is still found by the words of its own
// spelling (the tokens are made from the row as written).
import { foldWords } from "./normalize.ts";
import { SAINT_FORMS } from "./synonyms.ts";

/** "st etienne", "Saint-Étienne", "SAINTETIENNE"… → one key. */
function nameKey(city: string): string {
  return foldWords(city)
    .map((w) => (SAINT_FORMS[w] !== undefined && w.length < SAINT_FORMS[w]!.length ? SAINT_FORMS[w]! : w))
    .join("");
}

// A spelling's accents and mixed case count for its name only when at least one structure (a
// practice, a service) in this many writes it so: a single row's typo (« Saint-Etiénne ») must not
// be shown on the hundreds of practices the file writes « SAINT ETIENNE » (found by the review);
// under this many, any spelling the file has may win.
const WRITTEN_SHARE = 20;

function score(city: string, asWritten: boolean): number {
  let s = 0;
  if (asWritten) {
    for (let i = 0; i < city.length; i++) {
      if (city.charCodeAt(i) > 0x7f) {
        s += 4;
        break;
      }
    }
  }
  if (foldWords(city).some((w) => w === "saint" || w === "sainte" || w === "saints" || w === "saintes")) s += 2;
  if (asWritten && city !== city.toUpperCase()) s += 1;
  return s;
}

/**
 * Pairs (city string id, shown string id), sorted by the first, for the cities whose shown
 * spelling is another of the file's: `cities` holds each structure's city string id. Linear in
 * the structures, plus the distinct cities folded once.
 */
export function citySpellings(cities: ArrayLike<number>, decode: (id: number) => string): Uint32Array {
  const uses = new Map<number, number>();
  for (let i = 0; i < cities.length; i++) {
    const city = cities[i]!;
    if (city !== 0) uses.set(city, (uses.get(city) ?? 0) + 1);
  }
  // Per name: every spelling of it with its uses, and the rows that write the name at all.
  const groups = new Map<string, { members: { id: number; text: string; count: number }[]; total: number }>();
  for (const [id, count] of uses) {
    const text = decode(id);
    const key = nameKey(text);
    if (key === "") continue;
    const g = groups.get(key);
    if (g) {
      g.members.push({ id, text, count });
      g.total += count;
    } else groups.set(key, { members: [{ id, text, count }], total: count });
  }
  const pairs: [number, number][] = [];
  for (const g of groups.values()) {
    if (g.members.length === 1) continue;
    const needed = Math.ceil(g.total / WRITTEN_SHARE);
    let best = g.members[0]!;
    let bestScore = score(best.text, best.count >= needed);
    for (const m of g.members.slice(1)) {
      const sc = score(m.text, m.count >= needed);
      if (sc > bestScore || (sc === bestScore && (m.count > best.count || (m.count === best.count && m.id < best.id)))) {
        best = m;
        bestScore = sc;
      }
    }
    for (const m of g.members) if (m.id !== best.id) pairs.push([m.id, best.id]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out = new Uint32Array(2 * pairs.length);
  pairs.forEach(([from, to], i) => {
    out[2 * i] = from;
    out[2 * i + 1] = to;
  });
  return out;
}
