// From the extraction file's bytes to the persisted index's bytes, in memory: nothing is written
// before the whole file has been read and judged plausible, so a refused file changes nothing.
//
// Index layout (see search.ts for how it is read):
// - entries: 7 u32 per mailbox [lastName, firstName, emailLocal, emailDomain, profile, structure,
//   ppId], sorted by (personal first, surname key, first name, address) so that an entry's id is
//   its tie-break rank and every surname prefix is a contiguous id range;
// - strings: every distinct value once (UTF-8 bytes + offsets); profiles (profession, speciality,
//   civility, type) and structures (organisation, trade name, city, postcode, service) are tuples
//   of string ids shared by many entries;
// - tokens: sorted folded words (prefix = binary-searched range), each with its posting list of
//   entry ids; each string, profile and structure also lists its token ids, to check candidates;
// - surname keys: sorted, with the entry range of each key in the personal and other blocks;
// - dense prefixes: the token ranges of the common short prefixes, each with the bitmap of the
//   entries holding one of its tokens (absent from indexes made before them: read from postings).
import { msg } from "../i18n.ts";
import { DirectoryImportError, forEachRow, prepareText, readHeader, type Encoding } from "./extraction.ts";
import { packSections, FORMAT_VERSION } from "./format.ts";
import { DEFAULT_LIMITS, displayName, isZip, readExtractionZip, tooLargeError, type ExtractionLimits } from "./zip.ts";
import { ByteInterner, TupleInterner, U32Column } from "./interner.ts";
import { foldText, surnameKey } from "./normalize.ts";
import { FieldKind, GENERIC_MARK, valueTokens } from "./tokens.ts";
import { citySpellings } from "./city-spelling.ts";

export interface SkippedReasons {
  /** "Adresse BAL" empty. */
  noAddress: number;
  /** "Adresse BAL" without "@" or with an empty part. */
  invalidAddress: number;
  /** Same address, city and organisation as an earlier row. */
  duplicate: number;
}

export interface ImportStats {
  read: number;
  indexed: number;
  skipped: number;
  skippedReasons: SkippedReasons;
}

export interface DirectoryManifest {
  formatVersion: number;
  /** Name of the extraction file (inside the ZIP when there was one). */
  source: string;
  sourceBytes: number;
  encoding: Encoding;
  /** ISO 8601, given by the caller (core has no clock). */
  importedAt: string;
  rows: ImportStats;
  entries: number;
  personalEntries: number;
  tokens: number;
  postings: number;
}

export interface BuildOptions {
  sourceName: string;
  importedAt: string;
  /** Entries in the index this import would replace: a far smaller file is refused. */
  previousEntries?: number;
  /** Accept an implausible shrink. */
  force?: boolean;
  /** Size bounds of the extraction (default: zip.ts's DEFAULT_LIMITS); tests lower them. */
  limits?: Partial<ExtractionLimits>;
}

export interface BuiltIndex {
  data: Uint8Array;
  manifest: DirectoryManifest;
}

/** An import keeping fewer than this share of the current entries is refused as implausible. */
export const MIN_KEPT_RATIO = 0.5;

export const ENTRY_STRIDE = 7;
/** Offsets of the fields inside one entry. */
export const EntryField = { LastName: 0, FirstName: 1, Local: 2, Domain: 3, Profile: 4, Structure: 5, PpId: 6 } as const;
export const PROFILE_STRIDE = 4; // profession, specialty, civility, type
export const STRUCTURE_STRIDE = 5; // organisation, tradeName, city, postalCode, service

/**
 * The extraction text inside the ANS ZIP, or the bytes themselves when they are not a ZIP; either
 * way no larger than `limits.maxBytes` (see zip.ts for how an archive is kept from ballooning).
 */
export function unwrapExtraction(
  raw: Uint8Array,
  name: string,
  limits: Partial<ExtractionLimits> = {},
): { bytes: Uint8Array; sourceName: string } {
  const bounded: ExtractionLimits = { ...DEFAULT_LIMITS, ...limits };
  if (!isZip(raw)) {
    if (raw.length > bounded.maxBytes) throw tooLargeError(raw.length, bounded.maxBytes);
    return { bytes: raw, sourceName: name };
  }
  const { bytes, entryName } = readExtractionZip(raw, bounded);
  return { bytes, sourceName: displayName(entryName) };
}

