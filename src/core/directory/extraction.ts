// The "Extraction_Correspondance_MSSante" file: checks (encoding, binary data, header, column
// counts, truncation) and a row walker over UTF-8 bytes. Works on bytes, not strings, so an 89 MB
// file never becomes a 180 MB JavaScript string; only the distinct values are ever decoded.
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
  | "tooLarge";

/** A file refused as a whole; `message` is French and says what to do. */
export class DirectoryImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
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
  utf8ErrorAt: number;
  /** The only UTF-8 error is a sequence cut by the end of the file. */
  utf8CutAtEnd: boolean;
}

function scanBytes(b: Uint8Array): ByteScan {
  const n = b.length;
  let controls = 0;
  let utf8ErrorAt = -1;
  let utf8CutAtEnd = false;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c < 0x20) {
        if (c === 0) return { nulAt: i, controls, utf8ErrorAt, utf8CutAtEnd };
        if (c !== TAB && c !== LF && c !== CR) controls++;
      } else if (c === 0x7f) controls++;
      i++;
      continue;
    }
    if (utf8ErrorAt >= 0) {
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
    } else {
      utf8ErrorAt = i++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) {
        ok = false;
        utf8CutAtEnd = true;
        break;
      }
      const cc = b[i + k]!;
      if (k === 1 ? cc < lo || cc > hi : cc < 0x80 || cc > 0xbf) {
        ok = false;
        break;
      }
    }
    if (!ok) utf8ErrorAt = i++;
    else i += need + 1;
  }
  return { nulAt: -1, controls, utf8ErrorAt, utf8CutAtEnd: utf8CutAtEnd && utf8ErrorAt >= 0 };
}

/** Windows-1252 byte → UTF-8 bytes, built from the platform's own decoder. */
let cp1252Table: Uint8Array[] | null = null;
function cp1252ToUtf8Table(): Uint8Array[] {
  if (cp1252Table) return cp1252Table;
  const all = new Uint8Array(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const chars = new TextDecoder("windows-1252").decode(all);
  const enc = new TextEncoder();
  cp1252Table = Array.from(chars, (ch) => enc.encode(ch));
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

function binaryError(detail: string): DirectoryImportError {
  return new DirectoryImportError(
    "binary",
    `Le fichier contient des données binaires (${detail}) : ce n'est pas une extraction texte de l'Annuaire Santé, ou il est corrompu.`,
  );
}

/** Refuses empty and binary files; detects the encoding (UTF-8, else Windows-1252); strips a BOM. */
export function prepareText(raw: Uint8Array): PreparedText {
  let bytes = raw;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.length === 0 || bytes.every((c) => c === LF || c === CR || c === SPACE)) {
    throw new DirectoryImportError("empty", "Le fichier est vide : aucun en-tête ni aucune ligne.");
  }
  const scan = scanBytes(bytes);
  if (scan.nulAt >= 0) throw binaryError(`octet nul à la position ${scan.nulAt}`);
  const maxControls = Math.max(16, Math.floor(bytes.length / 10000));
  if (scan.controls > maxControls) throw binaryError(`${scan.controls} caractères de contrôle`);
  if (scan.utf8ErrorAt < 0) return { bytes, encoding: "utf-8" };
  if (scan.utf8CutAtEnd) {
    throw new DirectoryImportError(
      "truncated",
      "Le fichier semble tronqué : il s'arrête au milieu d'un caractère. Téléchargement interrompu ? Recommencer le téléchargement.",
    );
  }
  let undefinedBytes = 0;
  for (let i = 0; i < bytes.length; i++) if (CP1252_UNDEFINED.has(bytes[i]!)) undefinedBytes++;
  if (undefinedBytes > maxControls) throw binaryError(`${undefinedBytes} octets invalides en UTF-8 comme en Windows-1252`);
  return { bytes: transcodeCp1252(bytes), encoding: "windows-1252" };
}

export interface Layout {
  /** Number of columns every row must have. */
  columnCount: number;
  /** Column index of each role, -1 when the column is absent. */
  column: Record<ColumnRole, number>;
  /** Byte offset of the first data line. */
  dataStart: number;
}

function lineEnd(b: Uint8Array, from: number): number {
  const i = b.indexOf(LF, from);
  return i < 0 ? b.length : i;
}

/** Reads the header line by column name; refuses a file whose header lacks the columns we need. */
export function readHeader(b: Uint8Array): Layout {
  const end = lineEnd(b, 0);
  const stop = end > 0 && b[end - 1] === CR ? end - 1 : end;
  const header = new TextDecoder().decode(b.subarray(0, stop));
  const names = header.split("|").map((n) => n.trim());
  // Some extractions end every line with "|": an empty last name is that, not a column.
  if (names.length > 1 && names[names.length - 1] === "") names.pop();
  const keys = names.map(columnKey);
  const column = {} as Record<ColumnRole, number>;
  for (const role of COLUMN_ROLES) column[role] = keys.indexOf(columnKey(COLUMNS[role]));
  const missing = REQUIRED_ROLES.filter((r) => column[r] < 0).map((r) => `« ${COLUMNS[r]} »`);
  if (missing.length > 0) {
    const shown = header.length > 80 ? `${header.slice(0, 80)}…` : header;
    throw new DirectoryImportError(
      "badHeader",
      `En-tête invalide : colonne${missing.length > 1 ? "s" : ""} obligatoire${missing.length > 1 ? "s" : ""} absente${missing.length > 1 ? "s" : ""} : ${missing.join(", ")}. ` +
        `Ce fichier n'est pas une extraction Extraction_Correspondance_MSSante (première ligne : « ${shown} »).`,
    );
  }
  return { columnCount: names.length, column, dataStart: end < b.length ? end + 1 : b.length };
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
  const start = new Int32Array(expected + 1);
  const end = new Int32Array(expected + 1);
  let pos = layout.dataStart;
  let line = 1;
  let rows = 0;
  const n = b.length;
  while (pos < n) {
    line++;
    let eol = b.indexOf(LF, pos);
    const complete = eol >= 0;
    if (!complete) eol = n;
    const stop = eol > pos && b[eol - 1] === CR ? eol - 1 : eol;
    if (stop === pos) {
      pos = eol + 1;
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
      if (!complete) {
        throw new DirectoryImportError(
          "truncated",
          `Le fichier semble tronqué : la dernière ligne (ligne ${line}) est incomplète (${col} colonnes au lieu de ${expected}). ` +
            "Téléchargement interrompu ? Recommencer le téléchargement.",
        );
      }
      throw new DirectoryImportError(
        "columnCount",
        `Ligne ${line} : ${col} colonnes au lieu de ${expected}. Le fichier est corrompu ou n'est pas au format de l'extraction.`,
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
    pos = eol + 1;
  }
  return { rows };
}
