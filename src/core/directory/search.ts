// Search over the persisted index (layout in build.ts). Every query token must match, as a prefix,
// a token of some field of the entry. Ranking rules, best first (each has its own fixture in
// test/unit/directory-ranking.test.ts):
//   1. Compound names. A surname is looked up under every run of adjacent query words run together
//      ("le gall" = "Le Gall" = "LEGALL", "n diaye" = "N'DIAYE", "de la fontaine"), with "st"/"ste"
//      and "saint"/"sainte" tried both ways ("st martin" = "SAINT-MARTIN" = "ST MARTIN").
//      A. the surname equals such a run, B. it starts with it, C. any other match; within A and
//      within B, a surname covering more query words comes first: "saint martin jer" is Jérôme
//      SAINT-MARTIN before Jérôme MARTIN of Saint-Denis, whose "saint" only matches his city. A last
//      word under three letters does not count as part of a compound ("martin s": Sophie MARTIN,
//      then MARTINS), and A always precedes B, so an exact surname is never passed by a longer one.
//   2. Generic address words. The part of the domains most entries share ("mssante.fr", on the real
//      file "medecin.mssante.fr"; threshold in build.ts) is indexed under marked tokens a query
//      word reaches only in a second pass: first come the entries matching every word without them,
//      then, if the limit is not reached, those that need them. So "müller fr kiné" is Frédéric
//      MÜLLER before the MÜLLERs whose "fr" is their ".fr", and "mssante" or a whole address typed
//      out still find their entries. We rank them last rather than drop them, because a typed
//      address must keep working and filtering would make "fr" match nothing for it.
//   3. Arrondissements. Paris, Lyon and Marseille postcodes also carry "3eme", "1er"… (tokens.ts),
//      so "lyon 3", "paris 15eme", "marseille 1er" find 69003, 75015, 13001 (Paris 16: 75016 and
//      75116). When the query has the city word right before the number, the entries of that
//      postcode come before every tier of rule 1, else "paris 16" would list the Drs PARIS of
//      Charente (16xxx) first; the other words still have to match.
//   4. Usual correspondents (frequency.ts): within each tier above, the entries the caller
//      prefers (the addresses this user often writes to, with their scores) come first, higher
//      score first. Never across tiers: a correspondent reached only by a prefix stays after the
//      exact surnames of others. The caller passes at most a few hundred ids; each is checked
//      against each tier, so the cost is bounded by their number times the tiers.
//   5. First names. Within each tier of rule 1 (after its usual correspondents), the entries whose
//      first name holds one of the other query words come first: "le gall anne" is Anne and
//      Marie-Anne LE GALL before Alain LE GALL of the Clinique Sainte-Anne, though "Alain" sorts
//      first. Only there: with the surname matched, the words left are most likely the first
//      name; elsewhere a word is as likely a city or a profession. First-name postings (built on
//      first use) keep this to one more read of the tier per such word.
//   6. Ties: personal (PER) mailboxes first, then surname, first name, address (the entry id).
// Because entries are stored in that order, tiers A and B are contiguous id ranges and every tier
// is read in id order, stopping as soon as enough results are found.
import { type DirectoryManifest, ENTRY_STRIDE, EntryField, PROFILE_STRIDE, STRUCTURE_STRIDE } from "./build.ts";
import { msg } from "../i18n.ts";
import { DirectoryImportError } from "./extraction.ts";
import { unpackSections, type SectionArray } from "./format.ts";
import { parseQuery } from "./normalize.ts";
import { ARRONDISSEMENTS, SAINT_FORMS } from "./synonyms.ts";
import { GENERIC_MARK } from "./tokens.ts";