/**
 * A domain suffix (whole labels) shared by at least this share of the entries is generic: it
 * tells nobody apart ("fr", "mssante.fr", and on the real file "medecin.mssante.fr"), and if its
 * words were ordinary tokens every "fr" typed for "Frédéric" would match every address.
 */
export const GENERIC_DOMAIN_SHARE = 0.1;
/** …and at least this many entries: in a small directory no suffix is common enough to be noise. */
export const GENERIC_DOMAIN_MIN = 50;

/** For each domain string id with a generic suffix, how many of its last labels that suffix has. */
function genericDomainLabels(domains: Uint32Array, decode: (id: number) => string, n: number): Map<number, number> {
  const perDomain = new Map<number, number>();
  for (let r = 0; r < n; r++) perDomain.set(domains[r]!, (perDomain.get(domains[r]!) ?? 0) + 1);
  const labelsOf = new Map<number, string[]>();
  const perSuffix = new Map<string, number>();
  for (const [id, count] of perDomain) {
    const labels = decode(id).split(".");
    labelsOf.set(id, labels);
    for (let g = 1; g <= labels.length; g++) {
      const suffix = labels.slice(-g).join(".");
      perSuffix.set(suffix, (perSuffix.get(suffix) ?? 0) + count);
    }
  }
  const threshold = Math.max(GENERIC_DOMAIN_MIN, GENERIC_DOMAIN_SHARE * n);
  const out = new Map<number, number>();
  for (const [id, labels] of labelsOf) {
    let generic = 0;
    for (let g = 1; g <= labels.length; g++) if ((perSuffix.get(labels.slice(-g).join(".")) ?? 0) >= threshold) generic = g;
    if (generic > 0) out.set(id, generic);
  }
  return out;
}

function sortSegment(items: Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = items[i]!;
    let j = i - 1;
    while (j >= from && items[j]! > v) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = v;
  }
}

/** CSR lists of token ids per tuple: the sorted union of its strings' lists. */
function tupleTokens(
  tuples: Uint32Array,
  count: number,
  stride: number,
  strTokOff: Uint32Array,
  strTokItems: Uint32Array,
): { off: Uint32Array; items: Uint32Array } {
  const off = new Uint32Array(count + 1);
  const items = new U32Column();
  const scratch: number[] = [];
  for (let t = 0; t < count; t++) {
    scratch.length = 0;
    for (let k = 0; k < stride; k++) {
      const s = tuples[t * stride + k]!;
      for (let i = strTokOff[s]!; i < strTokOff[s + 1]!; i++) scratch.push(strTokItems[i]!);
    }
    scratch.sort((a, b) => a - b);
    let prev = -1;
    for (const v of scratch) {
      if (v !== prev) items.push(v);
      prev = v;
    }
    off[t + 1] = items.length;
  }
  return { off, items: items.view().slice() };
}

function compareBytes(b: Uint8Array, a0: number, a1: number, c0: number, c1: number): number {
  const n = Math.min(a1 - a0, c1 - c0);
  for (let i = 0; i < n; i++) {
    const d = b[a0 + i]! - b[c0 + i]!;
    if (d !== 0) return d;
  }
  return a1 - a0 - (c1 - c0);
}

export function buildDirectoryIndex(raw: Uint8Array, options: BuildOptions): BuiltIndex {
  const { bytes: fileBytes, sourceName } = unwrapExtraction(raw, options.sourceName, options.limits);
  const { bytes: b, encoding } = prepareText(fileBytes);
  const read = readRows(b, readHeader(b));
  const stats = judgePlausible(read, options);
  const tokens = tokenise(read);
  const order = orderEntries(read, tokens);
  const postings = postingLists(order, tokens);
  const ranges = surnameRanges(order);
  const dense = densePrefixSets(order, tokens, postings);
  const cityShown = shownCities(tokens);
  return pack({ raw, sourceName, encoding, importedAt: options.importedAt, stats }, read, tokens, order, postings, ranges, dense, cityShown);
}

