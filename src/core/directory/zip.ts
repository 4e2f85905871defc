// The ANS ZIP, read without trusting it. The archive is only a wrapper around one text file, so
// everything a hostile archive could use is refused rather than handled: several candidate
// files, nested archives, encryption, exotic compression, ZIP64, paths leaving the folder.
// Nothing is ever written to disk here: an entry's name is only used, sanitized, as a label.
//
// Decompression is streamed (fflate's Inflate, small input chunks) into a buffer of the declared
// size, checked as it grows: a bomb is stopped after a few megabytes instead of being inflated
// whole, and an archive whose real content disagrees with its directory is refused.
import { Inflate } from "fflate";
import { msg, quotedList, type Param, type Text } from "../i18n.ts";
import { DirectoryImportError } from "./extraction.ts";

export interface ExtractionLimits {
  /** Largest extraction accepted, uncompressed. */
  maxBytes: number;
  /** Largest uncompressed / compressed ratio accepted once past `RATIO_FLOOR`. */
  maxRatio: number;
}

const MiB = 1024 * 1024;

/**
 * The real extraction is ~90 MB (535,000 rows) and indexing takes ~3.5× its size in memory:
 * 512 MiB leaves room for years of growth while keeping a hostile file from exhausting memory.
 */
export const MAX_EXTRACTION_BYTES = 512 * MiB;
/** The real ZIP compresses ~4.5×; text rarely beats 20×; DEFLATE bombs reach 1000×. */
export const MAX_COMPRESSION_RATIO = 50;
/** Below this, a file is too small to hurt, however repetitive (small test archives are). */
export const RATIO_FLOOR = 8 * MiB;
/**
 * Compressed bytes given to the inflater at a time: DEFLATE expands at most ~1032×, so a push
 * yields at most ~17 MB (~65 MB with the inflater's own buffers), which bounds the memory used
 * before a bomb is noticed. Smaller chunks cost time: 8 KiB made the 90 MB import 0.7 s slower.
 */
const INFLATE_CHUNK = 16 * 1024;

export const DEFAULT_LIMITS: ExtractionLimits = { maxBytes: MAX_EXTRACTION_BYTES, maxRatio: MAX_COMPRESSION_RATIO };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An archive without any file starts directly with its end record. */
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EXTRACTION_NAME = /Extraction_Correspondance_MSSante[^/\\]*\.txt$/i;

export function isZip(raw: Uint8Array): boolean {
  return raw.length >= 4 && (ZIP_MAGIC.every((m, i) => raw[i] === m) || EMPTY_ZIP_MAGIC.every((m, i) => raw[i] === m));
}

/** "1,5 Mo" / "1.5 MB": the number and unit from _locales (key sizeMegabytes, decimal separator sizeDecimal). */
export function formatMegabytes(n: number): Text {
  const [whole, decimals] = (n / MiB).toFixed(n < 10 * MiB ? 1 : 0).split(".");
  return decimals === undefined ? msg("sizeMegabytes", whole!) : msg("sizeMegabytesDecimal", whole!, decimals);
}

/** `what`: dirTheFile, or dirTheArchiveFile with the file's name. */
export function tooLargeError(bytes: number, limit: number, what: Param = msg("dirTheFile")): DirectoryImportError {
  return new DirectoryImportError("tooLarge", msg("dirTooLarge", what, formatMegabytes(bytes), formatMegabytes(limit)));
}

function unreadable(detail: Text): DirectoryImportError {
  return new DirectoryImportError("zip", msg("dirZipUnreadable", detail));
}

function bombError(ratio: number, limit: number): DirectoryImportError {
  return new DirectoryImportError("tooLarge", msg("dirZipBomb", String(Math.round(ratio)), String(limit)));
}

/** A name as shown to the user: no control characters (terminal escapes), bounded length. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

/** A name that would leave the target folder, or fool a terminal, if anyone ever extracted it. */
function unsafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return true;
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((part) => part === "..");
}

function baseName(name: string): string {
  return name.split(/[/\\]/).pop()!;
}

export interface CentralEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function findEndOfCentralDirectory(b: Uint8Array, view: DataView): number {
  // The record is 22 bytes followed by a comment of at most 65,535 bytes: look no further back.
  const last = b.length - 22;
  for (let p = last; p >= 0 && p >= last - 0xffff; p--) {
    if (b[p] === 0x50 && b[p + 1] === 0x4b && view.getUint32(p, true) === EOCD_SIG && p + 22 + view.getUint16(p + 20, true) <= b.length) return p;
  }
  return -1;
}