export interface DirectoryEntry {
  email: string;
  lastName: string;
  firstName: string;
  /** Civilité d'exercice, as in the file ("DR", "PR"…); "" when absent. */
  civility: string;
  profession: string;
  specialty: string;
  /** Raison sociale, or the trade name (enseigne) when there is none. */
  organisation: string;
  tradeName: string;
  service: string;
  postalCode: string;
  city: string;
  /** PER, ORG, APP or CAB. */
  mailboxType: string;
  /** Identification nationale PP (8 + RPPS, 0 + ADELI); "" for non-personal mailboxes. */
  ppIdentifier: string;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

interface QueryToken {
  /** Token id range [lo, hi) of the dictionary tokens starting with the query token. */
  lo: number;
  hi: number;
  /** Range of the generic address words it also matches (see GENERIC_MARK); empty (0, 0) in a strict pass. */
  glo: number;
  ghi: number;
  /** Postings in those ranges: the cost of reading them. */
  count: number;
  /** Matched in the first name only (rule 5), its postings being the first names'. */
  firstName?: boolean;
  /** Not a word: "one of these sorted entry ids" (the second pass's candidates, see genericOnly). */
  among?: Uint32Array;
  /**
   * Every entry holding it, one bit each, once a search has paid for marking them (see
   * forEachInBlocks): its checks are then a bit test and its intersections a word AND.
   */
  bits?: Uint32Array;
  /**
   * The index's stored bitmap of its strict range [lo, hi) when it also matches generic address
   * words (the second pass's "med": "med…" or "~med…"): a check reads that bit before the
   * generic lists, and marking it whole copies the bitmap and marks only the generic postings.
   */
  strictBits?: Uint32Array;
  /** Checks paid in this search that intersecting it would have saved (see forEachInBlocks). */
  rent?: number;
  /** Cost of placing cursors in its lists paid in this search (see forEachInBlocks). */
  placed?: number;
  /** inFirstName's answer, kept for the search (null: no first name holds it). */
  alt?: QueryToken | null;
}

const NO_PREFERENCE: ReadonlyMap<number, number> = new Map();

/** Shortest last word that makes a span of query words count as a compound name (rule 1). */
const MIN_COMPOUND_TAIL = 3;

const GENERIC_CODE = GENERIC_MARK.charCodeAt(0);

/**
 * Query words i..j run together, as surname keys to look up: as typed, and with "st"/"ste"
 * spelled out or "saint"/"sainte" abbreviated, since the file has both ("SAINT-MARTIN", "ST MARTIN").
 */
function spanVariants(words: string[], codes: number[][], i: number, j: number): number[][] {
  let variants: number[][] = [[]];
  for (let k = i; k <= j; k++) {
    const other = SAINT_FORMS[words[k]!];
    const forms = other !== undefined && variants.length < 4 ? [codes[k]!, Array.from(other, (c) => c.charCodeAt(0))] : [codes[k]!];
    variants = variants.flatMap((v) => forms.map((f) => v.concat(f)));
  }
  return variants;
}

/** Below this many postings, a prefix's candidates are sorted; above, marked in a bitmap. */
const SORT_LIMIT = 2048;
/** Estimated share of matching entries above which reading a range in order beats the postings. */
const DENSE = 0.02;
/** Cost of checking one candidate against a token, in posting-list steps. */
/** Measured on 1,000,000 entries: a check (six token lists, scattered) costs ~150 postings marked. */
const VERIFY_COST = 150;
/** Cost of finding where a range starts in one posting list (a binary search), in posting-list steps: measured ~15-50 ns, a check ~200-400 ns. */
const LIST_COST = 10;
/**
 * Cost of testing a candidate against a token marked whole (a bit read in `matches`), in words
 * intersected: below one candidate per this many words of a block, testing them is cheaper.
 */
const BIT_CHECK_COST = 8;
/** Smallest block of entry ids read at once by forEachInBlocks. */
const BLOCK_MIN = 4096;
/** Tokens of one search marked whole at most (see markWhole): 128 kB each at a million entries. */
const MAX_TOKEN_BITS = 8;
/**
 * A query token on at least this share of the entries ("le", "mar", "inf"), once marked whole, is
 * kept so for the next searches (keptBits): typed again at each keystroke, such words would
 * otherwise be marked again each time, and they cost the most to read.
 */
const DENSE_SHARE = 1 / 32;
/**
 * Bitmaps kept across searches (16 MB at a million entries). When full, the one dropped is the
 * one least worth keeping, by the GreedyDual rule: each is worth the floor plus its cost to mark
 * again (its postings) when marked or used, the floor rising to the worth of each one dropped, so
 * that "m" (two million postings) outlives "lyon" used as recently.
 */
const DENSE_KEPT = 128;
/** Unions of second-pass candidate lists kept (see genericOnlyCandidates). */
const MAX_GENERIC_UNIONS = 32;

function asU32(s: SectionArray | undefined, name: string): Uint32Array {
  if (!(s instanceof Uint32Array)) throw new DirectoryImportError("binary", msg("dirIndexUnreadable", msg("dirIndexSectionMissing", name)));
  return s;
}
function asU8(s: SectionArray | undefined, name: string): Uint8Array {
  if (!(s instanceof Uint8Array)) throw new DirectoryImportError("binary", msg("dirIndexUnreadable", msg("dirIndexSectionMissing", name)));
  return s;
}

export class DirectoryIndex {
  readonly manifest: DirectoryManifest;
  readonly size: number;
  private readonly personalCount: number;
  private readonly entries: Uint32Array;
  private readonly strBytes: Uint8Array;
  private readonly strOff: Uint32Array;
  private readonly strTokOff: Uint32Array;
  private readonly strTokItems: Uint32Array;
  private readonly profiles: Uint32Array;
  private readonly profTokOff: Uint32Array;
  private readonly profTokItems: Uint32Array;
  private readonly structures: Uint32Array;
  private readonly structTokOff: Uint32Array;
  private readonly structTokItems: Uint32Array;
  private readonly tokBytes: Uint8Array;
  private readonly tokOff: Uint32Array;
  private readonly postOff: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly keyBytes: Uint8Array;
  private readonly keyOff: Uint32Array;
  private readonly perStart: Uint32Array;
  private readonly otherStart: Uint32Array;
  /** The dense prefixes' token ranges [lo, hi], sorted, and their bitmaps (build.ts, densePrefixSets); empty in older indexes. */
  private readonly prefixRanges: Uint32Array;
  private readonly prefixBits: Uint32Array;
  /** A city's shown spelling when it is another of the file's (city-spelling.ts); none in an older index. */
  private readonly cityShown = new Map<number, number>();
  private readonly decoder = new TextDecoder();
  private bitmap: Uint32Array | null = null;
  /** markWhole's bitmaps: in use by the current search, and free. */
  private readonly bitsInUse: Uint32Array[] = [];
  private readonly freeBits: Uint32Array[] = [];
  /** cursor's position arrays, by the token's rank in forEachInBlocks. */
  private readonly cursorScratch: Uint32Array[] = [];
  /** Bitmaps of dense query tokens (DENSE_SHARE), by token ranges, with their worth (DENSE_KEPT). */
  private readonly keptBits = new Map<string, { bits: Uint32Array; worth: number }>();
  private keptFloor = 0;
  /** firstNamePostings' lists, once built. */
  private firstNameLists: [Uint32Array, Uint32Array] | null = null;
  /** genericOnly's answers, by generic token id. */
  private readonly genericOnlyCache = new Map<number, Uint32Array | null>();
  private readonly genericUnions = new Map<string, Uint32Array>();
  /**
   * Beyond this many second-pass candidates (an eighth of the entries: 0.5 MB at a million) they
   * would narrow nothing, and the second pass reads the postings as the first did.
   */
  private get genericOnlyLimit(): number {
    return Math.max(4096, this.size >>> 3);
  }

  private constructor(manifest: DirectoryManifest, s: Map<string, SectionArray>) {
    this.manifest = manifest;
    this.entries = asU32(s.get("entries"), "entries");
    this.size = this.entries.length / ENTRY_STRIDE;
    this.personalCount = manifest.personalEntries;
    this.strBytes = asU8(s.get("strBytes"), "strBytes");
    this.strOff = asU32(s.get("strOff"), "strOff");
    this.strTokOff = asU32(s.get("strTokOff"), "strTokOff");
    this.strTokItems = asU32(s.get("strTokItems"), "strTokItems");
    this.profiles = asU32(s.get("profiles"), "profiles");
    this.profTokOff = asU32(s.get("profTokOff"), "profTokOff");
    this.profTokItems = asU32(s.get("profTokItems"), "profTokItems");
    this.structures = asU32(s.get("structures"), "structures");
    this.structTokOff = asU32(s.get("structTokOff"), "structTokOff");
    this.structTokItems = asU32(s.get("structTokItems"), "structTokItems");
    this.tokBytes = asU8(s.get("tokBytes"), "tokBytes");
    this.tokOff = asU32(s.get("tokOff"), "tokOff");
    this.postOff = asU32(s.get("postOff"), "postOff");
    this.postings = asU32(s.get("postings"), "postings");
    this.keyBytes = asU8(s.get("keyBytes"), "keyBytes");
    this.keyOff = asU32(s.get("keyOff"), "keyOff");
    this.perStart = asU32(s.get("perStart"), "perStart");
    this.otherStart = asU32(s.get("otherStart"), "otherStart");
    // Optional: an index made before them is searched as it was, from its postings.
    const ranges = s.get("prefixRanges");
    const bits = s.get("prefixBits");
    this.prefixRanges = ranges instanceof Uint32Array ? ranges : new Uint32Array(0);
    this.prefixBits = bits instanceof Uint32Array ? bits : new Uint32Array(0);
    if (this.prefixBits.length !== (this.prefixRanges.length >>> 1) * this.bitmapWords || this.prefixRanges.length % 2 !== 0) {
      throw new DirectoryImportError("binary", msg("dirIndexUnreadable", msg("dirIndexSectionsMismatch", "prefixRanges/prefixBits")));
    }
    const shown = s.get("cityShown");
    if (shown instanceof Uint32Array) {
      const strings = this.strOff.length - 1;
      for (let i = 0; i + 1 < shown.length; i += 2) {
        if (shown[i]! >= strings || shown[i + 1]! >= strings) throw new DirectoryImportError("binary", msg("dirIndexUnreadable", msg("dirIndexSectionsMismatch", "cityShown")));
        this.cityShown.set(shown[i]!, shown[i + 1]!);
      }
    }
  }

  /** Words of a bitmap of the entries (markWhole's, the stored prefixes'). */
  private get bitmapWords(): number {
    return (this.size >>> 5) + 1;
  }