// The phases below run once each, in this order; each takes what the previous ones made.

/** Phase 1: every row, its strings interned once; rows without a usable address or seen before are counted, not kept. */
function readRows(b: Uint8Array, layout: ReturnType<typeof readHeader>) {
  const col = layout.column;
  const strings = new ByteInterner();
  let kinds = new Uint8Array(1 << 16);
  const mark = (id: number, kind: number): void => {
    if (id >= kinds.length) {
      const k = new Uint8Array(Math.max(id + 1, kinds.length * 2));
      k.set(kinds);
      kinds = k;
    }
    kinds[id]! |= kind;
  };
  const profiles = new TupleInterner(PROFILE_STRIDE);
  const structures = new TupleInterner(STRUCTURE_STRIDE);
  const places = new TupleInterner(4);
  const scratch = new Uint32Array(8);
  const rows = { last: new U32Column(), first: new U32Column(), local: new U32Column(), domain: new U32Column(), profile: new U32Column(), structure: new U32Column(), ppId: new U32Column(), personal: new U32Column() };
  const reasons: SkippedReasons = { noAddress: 0, invalidAddress: 0, duplicate: 0 };

  const field = (start: Int32Array, end: Int32Array, c: number, lower = false): number =>
    c < 0 ? 0 : strings.intern(b, start[c]!, end[c]!, lower);

  const { rows: read } = forEachRow(b, layout, (start, end) => {
    const es = start[col.email]!;
    const ee = end[col.email]!;
    if (es === ee) {
      reasons.noAddress++;
      return;
    }
    let at = ee - 1;
    while (at >= es && b[at] !== 64) at--;
    if (at <= es || at >= ee - 1) {
      reasons.invalidAddress++;
      return;
    }
    const local = strings.intern(b, es, at, true);
    const domain = strings.intern(b, at + 1, ee, true);

    // L6 holds "69003 LYON" (or "69437 LYON CEDEX 03"): postcode, then city.
    let rs = start[col.routing]!;
    const re = end[col.routing]!;
    let routingCode = 0;
    if (re - rs >= 5) {
      let digits = true;
      for (let i = rs; i < rs + 5; i++) if (b[i]! < 48 || b[i]! > 57) digits = false;
      if (digits && (re - rs === 5 || b[rs + 5] === 32)) {
        routingCode = strings.intern(b, rs, rs + 5);
        rs += 5;
        while (rs < re && b[rs] === 32) rs++;
      }
    }
    const city = strings.intern(b, rs, re);
    const postal = field(start, end, col.postalCode) || routingCode;
    const organisation = field(start, end, col.organisation);
    const tradeName = field(start, end, col.tradeName);

    scratch[0] = local;
    scratch[1] = domain;
    scratch[2] = city;
    scratch[3] = organisation || tradeName;
    places.intern(scratch);
    if (!places.lastWasNew) {
      reasons.duplicate++;
      return;
    }

    const service = field(start, end, col.service);
    scratch[0] = organisation;
    scratch[1] = tradeName;
    scratch[2] = city;
    scratch[3] = postal;
    scratch[4] = service;
    const structure = structures.intern(scratch);
    if (structures.lastWasNew) {
      mark(organisation, FieldKind.Organisation);
      mark(tradeName, FieldKind.Organisation);
      mark(service, FieldKind.Organisation);
      mark(city, FieldKind.Place);
      mark(postal, FieldKind.Code);
    }

    const typeStart = start[col.type]!;
    const type = field(start, end, col.type);
    const personal =
      end[col.type]! - typeStart === 3 && (b[typeStart]! | 32) === 112 && (b[typeStart + 1]! | 32) === 101 && (b[typeStart + 2]! | 32) === 114;
    const profession = field(start, end, col.profession);
    const specialty = field(start, end, col.specialty);
    const civility = field(start, end, col.civility);
    scratch[0] = profession;
    scratch[1] = specialty;
    scratch[2] = civility;
    scratch[3] = type;
    const profile = profiles.intern(scratch);
    if (profiles.lastWasNew) {
      mark(profession, FieldKind.Profession);
      mark(specialty, FieldKind.Profession);
      mark(civility, FieldKind.Civility);
    }

    const last = field(start, end, col.lastName);
    const first = field(start, end, col.firstName);
    mark(last, FieldKind.Name);
    mark(first, FieldKind.Name);
    mark(local, FieldKind.EmailLocal);
    mark(domain, FieldKind.Domain);
    rows.last.push(last);
    rows.first.push(first);
    rows.local.push(local);
    rows.domain.push(domain);
    rows.profile.push(profile);
    rows.structure.push(structure);
    rows.ppId.push(col.ppId < 0 ? 0 : strings.append(b, start[col.ppId]!, end[col.ppId]!));
    rows.personal.push(personal ? 1 : 0);
  });
  strings.freeze();
  return { strings, kinds, profiles, structures, rows, reasons, read };
}
type Rows = ReturnType<typeof readRows>;