/** How a reader refuses what the central directory shows (each reader has its own error type and words). */
export interface ZipListRefusal {
  corrupt(detail: Text): Error;
  zip64(): Error;
  multiVolume(): Error;
  tooMany(count: number): Error;
}

/**
 * The archive's central directory, entry by entry, without inflating anything: shared by the
 * directory and XDM readers. Linear in the directory's size; at most `maxEntries` entries.
 */
export function readCentralDirectory(b: Uint8Array, refuse: ZipListRefusal, maxEntries = Number.POSITIVE_INFINITY): CentralEntry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const eocd = findEndOfCentralDirectory(b, view);
  if (eocd < 0) throw refuse.corrupt(msg("zipEndNotFound"));
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const onDisk = view.getUint16(eocd + 8, true);
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw refuse.zip64();
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw refuse.multiVolume();
  if (total > maxEntries) throw refuse.tooMany(total);
  if (cdOffset + cdSize > eocd) throw refuse.corrupt(msg("zipCentralOutside"));
  const names = new TextDecoder("utf-8");
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== CENTRAL_SIG) throw refuse.corrupt(msg("zipCentralCorrupt"));
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw refuse.corrupt(msg("zipCentralCorrupt"));
    const nameBytes = b.subarray(p + 46, p + 46 + nameLength);
    entries.push({
      name: names.decode(nameBytes),
      nameBytes,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p = next;
  }
  return entries;
}

const DIRECTORY_LIST_REFUSAL: ZipListRefusal = {
  corrupt: unreadable,
  zip64: () => new DirectoryImportError("zip", msg("dirZip64")),
  multiVolume: () => new DirectoryImportError("zip", msg("dirZipMultiVolume")),
  tooMany: (count) => unreadable(msg("zipTooManyAnnounced", String(count))),
};

function chooseEntry(entries: CentralEntry[]): CentralEntry {
  const unsafe = entries.find((e) => unsafeName(e.name));
  if (unsafe) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipUnsafePath", displayName(unsafe.name)),
    );
  }
  const files = entries.filter((e) => !e.name.endsWith("/"));
  const matching = files.filter((e) => EXTRACTION_NAME.test(baseName(e.name)));
  if (matching.length > 1) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipSeveral", matching.map((e) => displayName(e.name)).join(", ")),
    );
  }
  if (matching.length === 1) return matching[0]!;
  const texts = files.filter((e) => /\.txt$/i.test(e.name));
  if (texts.length === 1) return texts[0]!;
  const archives = files.filter((e) => /\.(zip|gz|7z|rar|tar|tgz|bz2|xz)$/i.test(e.name));
  if (texts.length === 0 && archives.length > 0) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipNested", displayName(archives[0]!.name)),
    );
  }
  const first = quotedList(files.slice(0, 5).map((e) => displayName(e.name)));
  const listed = files.length > 5 ? msg("textEllipsis", first) : first;
  throw new DirectoryImportError("zip", files.length > 0 ? msg("dirZipNoExtraction", listed) : msg("dirZipEmpty"));
}

