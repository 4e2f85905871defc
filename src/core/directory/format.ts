// The persisted index: one byte array, loaded without parsing (typed-array views on the bytes).
//   "MSSDIRIX" | u32 LE header length | header JSON (manifest + section table) | sections, 8-aligned
// The same bytes go to a file (CLI) or to IndexedDB (add-on).
import { msg, type Text } from "../i18n.ts";
import { DirectoryImportError } from "./extraction.ts";

export const FORMAT_NAME = "mssante-directory-index";
export const FORMAT_VERSION = 1;
const MAGIC = "MSSDIRIX";

export type SectionArray = Uint8Array | Uint32Array;

interface SectionEntry {
  name: string;
  type: "u8" | "u32";
  offset: number;
  length: number;
}

interface ContainerHeader<M> {
  format: string;
  formatVersion: number;
  manifest: M;
  sections: SectionEntry[];
}

const align8 = (n: number): number => (n + 7) & ~7;

export function packSections<M>(manifest: M, sections: Record<string, SectionArray>): Uint8Array {
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(sections)) {
    entries.push({ name, type: arr instanceof Uint32Array ? "u32" : "u8", offset, length: arr.length });
    offset = align8(offset + arr.byteLength);
  }
  const header: ContainerHeader<M> = { format: FORMAT_NAME, formatVersion: FORMAT_VERSION, manifest, sections: entries };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align8(MAGIC.length + 4 + json.length);
  const out = new Uint8Array(base + offset);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  for (const e of entries) {
    const arr = sections[e.name]!;
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), base + e.offset);
  }
  return out;
}

function corrupt(detail: Text): DirectoryImportError {
  return new DirectoryImportError("binary", msg("dirIndexUnreadable", detail));
}

/** Views on the sections; copies the bytes once only if they are not 4-byte aligned. */
export function unpackSections<M>(data: Uint8Array | ArrayBuffer): { manifest: M; sections: Map<string, SectionArray> } {
  let bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  if (bytes.length < MAGIC.length + 4) throw corrupt(msg("dirIndexTooShort"));
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) throw corrupt(msg("dirIndexNoMagic"));
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + jsonLength > bytes.length) throw corrupt(msg("dirIndexHeaderCut"));
  let header: ContainerHeader<M>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + jsonLength)));
  } catch {
    throw corrupt(msg("dirIndexHeaderUnreadable"));
  }
  if (header.format !== FORMAT_NAME || header.formatVersion !== FORMAT_VERSION) {
    throw corrupt(msg("dirIndexUnknownFormat", String(header.format), String(header.formatVersion)));
  }
  const base = align8(MAGIC.length + 4 + jsonLength);
  const sections = new Map<string, SectionArray>();
  for (const e of header.sections) {
    const size = e.type === "u32" ? e.length * 4 : e.length;
    const at = bytes.byteOffset + base + e.offset;
    if (base + e.offset + size > bytes.length) throw corrupt(msg("dirIndexSectionCut", e.name));
    sections.set(e.name, e.type === "u32" ? new Uint32Array(bytes.buffer, at, e.length) : new Uint8Array(bytes.buffer, at, e.length));
  }
  return { manifest: header.manifest, sections };
}