/** Phase 2: nothing kept, or far fewer entries than the current index, is refused (the current index stays). */
function judgePlausible({ rows, reasons, read }: Rows, options: BuildOptions): ImportStats {
  const n = rows.last.length;
  const stats: ImportStats = {
    read,
    indexed: n,
    skipped: read - n,
    skippedReasons: reasons,
  };
  if (n === 0) {
    throw new DirectoryImportError(
      "noEntries",
      read === 0
        ? msg("dirImportHeaderOnly")
        : msg("dirImportNoAddress", String(read)),
    );
  }
  const previous = options.previousEntries ?? 0;
  if (!options.force && previous > 0 && n < previous * MIN_KEPT_RATIO) {
    throw new DirectoryImportError(
      "implausibleShrink",
      msg("dirImportShrink", String(n), String(previous)),
    );
  }

  return stats;
}

/** Phase 3: the tokens of every searchable string, decoded once, sorted; each string, profile and structure lists its token ids. */
function tokenise({ strings, kinds, profiles, structures, rows }: Rows) {
  const n = rows.last.length;
  const decoder = new TextDecoder();
  const sCount = strings.count;
  const sBytes = strings.bytes;
  const sOff = strings.offsets;
  const decode = (id: number): string => decoder.decode(sBytes.subarray(sOff[id]!, sOff[id + 1]!));
  const genericLabels = genericDomainLabels(rows.domain.view(), decode, n);
  const tokenIds = new Map<string, number>();
  const tokenList: string[] = [];
  const strTokOff = new Uint32Array(sCount + 1);
  const strTokCol = new U32Column();
  for (let id = 0; id < sCount; id++) {
    const k = id < kinds.length ? kinds[id]! : 0;
    if (k !== 0) {
      for (const t of valueTokens(decode(id), k, genericLabels.get(id) ?? 0)) {
        let tid = tokenIds.get(t);
        if (tid === undefined) {
          tid = tokenList.length;
          tokenIds.set(t, tid);
          tokenList.push(t);
        }
        strTokCol.push(tid);
      }
    }
    strTokOff[id + 1] = strTokCol.length;
  }
  const sortedTokens = tokenList.slice().sort();
  const remap = new Uint32Array(tokenList.length);
  for (let i = 0; i < sortedTokens.length; i++) remap[tokenIds.get(sortedTokens[i]!)!] = i;
  tokenIds.clear();
  const strTokItems = strTokCol.view().slice();
  for (let i = 0; i < strTokItems.length; i++) strTokItems[i] = remap[strTokItems[i]!]!;
  for (let id = 0; id < sCount; id++) sortSegment(strTokItems, strTokOff[id]!, strTokOff[id + 1]!);
  const T = sortedTokens.length;

  const profileTuples = profiles.values.subarray(0, profiles.count * PROFILE_STRIDE);
  const structureTuples = structures.values.subarray(0, structures.count * STRUCTURE_STRIDE);
  const profTok = tupleTokens(profileTuples, profiles.count, PROFILE_STRIDE, strTokOff, strTokItems);
  const structTok = tupleTokens(structureTuples, structures.count, STRUCTURE_STRIDE, strTokOff, strTokItems);

  return { decode, sBytes, sOff, sCount, sortedTokens, strTokOff, strTokItems, T, profileTuples, structureTuples, profTok, structTok };
}
type Tokens = ReturnType<typeof tokenise>;

