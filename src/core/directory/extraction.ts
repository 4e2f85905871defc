// The "Extraction_Correspondance_MSSante" file: checks (encoding, binary data, header, column
// counts, truncation) and a row walker over UTF-8 bytes. Works on bytes, not strings, so an 89 MB
// file never becomes a 180 MB JavaScript string; only the distinct values are ever decoded.
//
// Cost bound, whatever the bytes (adversarial ones included): O(n) time for a file of n bytes.
// prepareText reads each byte a bounded number of times (BOM and UTF-16 sniffing on a fixed
// prefix, one validation scan, at most one count of undefined bytes and one transcoding pass of
// ≤ 3 output bytes per input byte); readHeader decodes the first line once and looks each of the
// 13 roles up once; forEachRow moves forward only: each byte is visited by one indexOf, one
// column split and at most one trim step, and column offsets beyond the expected count are not
// stored. Extra memory is O(n) (the transcoded copy) plus O(columns). No backtracking, no regex
// over the data, no per-row allocation. test/unit/directory-properties.test.ts checks it.
import { msg, quotedList, render, type Text } from "../i18n.ts";
import { columnKey } from "./normalize.ts";

export type ImportErrorCode =
  | "empty"
  | "binary"
  | "badHeader"
  | "columnCount"
  | "truncated"
  | "noEntries"
  | "implausibleShrink"
  | "zip"
  | "tooLarge"
  | "encoding";

/** A file refused as a whole; `message` is French and says what to do. */
/** A refused file: `code` says why, `text` says it (a _locales key and parameters; `message` is its French words). */
export class DirectoryImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly text: Text,
  ) {
    super(render(text));
    this.name = "DirectoryImportError";
  }
}

/** The official header, in the published order (the file is read by name, not by position). */
export const OFFICIAL_COLUMNS = [
  "Type de BAL", "Adresse BAL", "Type Identifiant PP", "Identifiant PP", "Identification nationale PP",
  "Type identifiant structure", "Identification Structure", "Service de rattachement", "Civilité d'exercice",
  "Nom d'exercice", "Prénom d'exercice", "Catégorie profession", "Libellé de catégorie profession",
  "Code Profession", "Libellé Profession", "Code savoir-faire", "Libellé savoir-faire", "Dématérialisation",
  "Raison Sociale structure BAL", "Enseigne commerciale structure BAL", "L2COMPLEMENTLOCALISATION structure BAL",
  "L3COMPLEMENTDISTRIBUTION structure BAL", "L4NUMEROVOIE structure BAL", "L4COMPLEMENTNUMEROVOIE structure BAL",
  "NL4TYPEVOIE structure BAL", "L4LIBELLEVOIE structure BAL", "L5LIEUDITMENTION structure BAL",
  "L6LIGNEACHEMINEMENT structure BAL", "Code postal structure BAL", "Département structure BAL", "Pays structure BAL",
] as const;

/** The columns we read, by role. */
export const COLUMNS = {
  type: "Type de BAL",
  email: "Adresse BAL",
  ppId: "Identification nationale PP",
  service: "Service de rattachement",
  civility: "Civilité d'exercice",
  lastName: "Nom d'exercice",
  firstName: "Prénom d'exercice",
  profession: "Libellé Profession",
  specialty: "Libellé savoir-faire",
  organisation: "Raison Sociale structure BAL",
  tradeName: "Enseigne commerciale structure BAL",
  routing: "L6LIGNEACHEMINEMENT structure BAL",
  postalCode: "Code postal structure BAL",
} as const;
export type ColumnRole = keyof typeof COLUMNS;
export const COLUMN_ROLES = Object.keys(COLUMNS) as ColumnRole[];

/** Without these a row means nothing to the search: the file is refused. */
const REQUIRED_ROLES: readonly ColumnRole[] = [
  "type", "email", "lastName", "firstName", "profession", "specialty", "organisation", "routing", "postalCode",
];

export type Encoding = "utf-8" | "windows-1252";

export interface PreparedText {
  /** UTF-8, BOM removed. */
  bytes: Uint8Array;
  encoding: Encoding;
}

const LF = 10;
const CR = 13;
const PIPE = 124;
const SPACE = 32;
const TAB = 9;