  /** The stored bitmap of the entries holding a token of [lo, hi), if that range is a stored dense prefix. */
  private storedBits(lo: number, hi: number): Uint32Array | undefined {
    const r = this.prefixRanges;
    let a = 0;
    let b = r.length >>> 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (r[2 * mid]! < lo || (r[2 * mid] === lo && r[2 * mid + 1]! < hi)) a = mid + 1;
      else b = mid;
    }
    if (a >= r.length >>> 1 || r[2 * a] !== lo || r[2 * a + 1] !== hi) return undefined;
    const w = this.bitmapWords;
    return this.prefixBits.subarray(a * w, (a + 1) * w);
  }

  /** Opens an index made by `buildDirectoryIndex` (from a file or IndexedDB); no copy when aligned. */
  static load(data: Uint8Array | ArrayBuffer): DirectoryIndex {
    const { manifest, sections } = unpackSections<DirectoryManifest>(data);
    return new DirectoryIndex(manifest, sections);
  }

  /** `prefer`: entry id → score of the usual correspondents (rule 4); none by default. */
  search(query: string, options: { limit?: number; prefer?: ReadonlyMap<number, number> } = {}): DirectoryEntry[] {
    return this.searchIds(query, options.limit ?? DEFAULT_LIMIT, options.prefer).map((id) => this.entry(id));
  }

  /** Entry ids, best first. */
  searchIds(query: string, limit = DEFAULT_LIMIT, prefer: ReadonlyMap<number, number> = NO_PREFERENCE): number[] {
    const max = Math.min(Math.max(0, Math.floor(limit)), MAX_LIMIT);
    const { tokens: words, groups } = parseQuery(query);
    if (words.length === 0 || max === 0 || this.size === 0) return [];
    const codes = words.map((w) => Array.from(w, (c) => c.charCodeAt(0)));
    const toks = this.queryTokens(codes);
    if (!toks) return [];
    try {
      return this.ranked(words, groups, codes, toks, max, prefer);
    } finally {
      this.releaseBits();
    }
  }

  private ranked(words: string[], groups: number[], codes: number[][], toks: QueryToken[], max: number, prefer: ReadonlyMap<number, number>): number[] {
    const strict = toks.every((t) => t.lo < t.hi);
    const generic = toks.some((t) => t.glo < t.ghi);

    const place = this.arrondissement(words);
    const out: number[] = [];
    const taken = new Set<number>();
    if (strict) {
      // Generic address words left out: the ranges and their costs without them.
      const bare = toks.map((t) => this.withKeptBits({ lo: t.lo, hi: t.hi, glo: 0, ghi: 0, count: this.postOff[t.hi]! - this.postOff[t.lo]! }));
      this.rankedPass(words, groups, codes, bare, place, max, taken, out, prefer);
    }
    if (generic && out.length < max) {
      // After a full strict pass, the second one can only add entries that match some word by a
      // generic token alone (see genericOnlyCandidates): with none it is skipped, else they are
      // one more condition of every tier, read as the rarest word would be.
      const only = strict ? this.genericOnlyCandidates(toks) : null;
      if (only === null) this.rankedPass(words, groups, codes, toks, place, max, taken, out, prefer);
      else if (only.length > 0) {
        const among: QueryToken = { lo: 0, hi: 1, glo: 0, ghi: 0, count: only.length, among: only };
        this.rankedPass(words, groups, codes, toks, place, max, taken, out, prefer, among);
      }
    }
    return out;
  }

  /**
   * The entries the second pass can add, sorted; null when too many to list (read everything).
   * A tier's second-pass set differs from its first-pass set only by entries failing some word
   * strictly but matching it by a generic token: each holds a generic token g of that word and
   * not g's unmarked twin (which the word reaches too, being its prefix). And once a strict pass
   * has ended short of the limit it has taken every entry of every tier, so nothing else is new.
   */
  private genericOnlyCandidates(toks: QueryToken[]): Uint32Array | null {
    const parts: Uint32Array[] = [];
    const used: number[] = [];
    let total = 0;
    for (const t of toks) {
      for (let g = t.glo; g < t.ghi; g++) {
        const part = this.genericOnly(g);
        if (part === null) return null;
        if (part.length === 0 || used.includes(g)) continue;
        parts.push(part);
        used.push(g);
        total += part.length;
        if (total > this.genericOnlyLimit) return null;
      }
    }
    if (parts.length === 0) return new Uint32Array(0);
    if (parts.length === 1) return parts[0]!;
    // Unions recur (the same few generic tokens): kept, a bounded number of them.
    const key = used.sort((x, y) => x - y).join(",");
    const known = this.genericUnions.get(key);
    if (known) return known;
    if (this.genericUnions.size >= MAX_GENERIC_UNIONS) this.genericUnions.clear();
    const union = this.mergeIds(parts, total);
    this.genericUnions.set(key, union);
    return union;
  }

  /** The sorted union of sorted id lists. */
  private mergeIds(parts: Uint32Array[], total: number): Uint32Array {
    const all = new Uint32Array(total);
    let n = 0;
    for (const part of parts) all.set(part, (n += part.length) - part.length);
    all.sort();
    let w = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
    return all.subarray(0, w);
  }

  /**
   * The entries holding generic token `g` but not its unmarked twin ("~medecin" but not
   * "medecin": an address on medecin.mssante.fr of someone whose other fields never say
   * "médecin"), or null when more than genericOnlyLimit. Computed once per token, by one merge
   * of the two posting lists (linear in them); the index has a handful of generic tokens.
   */
  private genericOnly(g: number): Uint32Array | null {
    const known = this.genericOnlyCache.get(g);
    if (known !== undefined) return known;
    const po = this.postOff;
    const p = this.postings;
    const s = this.tokOff[g]!;
    const twin = Array.from(this.tokBytes.subarray(s + 1, this.tokOff[g + 1]!));
    const u = this.lowerBound(this.tokBytes, this.tokOff, twin, false);
    const exists = u < this.tokOff.length - 1 && this.tokOff[u + 1]! - this.tokOff[u]! === twin.length && this.lowerBound(this.tokBytes, this.tokOff, twin, true) > u;
    let j = exists ? po[u]! : 0;
    const jEnd = exists ? po[u + 1]! : 0;
    const out: number[] = [];
    let result: Uint32Array | null = null;
    for (let i = po[g]!; i < po[g + 1]!; i++) {
      const id = p[i]!;
      while (j < jEnd && p[j]! < id) j++;
      if (j < jEnd && p[j] === id) continue;
      out.push(id);
      if (out.length > this.genericOnlyLimit) break;
    }
    if (out.length <= this.genericOnlyLimit) result = Uint32Array.from(out);
    this.genericOnlyCache.set(g, result);
    return result;
  }

  /** The dictionary ranges of each query word; null when a word matches no token at all. */
  private queryTokens(codes: number[][]): QueryToken[] | null {
    const toks: QueryToken[] = [];
    for (const code of codes) {
      const lo = this.lowerBound(this.tokBytes, this.tokOff, code, false);
      const hi = this.lowerBound(this.tokBytes, this.tokOff, code, true);
      const marked = [GENERIC_CODE, ...code];
      const glo = this.lowerBound(this.tokBytes, this.tokOff, marked, false);
      const ghi = this.lowerBound(this.tokBytes, this.tokOff, marked, true);
      if (lo === hi && glo === ghi) return null;
      const po = this.postOff;
      const tok: QueryToken = { lo, hi, glo, ghi, count: po[hi]! - po[lo]! + po[ghi]! - po[glo]! };
      if (glo < ghi && lo < hi) tok.strictBits = this.storedBits(lo, hi);
      toks.push(this.withKeptBits(tok));
    }
    return toks;
  }