/** Slicing-by-8 tables: a byte-at-a-time CRC would add ~0.4 s to the 90 MB import. */
let crcTables: Int32Array | null = null;
export function crc32(b: Uint8Array): number {
  if (!crcTables) {
    crcTables = new Int32Array(256 * 8);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTables[n] = c;
    }
    for (let n = 0; n < 256; n++) {
      for (let k = 1; k < 8; k++) crcTables[k * 256 + n] = crcTables[(k - 1) * 256 + n]! >>> 8 ^ crcTables[crcTables[(k - 1) * 256 + n]! & 0xff]!;
    }
  }
  const t = crcTables;
  let c = -1;
  let i = 0;
  const n8 = b.length - (b.length % 8);
  for (; i < n8; i += 8) {
    const lo = c ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^ t[1536 + ((lo >>> 8) & 0xff)]! ^ t[1280 + ((lo >>> 16) & 0xff)]! ^ t[1024 + (lo >>> 24)]! ^
      t[768 + b[i + 4]!]! ^ t[512 + b[i + 5]!]! ^ t[256 + b[i + 6]!]! ^ t[b[i + 7]!]!;
  }
  for (; i < b.length; i++) c = t[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** How a reader refuses what the bounded inflation finds (each reader has its own error type and words). */
export interface InflateRefusal {
  bomb(ratio: number): Error;
  corrupt(detail: Text): Error;
}

/**
 * Inflates `input` into exactly `size` bytes, in 16 KiB steps, refusing as soon as the output
 * disagrees with the announced size or balloons past `maxRatio` (checked once `ratioFloor` bytes
 * came out; past the announced size, from `overflowFloor`). Shared by the directory and XDM
 * readers. Linear in input + size; memory: the `size` bytes announced, never more.
 */
export function inflateBounded(input: Uint8Array, size: number, bounds: { maxRatio: number; ratioFloor: number; overflowFloor: number }, refuse: InflateRefusal): Uint8Array {
  const out = new Uint8Array(size);
  let produced = 0;
  let consumed = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (produced + chunk.length > size) {
      overflow = true;
      return;
    }
    out.set(chunk, produced);
    produced += chunk.length;
  });
  while (consumed < input.length || input.length === 0) {
    const end = Math.min(consumed + INFLATE_CHUNK, input.length);
    try {
      inflater.push(input.subarray(consumed, end), end === input.length);
    } catch {
      throw refuse.corrupt(msg("zipDataCorrupt"));
    }
    consumed = end;
    // The archive lied about the size: a bomb declaring a plausible size lands here.
    if (overflow) {
      if (size >= bounds.overflowFloor && (size + 1) / Math.max(consumed, 1) > bounds.maxRatio) throw refuse.bomb((size + 1) / Math.max(consumed, 1));
      throw refuse.corrupt(msg("zipLonger"));
    }
    if (produced > bounds.ratioFloor && produced / consumed > bounds.maxRatio) throw refuse.bomb(produced / consumed);
    if (input.length === 0) break;
  }
  if (produced !== size) throw refuse.corrupt(msg("zipSizeDiffers", String(produced), String(size)));
  return out;
}

/** The extraction text inside the ANS ZIP: one entry, read within `limits`, checked against its CRC. */
export function readExtractionZip(raw: Uint8Array, limits: ExtractionLimits = DEFAULT_LIMITS): { bytes: Uint8Array; entryName: string } {
  const entries = readCentralDirectory(raw, DIRECTORY_LIST_REFUSAL);
  const entry = chooseEntry(entries);
  const shown = displayName(entry.name);
  if (entry.flags & 0x41 || entry.method === 99) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipEncrypted", shown),
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipMethod", shown, String(entry.method)),
    );
  }
  if (entry.size > limits.maxBytes) throw tooLargeError(entry.size, limits.maxBytes, msg("dirTheArchiveFile", shown));
  if (entry.size >= RATIO_FLOOR && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
    throw bombError(entry.size / Math.max(1, entry.compressedSize), limits.maxRatio);
  }

  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const at = entry.localOffset;
  if (at + 30 > raw.length || view.getUint32(at, true) !== LOCAL_SIG) throw unreadable(msg("zipLocalHeaderNotFound"));
  const localNameLength = view.getUint16(at + 26, true);
  const dataStart = at + 30 + localNameLength + view.getUint16(at + 28, true);
  const localName = raw.subarray(at + 30, at + 30 + localNameLength);
  // A local name other than the directory's is how archives show different files to different tools.
  if (localName.length !== entry.nameBytes.length || localName.some((c, i) => c !== entry.nameBytes[i])) {
    throw unreadable(msg("zipNamesDiffer"));
  }
  if (dataStart + entry.compressedSize > raw.length) throw unreadable(msg("zipTruncated"));
  const compressed = raw.subarray(dataStart, dataStart + entry.compressedSize);

  let bytes: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw unreadable(msg("zipSizesDiffer"));
    bytes = compressed;
  } else {
    bytes = inflateBounded(compressed, entry.size, { maxRatio: limits.maxRatio, ratioFloor: RATIO_FLOOR, overflowFloor: RATIO_FLOOR }, { bomb: (r) => bombError(r, limits.maxRatio), corrupt: unreadable });
  }
  if (crc32(bytes) !== entry.crc) throw unreadable(msg("zipBadCrc"));
  if (isZip(bytes)) {
    throw new DirectoryImportError(
      "zip",
      msg("dirZipInnerZip", shown),
    );
  }
  return { bytes, entryName: baseName(entry.name) };
}