interface ByteScan {
  nulAt: number;
  controls: number;
  /**
   * Well-formed multi-byte UTF-8 sequences of characters French text uses (U+0080–U+017F:
   * accents, œ, Ÿ; U+2000–U+20BF: ’, «, €): evidence for UTF-8. Windows-1252 text forms valid
   * sequences by chance ("Üœ" is U+071C), but in those ranges only as mojibake ("Ã©", "â€™").
   */
  utf8Sequences: number;
  /** Bytes that are not part of well-formed UTF-8: evidence for a one-byte encoding. */
  utf8Errors: number;
  utf8ErrorAt: number;
  /** The only UTF-8 error is a sequence cut by the end of the file. */
  utf8CutAtEnd: boolean;
}

function scanBytes(b: Uint8Array): ByteScan {
  const n = b.length;
  let controls = 0;
  let sequences = 0;
  let errors = 0;
  let utf8ErrorAt = -1;
  let cutAt = -1;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c < 0x20) {
        if (c === 0) return { nulAt: i, controls, utf8Sequences: sequences, utf8Errors: errors, utf8ErrorAt, utf8CutAtEnd: false };
        if (c !== TAB && c !== LF && c !== CR) controls++;
      } else if (c === 0x7f) controls++;
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else need = -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      if (i + k >= n) {
        ok = false;
        cutAt = i;
        break;
      }
      const cc = b[i + k]!;
      if (k === 1 ? cc < lo || cc > hi : cc < 0x80 || cc > 0xbf) ok = false;
    }
    if (ok) {
      if ((need === 1 && c <= 0xc5) || (need === 2 && c === 0xe2 && b[i + 1]! <= 0x82)) sequences++;
      i += need + 1;
    } else {
      // One byte at a time: the bytes after a bad lead byte are judged on their own.
      if (utf8ErrorAt < 0) utf8ErrorAt = i;
      errors++;
      i++;
    }
  }
  return { nulAt: -1, controls, utf8Sequences: sequences, utf8Errors: errors, utf8ErrorAt, utf8CutAtEnd: cutAt >= 0 && utf8ErrorAt === cutAt };
}

/** 1-based number of the line holding byte `at` (lines end with LF, or with CR in CR-only files). */
function lineOf(b: Uint8Array, at: number): number {
  const sep = b.indexOf(LF) >= 0 ? LF : CR;
  let line = 1;
  for (let i = b.indexOf(sep); i >= 0 && i < at; i = b.indexOf(sep, i + 1)) line++;
  return line;
}

/** UTF-16 (Excel's and Notepad's "Unicode"): by its BOM, or by the NUL bytes of its ASCII text. */
function looksUtf16(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  // ASCII-range text in UTF-16 has a NUL in nearly every other byte and almost none elsewhere.
  return (oddNul > half * 0.7 && evenNul < half * 0.1) || (evenNul > half * 0.7 && oddNul < half * 0.1);
}

/**
 * Windows-1252 0x80–0x9F (WHATWG index; undefined bytes keep their C1 code point). Written out
 * because Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1, turning "’", "œ" and "€"
 * into invisible control characters.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 byte → UTF-8 bytes. */
let cp1252Table: Uint8Array[] | null = null;
function cp1252ToUtf8Table(): Uint8Array[] {
  if (cp1252Table) return cp1252Table;
  const enc = new TextEncoder();
  cp1252Table = Array.from({ length: 256 }, (_, i) => enc.encode(String.fromCodePoint(i >= 0x80 && i < 0xa0 ? CP1252_HIGH[i - 0x80]! : i)));
  return cp1252Table;
}

/** Bytes Windows-1252 leaves undefined: text never holds them, binary data does. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function transcodeCp1252(b: Uint8Array): Uint8Array {
  const table = cp1252ToUtf8Table();
  let size = 0;
  for (let i = 0; i < b.length; i++) size += b[i]! < 0x80 ? 1 : table[b[i]!]!.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) out[o++] = c;
    else {
      const seq = table[c]!;
      out.set(seq, o);
      o += seq.length;
    }
  }
  return out;
}

function binaryError(detail: Text): DirectoryImportError {
  return new DirectoryImportError("binary", msg("dirImportBinary", detail));
}

/**
 * Refuses empty, binary and UTF-16 files; detects the encoding (UTF-8, else Windows-1252, the
 * encoding sibling ANS extractions have been seen in); strips a BOM. A file mixing both is
 * refused: decoding it either way would garble part of the names.
 */
