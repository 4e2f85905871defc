// Caches of the PKI core (issue 15). What recurs from one message to the next (the correspondents'
// certificates, their CAs, the algorithm identifiers and attributes a mail client always writes the
// same way) is decoded once and kept by its exact encoding; certificate signature checks are kept per
// pair of decoded certificates (chain.ts). Caches hold only pure functions of the bytes they are keyed
// by: whatever depends on the time, the anchors or the CRLs (validity, path, revocation) is checked
// again on every call, so a revoked or expired certificate is caught after a cached good verdict.
// `setPkiCaches(false)` turns every cache (and the fast SignerInfo reader, cms.ts) off: tests run the
// whole corpus both ways and require identical verdicts.

let enabled = true;
const all = new Set<BytesCache<unknown>>();
const resets = new Set<() => void>();

/** Turns the caches on or off (and empties them). For tests and benchmarks. */
export function setPkiCaches(on: boolean): void {
  enabled = on;
  for (const c of all) c.clear();
  for (const r of resets) r();
}

export function pkiCachesEnabled(): boolean {
  return enabled;
}

/** Registers a cache kept elsewhere (a WeakMap…) to be emptied by setPkiCaches. */
export function onCacheReset(reset: () => void): void {
  resets.add(reset);
}

/** FNV-1a over the bytes: O(n), only to pick a bucket; a hit is confirmed by comparing the bytes. */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Least-recently-used map keyed by exact byte strings, at most `max` entries (the key bytes are
 * copied, so a message's buffer is never kept). A lookup costs O(key length).
 */
export class BytesCache<V> {
  private readonly map = new Map<string, { key: Uint8Array; value: V }>();
  constructor(readonly max: number) {
    all.add(this as BytesCache<unknown>);
  }
  get(key: Uint8Array): V | undefined {
    if (!enabled) return undefined;
    const id = `${fnv1a(key)}:${key.length}`;
    const hit = this.map.get(id);
    if (!hit || !same(hit.key, key)) return undefined;
    this.map.delete(id);
    this.map.set(id, hit);
    return hit.value;
  }
  set(key: Uint8Array, value: V): void {
    if (!enabled) return;
    const id = `${fnv1a(key)}:${key.length}`;
    this.map.delete(id);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(id, { key: key.slice(), value });
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}