  /**
   * The entry ids of a mailbox address (case-insensitive): usually one, several when the file
   * lists an address on several rows. Candidates are the entries holding every word of the
   * address, each then compared in full; linear in those candidates.
   */
  idsOfAddress(address: string): number[] {
    const wanted = address.trim().toLowerCase();
    const codes = parseQuery(wanted).tokens.map((w) => Array.from(w, (c) => c.charCodeAt(0)));
    const toks = codes.length > 0 ? this.queryTokens(codes) : null;
    if (!toks) return [];
    const candidates: number[] = [];
    try {
      this.collect(0, this.size, toks, this.size, new Set(), candidates);
    } finally {
      this.releaseBits();
    }
    const e = this.entries;
    return candidates.filter((id) => {
      const base = id * ENTRY_STRIDE;
      return `${this.str(e[base + EntryField.Local]!)}@${this.str(e[base + EntryField.Domain]!)}`.toLowerCase() === wanted;
    });
  }

  /**
   * "lyon 3", "paris 15eme", "marseille 1er": the position of the city word and the exact tokens
   * of the arrondissement's postcodes (two for Paris 16), or null.
   */
  private arrondissement(words: string[]): { at: number; postcodes: QueryToken[] } | null {
    for (let k = 0; k + 1 < words.length; k++) {
      const m = /^([0-9]{1,2})(?:e|er|ere|eme|ieme)?$/.exec(words[k + 1]!);
      if (!m) continue;
      const n = Number(m[1]);
      const postcodes: QueryToken[] = [];
      for (const a of ARRONDISSEMENTS) {
        if (a.city !== words[k] || n < a.from || n > a.to) continue;
        const code = Array.from(a.base + String(n).padStart(a.width, "0"), (c) => c.charCodeAt(0));
        const lo = this.lowerBound(this.tokBytes, this.tokOff, code, false);
        if (lo < this.tokOff.length - 1 && this.tokOff[lo + 1]! - this.tokOff[lo]! === code.length && this.lowerBound(this.tokBytes, this.tokOff, code, true) > lo) {
          postcodes.push({ lo, hi: lo + 1, glo: 0, ghi: 0, count: this.postOff[lo + 1]! - this.postOff[lo]! });
        }
      }
      if (postcodes.length > 0) return { at: k, postcodes };
    }
    return null;
  }

  private rankedPass(
    words: string[],
    groups: number[],
    codes: number[][],
    toks: QueryToken[],
    place: { at: number; postcodes: QueryToken[] } | null,
    max: number,
    taken: Set<number>,
    out: number[],
    prefer: ReadonlyMap<number, number>,
    only: QueryToken | null = null,
  ): void {
    const keyCount = this.keyOff.length - 1;
    // Per number of query words the surname covers (index = words - 1): ranges of entries.
    const exact: [number, number, QueryToken[]][][] = [];
    const prefix: [number, number, QueryToken[]][][] = [];
    for (let i = 0; i < words.length; i++) {
      if (i > 0 && groups[i - 1] === groups[i]) continue;
      for (let j = i; j < words.length; j++) {
        if (j + 1 < words.length && groups[j + 1] === groups[j]) continue;
        const rest = toks.filter((_, k) => k < i || k > j);
        // "martin s" is Sophie MARTIN more likely than a MARTINS: a last word this short is not
        // taken as part of a compound name, and the span ranks as if it were one word shorter.
        const covered = j - i + 1 - (j > i && words[j]!.length < MIN_COMPOUND_TAIL ? 1 : 0);
        for (const span of spanVariants(words, codes, i, j)) {
          const klo = this.lowerBound(this.keyBytes, this.keyOff, span, false);
          const khi = this.lowerBound(this.keyBytes, this.keyOff, span, true);
          if (klo === khi) continue;
          (prefix[covered - 1] ??= []).push([this.perStart[klo]!, this.perStart[khi]!, rest], [this.otherStart[klo]!, this.otherStart[khi]!, rest]);
          if (klo < keyCount && this.keyOff[klo + 1]! - this.keyOff[klo]! === span.length) {
            (exact[covered - 1] ??= []).push([this.perStart[klo]!, this.perStart[klo + 1]!, rest], [this.otherStart[klo]!, this.otherStart[klo + 1]!, rest]);
          }
        }
      }
    }
    const tiers: [number, number, QueryToken[]][][] = [];
    if (place) {
      // The arrondissement first: "paris 16" is about Paris 16e, not Dr PARIS of Angoulême (16000).
      const rest = toks.filter((_, k) => k !== place.at && k !== place.at + 1);
      tiers.push(place.postcodes.map((pc): [number, number, QueryToken[]] => [0, this.size, [pc, ...rest]]));
    }
    const surnameTiers = new Set<[number, number, QueryToken[]][]>();
    for (const byWords of [exact, prefix]) {
      for (let w = byWords.length - 1; w >= 0; w--) {
        if (!byWords[w]) continue;
        tiers.push(byWords[w]!);
        surnameTiers.add(byWords[w]!);
      }
    }
    tiers.push([[0, this.size, toks]]);
    // Rule 5's lists are parts of the tier's plain ones (a word found in the first name is a word
    // of the entry): when a part's plain list is complete (shorter than asked), they are read from
    // it rather than searched again, and so is the plain pass after them while it has enough.
    const gather = (tier: [number, number, QueryToken[]][], need: number, firstNames: boolean, plain: ({ ids: number[]; m: number } | undefined)[]): number[] => {
      const found: number[] = [];
      tier.forEach(([a, b, rest], i) => {
        if (firstNames) {
          // Rule 5: once per word of the rest that some first name holds, that word in the first
          // name only. With one such word, its list alone is searched (it may fill the limit,
          // and then no plain list is needed); with more, the plain list first.
          const alts = rest.map((t) => this.inFirstName(t));
          const several = alts.filter((t) => t).length > 1;
          for (let k = 0; k < rest.length; k++) {
            const alt = alts[k];
            if (!alt) continue;
            if (!several) {
              this.gatherPart(a, b, [...rest.slice(0, k), alt, ...rest.slice(k + 1)], need, taken, found, only);
              continue;
            }
            if (!plain[i]) {
              const ids: number[] = [];
              this.gatherPart(a, b, rest, need, taken, ids, only);
              plain[i] = { ids, m: need };
            }
            const all = plain[i]!.ids;
            if (all.length < need) {
              for (const id of all) if (this.hasToken(id, alt)) found.push(id);
            } else this.gatherPart(a, b, [...rest.slice(0, k), alt, ...rest.slice(k + 1)], need, taken, found, only);
          }
          return;
        }
        const known = plain[i];
        if (known) {
          // The first `known.m` matches not taken then: those still not taken are the first
          // ones now, if all were found or enough are left.
          const left = known.ids.filter((id) => !taken.has(id));
          if (known.ids.length < known.m || left.length >= need) {
            for (const id of left.slice(0, need)) found.push(id);
            return;
          }
        }
        this.gatherPart(a, b, rest, need, taken, found, only);
      });
      return found.sort((x, y) => x - y);
    };
    for (const tier of tiers) {
      this.takePreferred(tier, prefer, max, taken, out);
      if (out.length >= max) return;
      const plain: ({ ids: number[]; m: number } | undefined)[] = [];
      for (const firstNames of surnameTiers.has(tier) ? [true, false] : [false]) {
        for (const id of gather(tier, max - out.length, firstNames, plain)) {
          if (out.length >= max) break;
          if (!taken.has(id)) {
            taken.add(id);
            out.push(id);
          }
        }
        if (out.length >= max) return;
      }
    }
  }