export function prepareText(raw: Uint8Array): PreparedText {
  let bytes = raw;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (looksUtf16(bytes)) {
    throw new DirectoryImportError(
      "encoding",
      msg("dirImportUtf16"),
    );
  }
  if (bytes.length === 0 || bytes.every((c) => c === LF || c === CR || c === SPACE || c === TAB)) {
    throw new DirectoryImportError("empty", msg("dirImportEmpty"));
  }
  const scan = scanBytes(bytes);
  if (scan.nulAt >= 0) throw binaryError(msg("dirImportNulByte", String(scan.nulAt)));
  const maxControls = Math.max(16, Math.floor(bytes.length / 10000));
  if (scan.controls > maxControls) throw binaryError(msg("dirImportControls", String(scan.controls)));
  if (scan.utf8ErrorAt < 0) return { bytes, encoding: "utf-8" };
  if (scan.utf8CutAtEnd) {
    throw new DirectoryImportError(
      "truncated",
      msg("dirImportCutCharacter"),
    );
  }
  let undefinedBytes = 0;
  for (let i = 0; i < bytes.length; i++) if (CP1252_UNDEFINED.has(bytes[i]!)) undefinedBytes++;
  if (undefinedBytes > maxControls) throw binaryError(msg("dirImportInvalidBytes", String(undefinedBytes)));
  // Windows-1252 text almost never holds "Ã©"-like sequences: a handful among many errors is
  // chance, more is a UTF-8 file with foreign or corrupt lines.
  if (scan.utf8Sequences * 100 < scan.utf8Errors) return { bytes: transcodeCp1252(bytes), encoding: "windows-1252" };
  throw new DirectoryImportError(
    "encoding",
    msg("dirImportMixedEncoding", String(scan.utf8Sequences), String(lineOf(bytes, scan.utf8ErrorAt)), String(scan.utf8Errors)),
  );
}

export interface Layout {
  /** Number of columns every row must have. */
  columnCount: number;
  /** Column index of each role, -1 when the column is absent. */
  column: Record<ColumnRole, number>;
  /** Byte offset of the first data line. */
  dataStart: number;
  /**
   * What ends a line, decided by the header's own end: LF (a CR before it is dropped), or CR
   * alone (old Mac convention; an LF after it is dropped). The other character, alone inside a
   * line, is data: splitting on both would turn one stray CR in a field into a refused file.
   */
  eol: typeof LF | typeof CR;
}

/** End of the line starting at `from` (its terminator's offset, or the file's length). */
function lineEnd(b: Uint8Array, from: number, eol: number): number {
  const i = b.indexOf(eol, from);
  return i < 0 ? b.length : i;
}

/** The header's line terminator; LF when the file has a single line. */
function detectEol(b: Uint8Array): typeof LF | typeof CR {
  const lf = b.indexOf(LF);
  const cr = lf < 0 ? b.indexOf(CR) : b.subarray(0, lf).indexOf(CR);
  if (cr < 0) return LF;
  // "\r\n" ends the header: CRLF, read as LF. A CR before the header's end: CR-only lines.
  return cr === lf - 1 ? LF : CR;
}

const SEPARATORS: [number, Text][] = [
  [59, msg("dirSeparatorSemicolon")],
  [9, msg("dirSeparatorTab")],
  [44, msg("dirSeparatorComma")],
];

