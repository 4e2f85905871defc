// « medecin.msante.fr » → « vouliez-vous dire medecin.mssante.fr ? »: the listed domain nearest a
// mistyped one, for the account wizard. A suggestion only: the address is still refused until
// the user picks a listed domain, and nothing is ever trusted by nearness.

/** Edit distance (insert, delete, substitute, swap of neighbours), or max+1 once it exceeds max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows of the Damerau-Levenshtein table: O(|a|·|b|) time, O(|b|) memory.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The listed domain nearest `domain` (at most 2 edits), the shortest distance first, then the
 * alphabet; undefined when none is near or two are equally near (no guess between homonyms).
 * Linear in the number of listed domains, each compared in O(length²) with an early stop.
 */
export function nearestListedDomain(domain: string, listed: Iterable<string>, maxEdits = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxEdits + 1;
  let tie = false;
  for (const candidate of listed) {
    if (candidate === domain) return undefined;
    const d = boundedDistance(domain, candidate, Math.min(maxEdits, bestDistance));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && d <= maxEdits) tie = true;
  }
  return bestDistance <= maxEdits && !tie ? best : undefined;
}