/** Phase 4: entry order: personal first, then surname key, first name, address (an entry's id is its tie-break rank). */
function orderEntries({ rows }: Rows, { decode, sBytes, sOff, sCount }: Tokens) {
  const n = rows.last.length;
  const last = rows.last.view();
  const first = rows.first.view();
  const local = rows.local.view();
  const domain = rows.domain.view();
  const personal = rows.personal.view();
  const keyOfString = new Int32Array(sCount).fill(-1);
  const keyIndex = new Map<string, number>();
  const keyList: string[] = [];
  const firstRankOfString = new Int32Array(sCount).fill(-1);
  const firstIndex = new Map<string, number>();
  const firstList: string[] = [];
  for (let r = 0; r < n; r++) {
    const l = last[r]!;
    if (keyOfString[l] === -1) {
      const key = surnameKey(decode(l));
      let k = keyIndex.get(key);
      if (k === undefined) {
        k = keyList.length;
        keyIndex.set(key, k);
        keyList.push(key);
      }
      keyOfString[l] = k;
    }
    const f = first[r]!;
    if (firstRankOfString[f] === -1) {
      const key = foldText(decode(f));
      let k = firstIndex.get(key);
      if (k === undefined) {
        k = firstList.length;
        firstIndex.set(key, k);
        firstList.push(key);
      }
      firstRankOfString[f] = k;
    }
  }
  const sortedKeys = keyList.slice().sort();
  const keyRank = new Uint32Array(keyList.length);
  sortedKeys.forEach((key, i) => (keyRank[keyIndex.get(key)!] = i));
  const firstRank = new Uint32Array(firstList.length);
  firstList
    .map((_, i) => i)
    .sort((x, y) => (firstList[x]! < firstList[y]! ? -1 : firstList[x]! > firstList[y]! ? 1 : 0))
    .forEach((k, i) => (firstRank[k] = i));
  const surnameRankOfRow = new Uint32Array(n);
  const firstRankOfRow = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    surnameRankOfRow[r] = keyRank[keyOfString[last[r]!]!]!;
    firstRankOfRow[r] = firstRank[firstRankOfString[first[r]!]!]!;
  }
  const order: number[] = new Array<number>(n);
  for (let r = 0; r < n; r++) order[r] = r;
  order.sort((x, y) => {
    const d = personal[y]! - personal[x]! || surnameRankOfRow[x]! - surnameRankOfRow[y]! || firstRankOfRow[x]! - firstRankOfRow[y]!;
    if (d !== 0) return d;
    const lx = local[x]!;
    const ly = local[y]!;
    const dl = lx === ly ? 0 : compareBytes(sBytes, sOff[lx]!, sOff[lx + 1]!, sOff[ly]!, sOff[ly + 1]!);
    if (dl !== 0) return dl;
    const dx = domain[x]!;
    const dy = domain[y]!;
    return dx === dy ? x - y : compareBytes(sBytes, sOff[dx]!, sOff[dx + 1]!, sOff[dy]!, sOff[dy + 1]!) || x - y;
  });

  const entries = new Uint32Array(n * ENTRY_STRIDE);
  const cols = [rows.last.view(), rows.first.view(), rows.local.view(), rows.domain.view(), rows.profile.view(), rows.structure.view(), rows.ppId.view()];
  let personalCount = 0;
  for (let e = 0; e < n; e++) {
    const r = order[e]!;
    for (let c = 0; c < ENTRY_STRIDE; c++) entries[e * ENTRY_STRIDE + c] = cols[c]![r]!;
    personalCount += personal[r]!;
  }

  return { n, entries, personalCount, sortedKeys, keyRank, keyOfString };
}
type Ordered = ReturnType<typeof orderEntries>;