/** Reads the header line by column name; refuses a file whose header lacks the columns we need. */
export function readHeader(b: Uint8Array): Layout {
  const eol = detectEol(b);
  const end = lineEnd(b, 0, eol);
  const stop = eol === LF && end > 0 && b[end - 1] === CR ? end - 1 : end;
  const headerBytes = b.subarray(0, stop);
  const header = new TextDecoder().decode(headerBytes);
  const names = header.split("|").map((n) => n.trim());
  // Some extractions end every line with "|": an empty last name is that, not a column.
  if (names.length > 1 && names[names.length - 1] === "") names.pop();
  const keys = names.map(columnKey);
  const column = {} as Record<ColumnRole, number>;
  for (const role of COLUMN_ROLES) column[role] = keys.indexOf(columnKey(COLUMNS[role]));
  const missing = REQUIRED_ROLES.filter((r) => column[r] < 0).map((r) => COLUMNS[r]);
  const missingList = quotedList(missing);
  const shown = displayHeader(header);
  if (missing.length > 0) {
    if (names.length === 1) {
      const other = SEPARATORS.find(([c]) => headerBytes.filter((x) => x === c).length >= 10);
      if (other) {
        throw new DirectoryImportError(
          "badHeader",
          msg("dirImportSeparator", other[1], shown),
        );
      }
    }
    if (end === b.length && missing.length < REQUIRED_ROLES.length) {
      throw new DirectoryImportError(
        "truncated",
        msg(missing.length > 1 ? "dirImportHeaderCutMany" : "dirImportHeaderCutOne", missingList),
      );
    }
    throw new DirectoryImportError(
      "badHeader",
      msg(missing.length > 1 ? "dirImportColumnsMissing" : "dirImportColumnMissing", missingList, shown),
    );
  }
  // Two columns of the same name: which one holds the data is anyone's guess.
  for (const role of COLUMN_ROLES) {
    const i = column[role];
    if (i >= 0 && keys.indexOf(keys[i]!, i + 1) >= 0) {
      throw new DirectoryImportError(
        "badHeader",
        msg("dirImportColumnTwice", COLUMNS[role]),
      );
    }
  }
  const next = end < b.length ? end + 1 + (eol === CR && b[end + 1] === LF ? 1 : 0) : b.length;
  return { columnCount: names.length, column, dataStart: next, eol };
}

function displayHeader(header: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = header.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

/**
 * Calls `onRow` for every non-empty data line with the trimmed byte range of each column
 * (`start[i]`, `end[i]`). Refuses the whole file at the first line whose column count is wrong,
 * calling a last line without end of line "truncated".
 */
export function forEachRow(
  b: Uint8Array,
  layout: Layout,
  onRow: (start: Int32Array, end: Int32Array) => void,
): { rows: number } {
  const expected = layout.columnCount;
  const sep = layout.eol;
  const start = new Int32Array(expected + 1);
  const end = new Int32Array(expected + 1);
  let pos = layout.dataStart;
  let line = 1;
  let rows = 0;
  const n = b.length;
  while (pos < n) {
    line++;
    let eol = b.indexOf(sep, pos);
    const complete = eol >= 0;
    if (!complete) eol = n;
    const stop = sep === LF && eol > pos && b[eol - 1] === CR ? eol - 1 : eol;
    const next = sep === CR && b[eol + 1] === LF ? eol + 2 : eol + 1;
    if (stop === pos) {
      pos = next;
      continue;
    }
    let col = 0;
    let fieldStart = pos;
    let i = pos;
    for (; i < stop; i++) {
      if (b[i] === PIPE) {
        if (col < expected + 1) {
          start[col] = fieldStart;
          end[col] = i;
        }
        col++;
        fieldStart = i + 1;
      }
    }
    if (col < expected + 1) {
      start[col] = fieldStart;
      end[col] = stop;
    }
    col++;
    // A trailing "|" (empty extra last field) is tolerated, as in the header.
    const ok = col === expected || (col === expected + 1 && start[expected] === end[expected]);
    if (!ok) {
      const columns = msg(col > 1 ? "dirImportColumnsCount" : "dirImportColumnCount", String(col), String(expected));
      // The other line terminator inside the line: lines were joined, not cut.
      const other = b.subarray(pos, stop).indexOf(sep === LF ? CR : LF);
      if (col > expected && other >= 0) {
        throw new DirectoryImportError(
          "columnCount",
          msg(sep === LF ? "dirImportMixedEolCr" : "dirImportMixedEolLf", String(line), columns),
        );
      }
      if (!complete) {
        throw new DirectoryImportError(
          "truncated",
          msg("dirImportLastLineCut", String(line), columns),
        );
      }
      throw new DirectoryImportError(
        "columnCount",
        msg("dirImportColumnCountWrong", String(line), columns),
      );
    }
    for (let c = 0; c < expected; c++) {
      let s = start[c]!;
      let e = end[c]!;
      while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
      while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
      start[c] = s;
      end[c] = e;
    }
    rows++;
    onRow(start, end);
    pos = next;
  }
  return { rows };
}
