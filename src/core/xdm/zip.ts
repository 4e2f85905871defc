// The XDM ZIP, read without trusting it. Unlike the directory import (one text file), an XDM holds
// several files, so this reader lists the archive once and inflates only the entries asked for
// (METADATA.XML, then the documents its URIs name), each within a size, a ratio and a running
// total. Same principles as src/core/directory/zip.ts (whose crc32 and displayName are reused):
// every name is checked before anything is read, nothing is ever written to disk, an entry whose
// bytes disagree with the directory is refused.
//
// Bounds: the end-record search looks at most 65,557 bytes back; the directory walk is linear in
// its size and stops at MAX_ENTRIES; inflation is streamed in 16 KiB pushes into a buffer of the
// declared size, so memory is at most the declared size plus one push's output (~17 MB).
import { msg, render, type Text } from "../i18n.ts";
import { crc32, displayName, inflateBounded, readCentralDirectory, type CentralEntry } from "../directory/zip.ts";

export { displayName };

export interface XdmZipLimits {
  /** Most entries listed (directories included). */
  maxEntries: number;
  /** Largest single entry inflated. */
  maxEntryBytes: number;
  /** Largest sum of the entries inflated from one archive. */
  maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio accepted once an entry is past `ratioFloor`. */
  maxRatio: number;
  ratioFloor: number;
}

const MiB = 1024 * 1024;

/**
 * A real XDM holds README.TXT, INDEX.HTM, METADATA.XML and a few documents: 1,000 entries is
 * far beyond any submission and still cheap to list. MSSanté operators cap a message at a few
 * tens of megabytes: 64 MiB per entry and 128 MiB in all cannot be a real XDM. CDA text
 * compresses ~10×, embedded PDFs (base64) ~1.3×; DEFLATE bombs reach 1000×: 100× past 1 MiB.
 */
export const DEFAULT_XDM_ZIP_LIMITS: XdmZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 128 * MiB,
  maxRatio: 100,
  ratioFloor: 1 * MiB,
};

const LOCAL_SIG = 0x04034b50;

export type ZipStatus =
  | "not-zip"
  | "zip-corrupt"
  | "zip64-unsupported"
  | "zip-too-many-entries"
  | "zip-unsafe-path"
  | "zip-encrypted"
  | "zip-unsupported-method"
  | "zip-too-large"
  | "zip-bomb";

/** `text`: a _locales key and parameters; `message` is its French words. */
export class XdmZipError extends Error {
  constructor(
    readonly status: ZipStatus,
    readonly text: Text,
  ) {
    super(render(text));
  }
}

/** An entry of the central directory (the directory reader's). */
export type ZipEntry = CentralEntry;

function corrupt(detail: Text): XdmZipError {
  return new XdmZipError("zip-corrupt", msg("xdmZipUnreadable", detail));
}

/** A name that would leave the extraction folder, or fool a terminal, if anyone extracted it. */
export function unsafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return true;
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((part) => part === "..");
}

export function isZipBytes(raw: Uint8Array): boolean {
  return raw.length >= 4 && raw[0] === 0x50 && raw[1] === 0x4b && ((raw[2] === 3 && raw[3] === 4) || (raw[2] === 5 && raw[3] === 6));
}

export class XdmZip {
  private total = 0;
  private readonly view: DataView;

  private constructor(
    private readonly raw: Uint8Array,
    readonly entries: ZipEntry[],
    private readonly limits: XdmZipLimits,
  ) {
    this.view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  }