/** Phase 5: posting lists, entry ids ascending by construction (two passes: count, then fill). */
function postingLists({ n, entries }: Ordered, { T, strTokOff, strTokItems, profTok, structTok }: Tokens) {
  const postOff = new Uint32Array(T + 1);
  const seen = new Int32Array(T).fill(-1);
  const listOffs = [strTokOff, strTokOff, strTokOff, strTokOff, profTok.off, structTok.off];
  const listItems = [strTokItems, strTokItems, strTokItems, strTokItems, profTok.items, structTok.items];
  const pass = (target: Uint32Array, fill: Uint32Array | null): void => {
    seen.fill(-1);
    for (let e = 0; e < n; e++) {
      const base = e * ENTRY_STRIDE;
      for (let f = 0; f < 6; f++) {
        const off = listOffs[f]!;
        const items = listItems[f]!;
        const id = entries[base + f]!;
        const end = off[id + 1]!;
        for (let i = off[id]!; i < end; i++) {
          const t = items[i]!;
          if (seen[t] === e) continue;
          seen[t] = e;
          if (fill) target[fill[t]!++] = e;
          else target[t + 1]!++;
        }
      }
    }
  };
  pass(postOff, null);
  for (let t = 0; t < T; t++) postOff[t + 1]! += postOff[t]!;
  const postingsFull = new Uint32Array(postOff[T]!);
  pass(postingsFull, postOff.slice(0, T));

  return { postOff, postingsFull };
}

/** Phase 6: surname keys and their entry ranges in the personal and other blocks. */
function surnameRanges({ n, entries, personalCount, sortedKeys, keyRank, keyOfString }: Ordered) {
  const K = sortedKeys.length;
  const perStart = new Uint32Array(K + 1);
  const otherStart = new Uint32Array(K + 1);
  const rankOfEntry = (e: number): number => keyRank[keyOfString[entries[e * ENTRY_STRIDE]!]!]!;
  for (let k = 0, e = 0; k <= K; k++) {
    while (e < personalCount && rankOfEntry(e) < k) e++;
    perStart[k] = e;
  }
  for (let k = 0, e = personalCount; k <= K; k++) {
    while (e < n && rankOfEntry(e) < k) e++;
    otherStart[k] = e;
  }

  return { perStart, otherStart };
}

/** Dense prefixes stored whole (densePrefixSets): at most this many letters… */
export const DENSE_PREFIX_MAX_LENGTH = 3;
/** …and held by at least this share of the entries (counted in postings, an upper bound). */
export const DENSE_PREFIX_SHARE = 1 / 32;
/** Below this many entries every prefix is cheap to read from its postings: none is stored. */
export const DENSE_PREFIX_MIN_ENTRIES = 4096;

/**
 * Phase 7: the entry sets of the common short prefixes ("m", "le", "inf"), one bitmap each (one
 * bit per entry), with their token ranges. Typed at every keystroke, such a word otherwise costs
 * its millions of postings to mark at each first use (search.ts, markWhole); stored, a query of
 * five of them is five word ANDs per 32 entries. Each bitmap is n/8 bytes, no more than its own
 * postings at that share; prefixes are those of at most DENSE_PREFIX_MAX_LENGTH letters, so there
 * are at most DENSE_PREFIX_MAX_LENGTH × (postings / n) / DENSE_PREFIX_SHARE of them (about 200 on
 * the bench's data: 25 MB at a million entries). Linear in the tokens and their postings.
 * Not for the first names alone (rule 5's lists): tried, a stored first-name bitmap made the
 * searches of forEachInBlocks start from it where reading the postings was cheaper, and queries
 * such as "medecin Léa Fée sain" went from 1.2 to 1.7 ms on a million entries.
 */