  /** `collect` into `found`; in the second pass, among its candidates only (see genericOnlyCandidates). */
  private gatherPart(a: number, b: number, need: QueryToken[], m: number, skip: Set<number>, found: number[], only: QueryToken | null): void {
    const part: number[] = [];
    this.collect(a, b, only ? [...need, only] : need, m, skip, part);
    for (const id of part) found.push(id);
  }

  /** A query token matched in the first name only (rule 5); null when no first name holds it. */
  private inFirstName(t: QueryToken): QueryToken | null {
    if (t.firstName || t.among || t.lo === t.hi) return null;
    if (t.alt !== undefined) return t.alt;
    const [off] = this.firstNamePostings();
    const count = off[t.hi]! - off[t.lo]!;
    return (t.alt = count === 0 ? null : this.withKeptBits({ lo: t.lo, hi: t.hi, glo: 0, ghi: 0, count, firstName: true }));
  }

  /**
   * Rule 5's posting lists: for each token, the entries whose first name holds it. Built on the
   * first search that needs them, in two passes over the entries (linear in them; a few MB).
   */
  private firstNamePostings(): [Uint32Array, Uint32Array] {
    if (this.firstNameLists) return this.firstNameLists;
    const tokens = this.tokOff.length - 1;
    const off = new Uint32Array(tokens + 1);
    const so = this.strTokOff;
    const si = this.strTokItems;
    const en = this.entries;
    for (let e = 0; e < this.size; e++) {
      const f = en[e * ENTRY_STRIDE + EntryField.FirstName]!;
      for (let i = so[f]!; i < so[f + 1]!; i++) off[si[i]! + 1]!++;
    }
    for (let t = 0; t < tokens; t++) off[t + 1]! += off[t]!;
    const ids = new Uint32Array(off[tokens]!);
    const fill = off.slice(0, tokens);
    for (let e = 0; e < this.size; e++) {
      const f = en[e * ENTRY_STRIDE + EntryField.FirstName]!;
      for (let i = so[f]!; i < so[f + 1]!; i++) ids[fill[si[i]!]!++] = e;
    }
    this.firstNameLists = [off, ids];
    return this.firstNameLists;
  }

