// Hash-consing of byte strings and of small integer tuples, on typed arrays. Written by hand: a
// Map<string> over a million values would need each value decoded to a JavaScript string first,
// which is most of the import time and memory this avoids.

function grow32(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Hash marking strings added by `append`, which the table does not hold. */
const NOT_INTERNED = 0xffffffff;

/** Distinct UTF-8 strings, id 0 being the empty string. */
export class ByteInterner {
  bytes = new Uint8Array(1 << 16);
  used = 0;
  /** offsets[id] .. offsets[id + 1] */
  offsets = new Uint32Array(1 << 12);
  count = 0;
  private hashes = new Uint32Array(1 << 12);
  private table = new Int32Array(1 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  /** Whether the last `intern` call added a new string. */
  lastWasNew = false;

  constructor() {
    this.offsets[0] = 0;
    this.offsets[1] = 0;
    this.count = 1;
    this.hashes[0] = 0;
  }

  /** Id of bytes src[s..e), ASCII letters lower-cased when `lower`. */
  intern(src: Uint8Array, s: number, e: number, lower = false): number {
    if (e <= s) {
      this.lastWasNew = false;
      return 0;
    }
    let h = 0x811c9dc5;
    if (lower) {
      for (let i = s; i < e; i++) {
        const c = src[i]!;
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
      }
    } else {
      for (let i = s; i < e; i++) h = Math.imul(h ^ src[i]!, 0x01000193);
    }
    h = (h ^ (h >>> 16)) >>> 0;
    if (h === NOT_INTERNED) h = 0;
    const len = e - s;
    let slot = h & this.mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === h) {
        const o = this.offsets[id]!;
        if (this.offsets[id + 1]! - o === len) {
          let same = true;
          const bytes = this.bytes;
          for (let i = 0; i < len; i++) {
            const c = src[s + i]!;
            if (bytes[o + i] !== (lower && c >= 65 && c <= 90 ? c + 32 : c)) {
              same = false;
              break;
            }
          }
          if (same) {
            this.lastWasNew = false;
            return id;
          }
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.store(src, s, e, lower);
    this.hashes = grow32(this.hashes, this.count);
    this.hashes[id] = h;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    this.lastWasNew = true;
    return id;
  }

  /** Adds bytes src[s..e) as a new string without looking for an equal one (unique values). */
  append(src: Uint8Array, s: number, e: number): number {
    if (e <= s) return 0;
    const id = this.store(src, s, e, false);
    this.hashes = grow32(this.hashes, this.count);
    this.hashes[id] = NOT_INTERNED;
    return id;
  }

  private store(src: Uint8Array, s: number, e: number, lower: boolean): number {
    const len = e - s;
    if (this.used + len > this.bytes.length) {
      const b = new Uint8Array(Math.max(this.used + len, this.bytes.length * 2));
      b.set(this.bytes.subarray(0, this.used));
      this.bytes = b;
    }
    const bytes = this.bytes;
    const at = this.used;
    if (lower) {
      for (let i = 0; i < len; i++) {
        const c = src[s + i]!;
        bytes[at + i] = c >= 65 && c <= 90 ? c + 32 : c;
      }
    } else bytes.set(src.subarray(s, e), at);
    this.used += len;
    const id = this.count++;
    this.offsets = grow32(this.offsets, this.count + 1);
    this.offsets[this.count] = this.used;
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 1; id < this.count; id++) {
      if (this.hashes[id] === NOT_INTERNED) continue;
      let slot = this.hashes[id]! & this.mask;
      while (this.table[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }

  /** Frees the hash table once no more strings will be added. */
  freeze(): void {
    this.table = new Int32Array(0);
    this.hashes = new Uint32Array(0);
  }
}

/** Distinct tuples of `width` unsigned integers. */
export class TupleInterner {
  values: Uint32Array<ArrayBuffer>;
  count = 0;
  private table: Int32Array = new Int32Array(1 << 10).fill(-1);
  private mask = (1 << 10) - 1;
  lastWasNew = false;

  constructor(readonly width: number) {
    this.values = new Uint32Array(width * 256);
  }

  private hashAt(arr: Uint32Array, at: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < this.width; k++) h = Math.imul(h ^ arr[at + k]!, 0x01000193);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) >>> 0;
  }

  /** Id of the tuple held in `scratch[0..width)`. */
  intern(scratch: Uint32Array): number {
    const w = this.width;
    const h = this.hashAt(scratch, 0);
    let slot = h & this.mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id < 0) break;
      let same = true;
      for (let k = 0; k < w; k++) {
        if (this.values[id * w + k] !== scratch[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.lastWasNew = false;
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    this.values = grow32(this.values, this.count * w);
    this.values.set(scratch.subarray(0, w), id * w);
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    this.lastWasNew = true;
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashAt(this.values, id * this.width) & this.mask;
      while (this.table[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}

/** A growable column of unsigned 32-bit integers. */
export class U32Column {
  data = new Uint32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow32(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