function densePrefixSets({ n }: Ordered, { sortedTokens, T }: Tokens, { postOff, postingsFull }: ReturnType<typeof postingLists>) {
  const words = (n >>> 5) + 1;
  const ranges: number[] = [];
  if (n >= DENSE_PREFIX_MIN_ENTRIES) {
    const threshold = n * DENSE_PREFIX_SHARE;
    const seen = new Set<string>();
    for (let len = 1; len <= DENSE_PREFIX_MAX_LENGTH; len++) {
      // Sorted tokens: those sharing their first `len` letters are one contiguous range.
      for (let lo = 0; lo < T; ) {
        const t = sortedTokens[lo]!;
        if (t.length < len || t.startsWith(GENERIC_MARK)) {
          lo++;
          continue;
        }
        const prefix = t.slice(0, len);
        let hi = lo + 1;
        while (hi < T && sortedTokens[hi]!.startsWith(prefix)) hi++;
        // A shorter prefix with the very same tokens is the same set: stored once.
        if (postOff[hi]! - postOff[lo]! >= threshold && !seen.has(`${lo},${hi}`)) {
          seen.add(`${lo},${hi}`);
          ranges.push(lo, hi);
        }
        lo = hi;
      }
    }
  }
  // Sorted by range, for the binary search of search.ts.
  const order = Array.from({ length: ranges.length / 2 }, (_, i) => i).sort((x, y) => ranges[2 * x]! - ranges[2 * y]! || ranges[2 * x + 1]! - ranges[2 * y + 1]!);
  const prefixRanges = new Uint32Array(ranges.length);
  const prefixBits = new Uint32Array(order.length * words);
  order.forEach((r, i) => {
    const lo = ranges[2 * r]!;
    const hi = ranges[2 * r + 1]!;
    prefixRanges[2 * i] = lo;
    prefixRanges[2 * i + 1] = hi;
    const bits = prefixBits.subarray(i * words, (i + 1) * words);
    for (let p = postOff[lo]!; p < postOff[hi]!; p++) {
      const id = postingsFull[p]!;
      bits[id >>> 5]! |= 1 << (id & 31);
    }
  });
  return { prefixRanges, prefixBits };
}

/** Phase 8: one shown spelling per place (city-spelling.ts). */
function shownCities({ structureTuples, decode }: Tokens): Uint32Array {
  const count = structureTuples.length / STRUCTURE_STRIDE;
  const cities = new Uint32Array(count);
  for (let i = 0; i < count; i++) cities[i] = structureTuples[i * STRUCTURE_STRIDE + 2]!;
  return citySpellings(cities, decode);
}

/** Phase 9: the sections, packed with the manifest. */
function pack(
  { raw, sourceName, encoding, importedAt, stats }: { raw: Uint8Array; sourceName: string; encoding: Encoding; importedAt: string; stats: ImportStats },
  { strings }: Rows,
  { sBytes, sOff, sCount, sortedTokens, strTokOff, strTokItems, T, profileTuples, structureTuples, profTok, structTok }: Tokens,
  { n, entries, personalCount, sortedKeys }: Ordered,
  { postOff, postingsFull }: ReturnType<typeof postingLists>,
  { perStart, otherStart }: ReturnType<typeof surnameRanges>,
  { prefixRanges, prefixBits }: ReturnType<typeof densePrefixSets>,
  cityShown: Uint32Array,
): BuiltIndex {
  const encoder = new TextEncoder();
  const joinAscii = (list: string[]): { bytes: Uint8Array; off: Uint32Array } => {
    const off = new Uint32Array(list.length + 1);
    let total = 0;
    list.forEach((s, i) => (off[i + 1] = total += s.length));
    const bytes = new Uint8Array(total);
    list.forEach((s, i) => encoder.encodeInto(s, bytes.subarray(off[i]!)));
    return { bytes, off };
  };
  const tok = joinAscii(sortedTokens);
  const keys = joinAscii(sortedKeys);

  const manifest: DirectoryManifest = {
    formatVersion: FORMAT_VERSION,
    source: sourceName,
    sourceBytes: raw.length,
    encoding,
    importedAt,
    rows: stats,
    entries: n,
    personalEntries: personalCount,
    tokens: T,
    postings: postingsFull.length,
  };
  const data = packSections(manifest, {
    entries,
    strBytes: sBytes.subarray(0, strings.used),
    strOff: sOff.subarray(0, sCount + 1),
    strTokOff,
    strTokItems,
    profiles: profileTuples,
    profTokOff: profTok.off,
    profTokItems: profTok.items,
    structures: structureTuples,
    structTokOff: structTok.off,
    structTokItems: structTok.items,
    tokBytes: tok.bytes,
    tokOff: tok.off,
    postOff,
    postings: postingsFull,
    keyBytes: keys.bytes,
    keyOff: keys.off,
    perStart,
    otherStart,
    prefixRanges,
    prefixBits,
    cityShown,
  });
  return { data, manifest };
}