  /** Rule 4: the preferred entries (not yet taken) matching a tier, higher score first, appended to `out`. */
  private takePreferred(tier: [number, number, QueryToken[]][], prefer: ReadonlyMap<number, number>, max: number, taken: Set<number>, out: number[]): void {
    if (prefer.size === 0) return;
    const hits: [number, number][] = [];
    for (const [id, score] of prefer) {
      if (taken.has(id) || id >= this.size) continue;
      if (tier.some(([a, b, rest]) => id >= a && id < b && this.matches(id, rest, 0))) hits.push([id, score]);
    }
    hits.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [id] of hits) {
      if (out.length >= max) return;
      taken.add(id);
      out.push(id);
    }
  }

  /** The display fields of one entry. */
  entry(id: number): DirectoryEntry {
    const base = id * ENTRY_STRIDE;
    const e = this.entries;
    const p = e[base + EntryField.Profile]! * PROFILE_STRIDE;
    const s = e[base + EntryField.Structure]! * STRUCTURE_STRIDE;
    const organisation = this.str(this.structures[s]!);
    const tradeName = this.str(this.structures[s + 1]!);
    return {
      email: `${this.str(e[base + EntryField.Local]!)}@${this.str(e[base + EntryField.Domain]!)}`,
      lastName: this.str(e[base + EntryField.LastName]!),
      firstName: this.str(e[base + EntryField.FirstName]!),
      civility: this.str(this.profiles[p + 2]!),
      profession: this.str(this.profiles[p]!),
      specialty: this.str(this.profiles[p + 1]!),
      organisation: organisation || tradeName,
      tradeName,
      service: this.str(this.structures[s + 4]!),
      postalCode: this.str(this.structures[s + 3]!),
      city: this.str(this.cityShown.get(this.structures[s + 2]!) ?? this.structures[s + 2]!),
      mailboxType: this.str(this.profiles[p + 3]!),
      ppIdentifier: this.str(e[base + EntryField.PpId]!),
    };
  }

  private str(id: number): string {
    if (id === 0) return "";
    const start = this.strOff[id]!;
    const end = this.strOff[id + 1]!;
    return end - start > 64 ? this.decoder.decode(this.strBytes.subarray(start, end)) : decodeShortUtf8(this.strBytes, start, end);
  }

  /**
   * First index in a sorted byte-string table whose string is ≥ q (`past` false) or, with `past`,
   * the first one that is > q and does not start with q: [lower, past) are the strings prefixed by q.
   */
  private lowerBound(bytes: Uint8Array, off: Uint32Array, q: number[], past: boolean): number {
    let lo = 0;
    let hi = off.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = off[mid]!;
      const len = off[mid + 1]! - s;
      let c = 0;
      const n = Math.min(len, q.length);
      for (let i = 0; i < n && c === 0; i++) c = bytes[s + i]! - q[i]!;
      if (c === 0) c = len < q.length ? -1 : past ? 0 : 1;
      if (past ? c <= 0 : c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether a sorted token list holds a token of [lo, hi). */
  private static inList(off: Uint32Array, items: Uint32Array, id: number, lo: number, hi: number): boolean {
    let i = off[id]!;
    let end = off[id + 1]!;
    // A structure lists dozens of tokens (organisation, service, city…): halved down to a few.
    while (end - i > 8) {
      const mid = (i + end) >>> 1;
      if (items[mid]! < lo) i = mid + 1;
      else end = mid + 1;
    }
    for (; i < end; i++) {
      const t = items[i]!;
      if (t >= lo) return t < hi;
    }
    return false;
  }

  private hasToken(e: number, t: QueryToken): boolean {
    if (t.bits) return (t.bits[e >>> 5]! & (1 << (e & 31))) !== 0;
    if (t.among) {
      const i = lowerBoundU32(t.among, 0, t.among.length, e);
      return i < t.among.length && t.among[i] === e;
    }
    if (t.firstName) return DirectoryIndex.inList(this.strTokOff, this.strTokItems, this.entries[e * ENTRY_STRIDE + EntryField.FirstName]!, t.lo, t.hi);
    if (t.strictBits) return (t.strictBits[e >>> 5]! & (1 << (e & 31))) !== 0 || this.hasTokenIn(e, t.glo, t.ghi);
    return this.hasTokenIn(e, t.lo, t.hi) || (t.ghi > t.glo && this.hasTokenIn(e, t.glo, t.ghi));
  }

  private hasTokenIn(e: number, lo: number, hi: number): boolean {
    const base = e * ENTRY_STRIDE;
    const en = this.entries;
    const so = this.strTokOff;
    const si = this.strTokItems;
    return (
      DirectoryIndex.inList(so, si, en[base]!, lo, hi) ||
      DirectoryIndex.inList(so, si, en[base + 1]!, lo, hi) ||
      DirectoryIndex.inList(so, si, en[base + 2]!, lo, hi) ||
      DirectoryIndex.inList(so, si, en[base + 3]!, lo, hi) ||
      DirectoryIndex.inList(this.profTokOff, this.profTokItems, en[base + 4]!, lo, hi) ||
      DirectoryIndex.inList(this.structTokOff, this.structTokItems, en[base + 5]!, lo, hi)
    );
  }

  private matches(e: number, need: QueryToken[], from: number): boolean {
    for (let k = from; k < need.length; k++) if (!this.hasToken(e, need[k]!)) return false;
    return true;
  }

  /**
   * Appends to `out`, ascending, up to `m` ids of [a, b) not in `skip` that match every token of
   * `need`. While matches are likely dense (estimated from the tokens' frequencies) the range is
   * read in order, and so is a range too short to be worth finding the rarest token's place in
   * its lists; else candidates come from the rarest token's postings, read in blocks
   * (forEachInBlocks) where the other tokens are intersected as long as that is cheaper than
   * checking the candidates. Every path gives the same ids (test/unit/directory-candidates.test.ts).
   */
  private collect(a: number, b: number, need: QueryToken[], m: number, skip: Set<number>, out: number[]): void {
    if (a >= b || m <= 0) return;
    if (need.length === 0) {
      for (let id = a; id < b && out.length < m; id++) if (!skip.has(id)) out.push(id);
      return;
    }
    const sorted = need.length > 1 ? need.slice().sort((x, y) => x.count - y.count) : need;
    // Checks in order: the tokens marked whole first (a bit test each), then the rarest.
    const checks = bitsFirst(sorted);
    let density = 1;
    for (const t of sorted) density *= Math.min(1, t.count / this.size);
    let pos = a;
    if (density >= DENSE) {
      // Words this common are often less independent than their product says ("medeci ch-s"
      // are few among a million, most on the same hospitals' rows): reading on in order is worth
      // it as long as it costs less than marking the rarest word's postings would.
      const marking = (sorted[0]!.count * (b - a)) / this.size / VERIFY_COST;
      const scanEnd = Math.min(b, a + Math.ceil(Math.max((4 * m) / density, marking)));
      for (; pos < scanEnd; pos++) {
        if (this.matches(pos, checks, 0) && !skip.has(pos)) {
          out.push(pos);
          if (out.length >= m) return;
        }
      }
      if (pos >= b) return;
    }
    const first = sorted[0]!;
    // A short range (a small surname tier) is read in order when that costs less than finding
    // the rarest word's place in each of its posting lists: a common prefix ("et", "fon") spans
    // thousands of dictionary tokens, each with its own list.
    if ((b - pos) * VERIFY_COST * (1 - first.count / this.size) <= (first.bits ? (b - pos) / 32 : listCount(first) * LIST_COST)) {
      for (; pos < b; pos++) {
        if (this.matches(pos, checks, 0) && !skip.has(pos)) {
          out.push(pos);
          if (out.length >= m) return;
        }
      }
      return;
    }
    const take = (id: number): boolean => {
      if (!skip.has(id)) out.push(id);
      return out.length < m;
    };
    if (sorted.length === 1) {
      this.forEachCandidate(first, pos, b, take);
      return;
    }
    if (listCount(first) === 1 || first.count <= SORT_LIMIT) {
      // Candidates read straight from one list or a short sorted one are checked one by one
      // first. Intersecting them with the second-rarest token's postings costs about one step
      // per posting, a check VERIFY_COST steps: once the checks have cost what the intersection
      // would, the rest is read in blocks (which intersect as their own costs say).
      let budget = (sorted[1]!.count * (b - pos)) / this.size / VERIFY_COST;
      const checksAfterFirst = bitsFirst(sorted.slice(1));
      let next = pos;
      let exhausted = true;
      this.forEachCandidate(first, pos, b, (id) => {
        if (budget-- <= 0) {
          exhausted = false;
          return false;
        }
        next = id + 1;
        if (!skip.has(id) && this.matches(id, checksAfterFirst, 0)) out.push(id);
        return out.length < m;
      });
      if (exhausted || out.length >= m) return;
      pos = next;
    }
    this.forEachInBlocks(sorted, pos, b, take);
  }

  /** The postings of `tok` in [from, to), list by list, unordered across lists. */
  private forEachPostingIn(tok: QueryToken, from: number, to: number, visit: (id: number) => void): void {
    const [po, p] = this.postingsOf(tok);
    for (const [lo, hi] of rangesOf(tok)) {
      for (let t = lo; t < hi; t++) {
        const end = po[t + 1]!;
        for (let i = lowerBoundU32(p, po[t]!, end, from); i < end; i++) {
          const id = p[i]!;
          if (id >= to) break;
          visit(id);
        }
      }
    }
  }

  /** Offsets and ids of the posting lists `tok` is read from: every field's, or the first names' (rule 5). */
  private postingsOf(tok: QueryToken): [Uint32Array, Uint32Array] {
    if (tok.among) return [Uint32Array.of(0, tok.among.length), tok.among];
    return tok.firstName ? this.firstNamePostings() : [this.postOff, this.postings];
  }

  private bitmaps(words: number): [Uint32Array, Uint32Array] {
    if (!this.bitmap || this.bitmap.length < 2 * words) this.bitmap = new Uint32Array(2 * ((this.size >>> 5) + 2));
    const half = this.bitmap.length >>> 1;
    return [this.bitmap.subarray(0, half), this.bitmap.subarray(half)];
  }

  /**
   * Calls `visit` in ascending order, once each, for the entries of [from, to) holding a token of
   * `tok`, until it returns false.
   */
  private forEachCandidate(tok: QueryToken, from: number, to: number, visit: (id: number) => boolean): void {
    if (listCount(tok) === 1) {
      const [po, p] = this.postingsOf(tok);
      const t = tok.hi > tok.lo ? tok.lo : tok.glo;
      const end = po[t + 1]!;
      for (let i = lowerBoundU32(p, po[t]!, end, from); i < end; i++) {
        const id = p[i]!;
        if (id >= to || !visit(id)) return;
      }
      return;
    }
    if (tok.count <= SORT_LIMIT) {
      const ids: number[] = [];
      this.forEachPostingIn(tok, from, to, (id) => ids.push(id));
      ids.sort((x, y) => x - y);
      let prev = -1;
      for (const id of ids) {
        if (id !== prev && !visit(id)) return;
        prev = id;
      }
      return;
    }
    this.forEachInBlocks([tok], from, to, visit);
  }

  /**
   * Where each posting list of `tok` reaches `from`; the lists with nothing in [from, to) left
   * out. Its positions are held in the scratch array of `slot` (one per token of the
   * forEachInBlocks under way, which is never re-entered): a prefix may have thousands of lists,
   * and allocating for them at each range was a cost of its own.
   */
  private cursor(tok: QueryToken, from: number, to: number, slot: number): Cursor {
    const [po, p] = this.postingsOf(tok);
    let ix = this.cursorScratch[slot];
    if (!ix || ix.length < 2 * listCount(tok)) ix = this.cursorScratch[slot] = new Uint32Array(2 * listCount(tok));
    let live = 0;
    for (const [lo, hi] of rangesOf(tok)) {
      for (let t = lo; t < hi; t++) {
        const e = po[t + 1]!;
        const i = lowerBoundU32(p, po[t]!, e, from);
        if (i < e && p[i]! < to) {
          ix[2 * live] = i;
          ix[2 * live++ + 1] = e;
        }
      }
    }
    return { p, ix, live };
  }

  /**
   * Calls `visit` in ascending order, once each, for the entries of [from, to) that match every
   * token of `sorted` (rarest first), until it returns false. The range is read in blocks of
   * doubling size, so that a search wanting its first few matches stops at the block holding them
   * (at most twice the reading it needed) instead of marking every posting of the range. In each
   * block the rarest token's postings are marked in a bitmap; each next token is intersected with
   * it as long as that costs less than checking the marked candidates one by one (VERIFY_COST
   * each, counted in the block, so correlated words are judged as they are), and the candidates
   * left are checked against the remaining tokens. A token spread over many short lists ("pel":
   * 5,000 lists, 4 postings each) would cost a visit per list per block: it is marked once over
   * the rest of the range instead, and each block takes its words.
   */
  private forEachInBlocks(sorted: QueryToken[], from: number, to: number, visit: (id: number) => boolean): void {
    if (from >= to) return;
    // Block bitmaps count from the word holding `from`, so that a word of them is a word of `bits`.
    const base = from - (from & 31);
    const baseWord = base >>> 5;
    const [bitsA, bitsB] = this.bitmaps(((to - base - 1) >>> 5) + 1);
    const cursors: (Cursor | undefined)[] = [];
    const first = sorted[0]!;
    // The rarest token too is marked whole rather than placed when that costs less, or once
    // placing it in this search's ranges has cost that much ("co" in first names: 10,000 lists,
    // placed again in each surname tier of rule 5).
    if (!first.bits && this.bitsInUse.length < MAX_TOKEN_BITS) {
      const place = listCount(first) * LIST_COST;
      if ((first.placed ?? 0) + place >= this.markingCost(first)) this.markWhole(first);
      else first.placed = (first.placed ?? 0) + place;
    }
    // A block holds at least about as many postings as the rarest token has lists, so that going
    // through its lists once per block costs no more than marking them. Blocks are whole words.
    let block = Math.ceil(Math.max(BLOCK_MIN, (listCount(first) * this.size) / Math.max(1, first.count)) / 32) * 32;
    for (let s = from; s < to; s += block, block *= 2) {
      const e = Math.min(to, s + block);
      const ws = (s - base) >>> 5;
      const we = ((e - base - 1) >>> 5) + 1;
      let cur = bitsA;
      let spare = bitsB;
      try {
        let left: number;
        if (first.bits) {
          // Its words, less the ids of the block's first and last words outside [s, e).
          cur.set(first.bits.subarray(ws + baseWord, we + baseWord), ws);
          const head = (s - base) & 31;
          const tail = (e - base) & 31;
          if (head !== 0) cur[ws]! &= -1 << head;
          if (tail !== 0) cur[we - 1]! &= (1 << tail) - 1;
          left = popCount(cur, ws, we);
        } else left = markBlock((cursors[0] ??= this.cursor(first, s, to, 0)), base, s, e, cur, null);
        // Tokens marked whole that are cheaper to test candidate by candidate (a bit each) than
        // to intersect word by word: few candidates in a long block ("perpi" among "medecin").
        const deferred: QueryToken[] = [];
        let k = 1;
        for (; k < sorted.length && left > 0; k++) {
          const t = sorted[k]!;
          if (t.bits && left * BIT_CHECK_COST < we - ws) {
            deferred.push(t);
            continue;
          }
          const known = cursors[k];
          let marking: number;
          let setup = 0;
          let whole = false;
          if (t.bits) marking = we - ws;
          else if (known) marking = (t.count * (e - s)) / this.size + known.live * LIST_COST;
          else {
            // First use in this range: its lists placed (then visited in each block left), or
            // every posting of it marked once for the rest of the search. Marking reads the
            // lists in storage order, about a step a posting; placing costs LIST_COST a list: a
            // prefix over many short lists ("m": 26,000 first names) is marked at once, another
            // once placing it in this search's ranges has cost what marking would have.
            const place = listCount(t) * LIST_COST;
            const marked = this.markingCost(t);
            whole = this.bitsInUse.length < MAX_TOKEN_BITS && (marked <= place * blocksLeft(to - s, block) || (t.placed ?? 0) + (t.rent ?? 0) + place >= marked);
            setup = whole ? marked : place;
            marking = whole ? we - ws : (t.count * (e - s)) / this.size;
          }
          // Placing a token's cursors or marking all its postings is paid once for all later
          // blocks (and, marked, for the search): it is done once the checks it would have saved
          // add up to it, which costs at most twice the cheaper of checking every candidate and
          // paying it at the start.
          const saved = left * VERIFY_COST - marking;
          if (saved <= 0 || (t.rent ?? 0) + saved < setup) {
            if (saved > 0) t.rent = (t.rent ?? 0) + saved;
            break;
          }
          if (whole) this.markWhole(t);
          else if (!known) t.placed = (t.placed ?? 0) + setup;
          if (t.bits) left = andCount(cur, t.bits, baseWord, ws, we);
          else {
            left = markBlock((cursors[k] = known ?? this.cursor(t, s, to, k)), base, s, e, spare, cur);
            cur.fill(0, ws, we);
            [cur, spare] = [spare, cur];
          }
        }
        // The candidates left are checked against the other tokens, those marked whole first
        // (a bit test each). `left` counts them down: the words after the last one are not read.
        const rest = bitsFirst(deferred.length > 0 ? [...deferred, ...sorted.slice(k)] : sorted.slice(k));
        for (let w = ws; w < we && left > 0; w++) {
          let bits = cur[w]!;
          while (bits !== 0) {
            const low = bits & -bits;
            bits ^= low;
            left--;
            const id = base + (w << 5) + (31 - Math.clz32(low));
            if (this.matches(id, rest, 0) && !visit(id)) return;
          }
        }
      } finally {
        bitsA.fill(0, ws, we);
        bitsB.fill(0, ws, we);
      }
    }
  }

  /** What markWhole costs for `tok`, in posting-list steps: its postings and lists read, the bitmap cleared. */
  private markingCost(tok: QueryToken): number {
    const words = this.size >>> 5;
    if (!tok.strictBits) return tok.count + listCount(tok) + words;
    return this.postOff[tok.ghi]! - this.postOff[tok.glo]! + (tok.ghi - tok.glo) + 2 * words;
  }

  /** Sets `tok.bits`: every entry holding it marked, in a bitmap given back by releaseBits. */
  private markWhole(tok: QueryToken): void {
    const key = keptKey(tok);
    let bits: Uint32Array;
    if (key !== null && tok.count >= this.size * DENSE_SHARE) {
      // Kept, never reused for another token: a bitmap dropped from the map stays right for
      // the tokens still holding it.
      bits = new Uint32Array((this.size >>> 5) + 1);
      if (this.keptBits.size >= DENSE_KEPT) {
        let least: string | null = null;
        let worth = Infinity;
        for (const [k, v] of this.keptBits) {
          if (v.worth < worth) {
            worth = v.worth;
            least = k;
          }
        }
        this.keptFloor = worth;
        this.keptBits.delete(least!);
      }
      this.keptBits.set(key, { bits, worth: this.keptFloor + tok.count });
    } else {
      bits = this.freeBits.pop() ?? new Uint32Array((this.size >>> 5) + 1);
      this.bitsInUse.push(bits);
    }
    const [po, p] = this.postingsOf(tok);
    if (tok.strictBits) bits.set(tok.strictBits);
    for (const [lo, hi] of tok.strictBits ? [[tok.glo, tok.ghi]] : rangesOf(tok)) {
      for (let t = lo!; t < hi!; t++) {
        const end = po[t + 1]!;
        for (let i = po[t]!; i < end; i++) {
          const id = p[i]!;
          bits[id >>> 5]! |= 1 << (id & 31);
        }
      }
    }
    tok.bits = bits;
  }

  /**
   * `tok` with its bitmap stored in the index (a common short prefix, see build.ts), else with the
   * one markWhole kept for it in an earlier search, if any. A stored one is never marked or kept
   * (markWhole only runs for a token without bits), so the kept ones go to the longer words.
   */
  private withKeptBits(tok: QueryToken): QueryToken {
    if (!tok.among && !tok.firstName && tok.glo === tok.ghi && tok.lo < tok.hi) {
      const stored = this.storedBits(tok.lo, tok.hi);
      if (stored) {
        tok.bits = stored;
        return tok;
      }
    }
    const key = keptKey(tok);
    const kept = key === null ? undefined : this.keptBits.get(key);
    if (kept) {
      kept.worth = this.keptFloor + tok.count;
      tok.bits = kept.bits;
    }
    return tok;
  }

  /** The bitmaps of markWhole, cleared for the next search (the tokens holding them are dropped with it). */
  private releaseBits(): void {
    for (const bits of this.bitsInUse) {
      bits.fill(0);
      this.freeBits.push(bits);
    }
    this.bitsInUse.length = 0;
  }
}

/** `toks` with those marked whole first, each part in its order. */
function bitsFirst(toks: QueryToken[]): QueryToken[] {
  return toks.some((t) => t.bits) ? [...toks.filter((t) => t.bits), ...toks.filter((t) => !t.bits)] : toks;
}

/** The key of a token's bitmap in keptBits; null for a list of candidates (not a word). */
function keptKey(t: QueryToken): string | null {
  return t.among ? null : `${t.lo},${t.hi},${t.glo},${t.ghi},${t.firstName ? 1 : 0}`;
}

/** How many blocks of forEachInBlocks, doubling from `block`, cover `range` ids. */
function blocksLeft(range: number, block: number): number {
  let n = 0;
  for (let covered = 0; covered < range; block *= 2) {
    covered += block;
    n++;
  }
  return n;
}

/** Read positions in a token's posting lists (see DirectoryIndex.cursor): for list i < live, ix[2i] is where it is read, ix[2i + 1] its end. */
interface Cursor {
  p: Uint32Array;
  ix: Uint32Array;
  live: number;
}

/**
 * Marks in `target` (offsets from `base`) the postings of `c` in [s, e), only where `mask` is
 * set when given, and moves the cursor past them; exhausted lists are dropped. A list left
 * behind (its token not read in the last blocks) jumps to s by binary search. Returns how many
 * bits it set (`target` being clear in the block): counted here, a posting at a time, rather than
 * by a count of every word of a long block that few postings reach.
 */
function markBlock(c: Cursor, base: number, s: number, e: number, target: Uint32Array, mask: Uint32Array | null): number {
  const { p, ix } = c;
  let set = 0;
  for (let i = 0; i < c.live; ) {
    const stop = ix[2 * i + 1]!;
    let j = ix[2 * i]!;
    if (p[j]! < s) j = lowerBoundU32(p, j, stop, s);
    if (mask) {
      for (; j < stop; j++) {
        const id = p[j]!;
        if (id >= e) break;
        const d = id - base;
        const bit = mask[d >>> 5]! & (1 << (d & 31));
        if (bit !== 0 && (target[d >>> 5]! & bit) === 0) {
          target[d >>> 5]! |= bit;
          set++;
        }
      }
    } else {
      for (; j < stop; j++) {
        const id = p[j]!;
        if (id >= e) break;
        const d = id - base;
        const bit = 1 << (d & 31);
        if ((target[d >>> 5]! & bit) === 0) {
          target[d >>> 5]! |= bit;
          set++;
        }
      }
    }
    if (j >= stop) {
      c.live--;
      ix[2 * i] = ix[2 * c.live]!;
      ix[2 * i + 1] = ix[2 * c.live + 1]!;
    } else {
      ix[2 * i++] = j;
    }
  }
  return set;
}

/** `cur` &= `bits` (read `shift` words on) over words [from, to), and the set bits left. */
function andCount(cur: Uint32Array, bits: Uint32Array, shift: number, from: number, to: number): number {
  let n = 0;
  for (let w = from; w < to; w++) {
    let v = cur[w]!;
    if (v === 0) continue;
    v &= bits[w + shift]!;
    cur[w] = v;
    if (v === 0) continue;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** Set bits in words [from, to) of `bits`. */
function popCount(bits: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let w = from; w < to; w++) {
    let v = bits[w]!;
    if (v === 0) continue;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** How many posting lists a query token is read from. */
function listCount(t: QueryToken): number {
  return t.among ? 1 : t.hi - t.lo + t.ghi - t.glo;
}

/**
 * UTF-8 of a short, valid string (the index holds only text it encoded itself). Written by hand
 * because TextDecoder costs about a microsecond per call, and a result holds a dozen fields.
 */
function decodeShortUtf8(b: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; ) {
    const c = b[i++]!;
    if (c < 0x80) out += String.fromCharCode(c);
    else if (c < 0xe0) out += String.fromCharCode(((c & 0x1f) << 6) | (b[i++]! & 0x3f));
    else if (c < 0xf0) out += String.fromCharCode(((c & 0x0f) << 12) | ((b[i++]! & 0x3f) << 6) | (b[i++]! & 0x3f));
    else {
      const cp = ((c & 0x07) << 18) | ((b[i++]! & 0x3f) << 12) | ((b[i++]! & 0x3f) << 6) | (b[i++]! & 0x3f);
      out += String.fromCodePoint(cp);
    }
  }
  return out;
}

/** The token id ranges a query token matches: its own, then the generic address words'. */
function rangesOf(t: QueryToken): [number, number][] {
  return t.ghi > t.glo ? [[t.lo, t.hi], [t.glo, t.ghi]] : [[t.lo, t.hi]];
}

function lowerBoundU32(a: Uint32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