  /** Lists the archive; throws XdmZipError when it is not one or any name is dangerous. */
  static open(raw: Uint8Array, limits: XdmZipLimits = DEFAULT_XDM_ZIP_LIMITS): XdmZip {
    if (!isZipBytes(raw)) throw new XdmZipError("not-zip", msg("xdmStatus_not_zip"));
    const entries = readCentralDirectory(
      raw,
      {
        corrupt,
        zip64: () => new XdmZipError("zip64-unsupported", msg("xdmZip64")),
        multiVolume: () => corrupt(msg("xdmZipMultiVolume")),
        tooMany: (count) =>
          new XdmZipError("zip-too-many-entries", msg("xdmZipTooMany", String(count), String(limits.maxEntries))),
      },
      limits.maxEntries,
    );
    const unsafe = entries.find((e) => unsafeName(e.name));
    if (unsafe) {
      throw new XdmZipError(
        "zip-unsafe-path",
        msg("xdmZipUnsafePath", displayName(unsafe.name)),
      );
    }
    // Two files under one name (or one that a case-insensitive or Windows file system makes the
    // same): which one an extraction keeps depends on the tool, so the document checked here need
    // not be the one the user opens. One pass over the names (a Set): linear.
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.name.endsWith("/") || e.name.endsWith("\\")) continue;
      const key = e.name.replace(/\\/g, "/").normalize("NFC").toLowerCase();
      if (seen.has(key)) throw corrupt(msg("xdmZipDuplicateName", displayName(e.name)));
      seen.add(key);
    }
    return new XdmZip(raw, entries, limits);
  }

  /** Files (not folders), in directory order. */
  files(): ZipEntry[] {
    return this.entries.filter((e) => !e.name.endsWith("/"));
  }

  /** The entry's bytes, checked against the directory and its CRC; throws XdmZipError. */
  read(entry: ZipEntry): Uint8Array {
    const shown = displayName(entry.name);
    const { limits, raw, view } = this;
    if (entry.flags & 0x41 || entry.method === 99) {
      throw new XdmZipError("zip-encrypted", msg("xdmZipEncrypted", shown));
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new XdmZipError("zip-unsupported-method", msg("xdmZipMethod", shown, String(entry.method)));
    }
    if (entry.size > limits.maxEntryBytes) {
      throw new XdmZipError("zip-too-large", msg("xdmZipEntryTooLarge", shown, String(entry.size), String(limits.maxEntryBytes)));
    }
    if (this.total + entry.size > limits.maxTotalBytes) {
      throw new XdmZipError("zip-too-large", msg("xdmZipTotalTooLarge", String(limits.maxTotalBytes)));
    }
    if (entry.size >= limits.ratioFloor && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) throw this.bomb(entry.size / Math.max(1, entry.compressedSize));
    const at = entry.localOffset;
    if (at + 30 > raw.length || view.getUint32(at, true) !== LOCAL_SIG) throw corrupt(msg("zipLocalHeaderNotFound"));
    const localNameLength = view.getUint16(at + 26, true);
    const dataStart = at + 30 + localNameLength + view.getUint16(at + 28, true);
    const localName = raw.subarray(at + 30, at + 30 + localNameLength);
    // A local name other than the directory's is how archives show different files to different tools.
    if (localName.length !== entry.nameBytes.length || localName.some((c, i) => c !== entry.nameBytes[i])) throw corrupt(msg("zipNamesDiffer"));
    if (dataStart + entry.compressedSize > raw.length) throw corrupt(msg("zipTruncated"));
    const compressed = raw.subarray(dataStart, dataStart + entry.compressedSize);
    let bytes: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw corrupt(msg("zipSizesDiffer"));
      bytes = compressed;
    } else bytes = this.inflate(compressed, entry.size);
    if (crc32(bytes) !== entry.crc) throw corrupt(msg("zipBadCrcFor", shown));
    this.total += entry.size;
    return bytes;
  }

  private bomb(ratio: number): XdmZipError {
    return new XdmZipError(
      "zip-bomb",
      msg("xdmZipBomb", String(Math.round(ratio)), String(this.limits.maxRatio)),
    );
  }

  private inflate(input: Uint8Array, size: number): Uint8Array {
    const { maxRatio, ratioFloor } = this.limits;
    return inflateBounded(input, size, { maxRatio, ratioFloor, overflowFloor: 0 }, { bomb: (r) => this.bomb(r), corrupt });
  }
}
