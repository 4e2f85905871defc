import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import {
  buildDirectoryIndex,
  DirectoryImportError,
  DirectoryIndex,
  OFFICIAL_COLUMNS,
  type DirectoryEntry,
  type ImportErrorCode,
} from "../../src/core/directory/index.ts";
import { CP1252_HIGH_CHARS, extractionBytes, extractionText, per, org, referenceRows, type Row } from "../fixtures/directory/extraction.ts";

const OPTIONS = { sourceName: "Extraction_Correspondance_MSSante_202608010200.txt", importedAt: "2026-08-01T03:00:00.000Z" };

function build(bytes: Uint8Array, more: { previousEntries?: number; force?: boolean } = {}) {
  return buildDirectoryIndex(bytes, { ...OPTIONS, ...more });
}

function rejects(bytes: Uint8Array, code: ImportErrorCode, more: { previousEntries?: number } = {}): DirectoryImportError {
  try {
    build(bytes, more);
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryImportError);
    expect((err as DirectoryImportError).code).toBe(code);
    return err as DirectoryImportError;
  }
  throw new Error(`expected a rejection (${code})`);
}

describe("directory import: reading the extraction", () => {
  it("reads the official format and counts rows", () => {
    const { manifest } = build(extractionBytes(referenceRows()));
    expect(manifest.rows).toEqual({ read: 12, indexed: 12, skipped: 0, skippedReasons: { noAddress: 0, invalidAddress: 0, duplicate: 0 } });
    expect(manifest.encoding).toBe("utf-8");
    expect(manifest.source).toBe(OPTIONS.sourceName);
    expect(manifest.importedAt).toBe(OPTIONS.importedAt);
    expect(manifest.personalEntries).toBe(9);
  });

  it("finds columns by name whatever their order", () => {
    const shuffled = [...OFFICIAL_COLUMNS].reverse();
    const swapped = [...OFFICIAL_COLUMNS.slice(10), ...OFFICIAL_COLUMNS.slice(0, 10)];
    const reference = DirectoryIndex.load(build(extractionBytes(referenceRows())).data).search("lyon", { limit: 50 });
    for (const columns of [shuffled, swapped]) {
      const index = DirectoryIndex.load(build(extractionBytes(referenceRows(), { columns })).data);
      expect(index.search("lyon", { limit: 50 })).toEqual(reference);
      expect(index.search("helene")[0]).toMatchObject({ lastName: "Martin", firstName: "Hélène", city: "BREST", postalCode: "29200" });
    }
  });

  it("decodes a Windows-1252 file", () => {
    const { data, manifest } = build(extractionBytes(referenceRows(), { encoding: "windows-1252" }));
    expect(manifest.encoding).toBe("windows-1252");
    const index = DirectoryIndex.load(data);
    expect(index.search("hélène")[0]).toMatchObject({ firstName: "Hélène", profession: "Infirmier" });
    expect(index.search("kine")[0]).toMatchObject({ profession: "Masseur-kinésithérapeute" });
  });

  it("handles a UTF-8 BOM, CRLF line ends and a trailing '|' on every line", () => {
    const variants = [{ bom: true }, { eol: "\r\n" as const }, { bom: true, eol: "\r\n" as const, trailingPipe: true }, { noFinalEol: true }];
    const reference = DirectoryIndex.load(build(extractionBytes(referenceRows())).data).search("dupont", { limit: 50 });
    for (const v of variants) {
      const { data, manifest } = build(extractionBytes(referenceRows(), v));
      expect(manifest.rows.indexed).toBe(12);
      const found = DirectoryIndex.load(data).search("dupont", { limit: 50 });
      expect(found).toEqual(reference);
      expect(found.every((e) => !/[\r|]/.test(Object.values(e).join("")))).toBe(true);
    }
  });

  it("splits the postcode and city of L6LIGNEACHEMINEMENT, and falls back to it for the postcode", () => {
    const row: Row = { ...per("Durand", "Paul", "paul.durand@medecin.mssante.fr"), "L6LIGNEACHEMINEMENT structure BAL": "69437 LYON CEDEX 03", "Code postal structure BAL": "" };
    const [entry] = DirectoryIndex.load(build(extractionBytes([row])).data).search("durand");
    expect(entry).toMatchObject({ postalCode: "69437", city: "LYON CEDEX 03" });
  });

  it("reads the ANS ZIP holding one Extraction_Correspondance_MSSante_*.txt", () => {
    const zip = zipSync({ "Extraction_Correspondance_MSSante_202608010200.txt": extractionBytes(referenceRows()), "LISEZMOI.pdf": new Uint8Array([1, 2, 3]) });
    const { manifest } = buildDirectoryIndex(zip, { ...OPTIONS, sourceName: "extraction.zip" });
    expect(manifest.source).toBe("Extraction_Correspondance_MSSante_202608010200.txt");
    expect(manifest.rows.indexed).toBe(12);
    rejects(zipSync({ "autre.csv": new Uint8Array([65]) }), "zip");
    rejects(zip.subarray(0, 100), "zip");
  });

  it("skips and counts rows without address, with an invalid one, and duplicates at the same place", () => {
    const base = per("Dupont", "Marie", "marie.dupont@medecin.mssante.fr", { city: "LYON", postalCode: "69003" });
    const rows: Row[] = [
      base,
      { ...base }, // same address, same place: one entry
      { ...base, "Adresse BAL": "MARIE.DUPONT@medecin.mssante.fr" }, // same address, other case
      per("Dupont", "Marie", "marie.dupont@medecin.mssante.fr", { city: "VILLEURBANNE", postalCode: "69100" }), // second practice
      per("Dupont", "Marie", "marie.dupont@medecin.mssante.fr", { city: "LYON", postalCode: "69003", organisation: "CLINIQUE DU PARC" }),
      per("Sans", "Adresse", ""),
      per("Sans", "Arobase", "pas-une-adresse"),
      per("Mal", "Formee", "@medecin.mssante.fr"),
    ];
    const { data, manifest } = build(extractionBytes(rows));
    expect(manifest.rows).toEqual({ read: 8, indexed: 3, skipped: 5, skippedReasons: { noAddress: 1, invalidAddress: 2, duplicate: 2 } });
    const found = DirectoryIndex.load(data).search("marie dupont");
    expect(found.map((e) => `${e.city}/${e.organisation}`).sort()).toEqual(["LYON/", "LYON/CLINIQUE DU PARC", "VILLEURBANNE/"]);
  });
});

describe("directory import: hostile files are refused whole", () => {
  it("refuses an empty file, a file of blank lines and a header alone", () => {
    rejects(new Uint8Array(0), "empty");
    rejects(new TextEncoder().encode("\r\n\n  \n"), "empty");
    rejects(new Uint8Array([0xef, 0xbb, 0xbf]), "empty");
    const err = rejects(extractionBytes([]), "noEntries");
    expect(err.message).toMatch(/aucune ligne/);
  });

  it("refuses a bad header and one missing required columns, naming them", () => {
    rejects(new TextEncoder().encode("nom;prenom;email\nDupont;Marie;m@x.fr\n"), "badHeader");
    const rows = referenceRows();
    // Data first, no header: the first row is read as a header and refused.
    rejects(new TextEncoder().encode(extractionText(rows).split("\n").slice(1).join("\n")), "badHeader");
    const columns = OFFICIAL_COLUMNS.filter((c) => c !== "Adresse BAL" && c !== "Nom d'exercice");
    const err = rejects(extractionBytes(rows, { columns }), "badHeader");
    expect(err.message).toContain("« Adresse BAL »");
    expect(err.message).toContain("« Nom d'exercice »");
  });

  it("refuses a row with the wrong number of columns, giving its line", () => {
    const lines = extractionText(referenceRows()).split("\n");
    lines[5] = lines[5]!.split("|").slice(0, 29).join("|");
    const err = rejects(new TextEncoder().encode(lines.join("\n")), "columnCount");
    expect(err.message).toMatch(/Ligne 6 : 29 colonnes au lieu de 31/);
    const extra = extractionText(referenceRows()).split("\n");
    extra[3] = `${extra[3]}|x|y`;
    rejects(new TextEncoder().encode(extra.join("\n")), "columnCount");
  });

  it("refuses binary garbage", () => {
    let seed = 42;
    const random = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    random[100] = 0;
    rejects(random, "binary");
    // A valid start followed by garbage.
    const head = extractionBytes(referenceRows());
    const mixed = new Uint8Array(head.length + random.length);
    mixed.set(head);
    mixed.set(random, head.length);
    rejects(mixed, "binary");
    // Control characters without NUL bytes.
    const controls = new Uint8Array(2000).map((_, i) => (i % 3 === 0 ? 1 + (i % 8) : 65));
    rejects(controls, "binary");
  });

  it("refuses a truncated file (last line cut, or a character cut at the end)", () => {
    const bytes = extractionBytes(referenceRows());
    const cut = bytes.subarray(0, bytes.length - 40);
    const err = rejects(cut, "truncated");
    expect(err.message).toMatch(/tronqué/);
    // Cut inside a two-byte character "é".
    const text = extractionText([per("Lefèvre", "Zoé", "zoe.lefevre@medecin.mssante.fr")]);
    const utf8 = new TextEncoder().encode(text.slice(0, text.indexOf("Zoé") + 2));
    rejects(utf8.subarray(0, utf8.length - 1), "truncated");
  });

  it("refuses an implausible shrink unless forced", () => {
    const rows = referenceRows();
    const err = rejects(extractionBytes(rows.slice(0, 1)), "implausibleShrink", { previousEntries: 10 });
    expect(err.message).toMatch(/1 entrées alors que l'annuaire actuel en compte 10/);
    expect(build(extractionBytes(rows.slice(0, 1)), { previousEntries: 10, force: true }).manifest.entries).toBe(1);
    expect(build(extractionBytes(rows), { previousEntries: 20 }).manifest.entries).toBe(12);
  });
});

describe("directory index bytes", () => {
  it("loads from an ArrayBuffer and from unaligned bytes, with the manifest inside", () => {
    const { data, manifest } = build(extractionBytes(referenceRows()));
    const copy = new Uint8Array(data.length + 3);
    copy.set(data, 3);
    const fromBuffer = DirectoryIndex.load(data.slice().buffer);
    const unaligned = DirectoryIndex.load(copy.subarray(3));
    expect(fromBuffer.manifest).toEqual(manifest);
    expect(unaligned.search("le gall")).toEqual(fromBuffer.search("le gall"));
    expect(fromBuffer.size).toBe(12);
  });

  it("refuses bytes that are not an index", () => {
    expect(() => DirectoryIndex.load(new Uint8Array(100))).toThrow(DirectoryImportError);
    const { data } = build(extractionBytes(referenceRows()));
    expect(() => DirectoryIndex.load(data.subarray(0, data.length / 2))).toThrow(/tronquée/);
  });

  it("is deterministic", () => {
    const a = build(extractionBytes(referenceRows())).data;
    const b = build(extractionBytes(referenceRows())).data;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe("ORG and CAB rows", () => {
  it("show the organisation, service and mailbox type", () => {
    const index = DirectoryIndex.load(build(extractionBytes([org("urgences@chu-brest.mssante.fr", "CHU DE BREST", { service: "Service des urgences", city: "BREST", postalCode: "29200" })])).data);
    expect(index.search("urgences brest")).toEqual([
      {
        email: "urgences@chu-brest.mssante.fr",
        lastName: "",
        firstName: "",
        civility: "",
        profession: "",
        specialty: "",
        organisation: "CHU DE BREST",
        tradeName: "",
        service: "Service des urgences",
        postalCode: "29200",
        city: "BREST",
        mailboxType: "ORG",
        ppIdentifier: "",
      },
    ]);
  });
});

describe("directory import: line ends, encodings and headers", () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const reference = (): DirectoryEntry[] => DirectoryIndex.load(build(extractionBytes(referenceRows())).data).search("d", { limit: 50 });
  const concat = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };

  it("reads CR-only line ends like LF and CRLF, in UTF-8 or Windows-1252, with or without BOM, trailing '|' or final line end", () => {
    const expected = reference();
    const variants = [
      { eol: "\r" as const },
      { eol: "\r" as const, bom: true },
      { eol: "\r" as const, encoding: "windows-1252" as const },
      { eol: "\r" as const, trailingPipe: true, noFinalEol: true },
      { eol: "\r\n" as const, encoding: "windows-1252" as const, noFinalEol: true },
      { eol: "\r" as const, columns: [...OFFICIAL_COLUMNS].reverse() },
    ];
    for (const v of variants) {
      const { data, manifest } = build(extractionBytes(referenceRows(), v));
      expect(manifest.rows, JSON.stringify(v)).toEqual({ read: 12, indexed: 12, skipped: 0, skippedReasons: { noAddress: 0, invalidAddress: 0, duplicate: 0 } });
      expect(manifest.encoding).toBe(v.encoding ?? "utf-8");
      const found = DirectoryIndex.load(data).search("d", { limit: 50 });
      expect(found, JSON.stringify(v)).toEqual(expected);
      expect(found.every((e) => !/[\r\n|]/.test(Object.values(e).join(""))), JSON.stringify(v)).toBe(true);
    }
    // "\r\r" and "\r\n" between CR-ended lines are blank lines, not rows.
    const text = extractionText(referenceRows(), { eol: "\r" }).replace(/\r/g, (_, i: number) => (i % 3 === 0 ? "\r\r" : "\r"));
    expect(build(enc(text)).manifest.rows.read).toBe(12);
  });

  it("refuses mixed line ends with the right reason, not as truncated or a bad header", () => {
    const lf = extractionText(referenceRows()).split("\n");
    const crInLf = `${lf.slice(0, 5).join("\n")}\n${lf.slice(5).join("\r")}`;
    rejectsWith(enc(crInLf), "columnCount", /Ligne 6 : \d+ colonnes au lieu de 31, et la ligne contient un retour à la ligne CR seul.*fins de ligne mélangées/);
    const cr = extractionText(referenceRows(), { eol: "\r" }).split("\r");
    const lfInCr = `${cr.slice(0, 3).join("\r")}\r${cr.slice(3, 6).join("\n")}\r${cr.slice(6).join("\r")}`;
    rejectsWith(enc(lfInCr), "columnCount", /Ligne 4 : .*retour à la ligne LF alors que le fichier termine ses lignes par CR/);
  });

  it("detects Windows-1252 from the bytes, whatever the line ends, and decodes €, ’ and œ", () => {
    const rows = [per("Cœur", "Zoé", "zoe.coeur@medecin.mssante.fr", { organisation: "L’HÔPITAL €URO" }), per("Muller", "Anne", "anne.muller@medecin.mssante.fr")];
    for (const eol of ["\n", "\r\n", "\r"] as const) {
      const { data, manifest } = build(extractionBytes(rows, { encoding: "windows-1252", eol }));
      expect(manifest.encoding).toBe("windows-1252");
      const [entry] = DirectoryIndex.load(data).search("coeur zoe");
      expect(entry).toMatchObject({ lastName: "Cœur", firstName: "Zoé", organisation: "L’HÔPITAL €URO" });
    }
    // All 27 characters Windows-1252 adds to ISO-8859-1 (Node's own decoder misses them).
    expect(CP1252_HIGH_CHARS).toHaveLength(27);
    const all = build(extractionBytes([org("x@chu.mssante.fr", `CHU ${CP1252_HIGH_CHARS}`)], { encoding: "windows-1252" }));
    expect(DirectoryIndex.load(all.data).search("chu")[0]!.organisation).toBe(`CHU ${CP1252_HIGH_CHARS}`);
    // One accented letter in the whole file, even as its very last byte, is enough.
    const single = extractionBytes([per("Durand", "René", "rene.durand@medecin.mssante.fr")], { encoding: "windows-1252", noFinalEol: true, columns: [...OFFICIAL_COLUMNS.filter((c) => c !== "Prénom d'exercice"), "Prénom d'exercice"] });
    expect(single[single.length - 1]).toBe(0xe9);
    expect(DirectoryIndex.load(build(single).data).search("rene")[0]).toMatchObject({ firstName: "René" });
  });

  it("refuses a file mixing UTF-8 and Windows-1252, naming the first foreign line, instead of garbling every accent", () => {
    const utf8 = extractionBytes(referenceRows());
    const cp = extractionBytes(referenceRows().slice(0, 4), { encoding: "windows-1252" });
    const body = cp.subarray(cp.indexOf(10) + 1);
    const err = rejectsWith(concat(utf8, body), "encoding", /Encodage incohérent : le fichier est en UTF-8 .*la ligne 14 contient des octets qui ne sont pas de l'UTF-8/);
    expect(err.message).toMatch(/recommencer le téléchargement/);
    // A single corrupt byte among UTF-8 accents: the same, with its line.
    const lines = extractionText(referenceRows()).split("\n");
    const corrupt = concat(enc(lines.slice(0, 7).join("\n") + "\n"), new Uint8Array([0x58, 0xff, 0x58]), enc(lines.slice(7).join("\n")));
    rejectsWith(corrupt, "encoding", /la ligne 8 contient/);
    // The same in CR-only files.
    const crUtf8 = extractionBytes(referenceRows(), { eol: "\r" });
    const crCp = extractionBytes(referenceRows().slice(0, 4), { encoding: "windows-1252", eol: "\r" });
    rejectsWith(concat(crUtf8, crCp.subarray(crCp.indexOf(13) + 1)), "encoding", /la ligne 14 contient/);
  });

  it("refuses UTF-16 as UTF-16, not as binary data", () => {
    const text = extractionText(referenceRows());
    const le = new Uint8Array(Buffer.from(text, "utf16le"));
    const be = le.slice();
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    for (const bytes of [le, be, concat(new Uint8Array([0xff, 0xfe]), le), concat(new Uint8Array([0xfe, 0xff]), be)]) {
      rejectsWith(bytes, "encoding", /encodé en UTF-16.*réenregistrer en UTF-8/);
    }
  });

  it("reads columns by name: any order, other case and accents, extra and missing optional columns", () => {
    const expected = reference();
    const renamed = OFFICIAL_COLUMNS.map((c) => (c === "Adresse BAL" ? "ADRESSE BAL" : c === "Prénom d'exercice" ? "Prenom d'exercice" : c));
    const dropped = OFFICIAL_COLUMNS.filter((c) => !["Identification nationale PP", "Pays structure BAL", "Civilité d'exercice", "Service de rattachement"].includes(c));
    for (const columns of [renamed, [...OFFICIAL_COLUMNS, "Colonne ajoutée", "Autre"], ["Nouvelle", ...OFFICIAL_COLUMNS.slice(5), ...OFFICIAL_COLUMNS.slice(0, 5)]]) {
      const rows = referenceRows().map((r) => ({ ...r, "ADRESSE BAL": r["Adresse BAL"], "Prenom d'exercice": r["Prénom d'exercice"] }) as Row);
      expect(DirectoryIndex.load(build(extractionBytes(rows, { columns })).data).search("d", { limit: 50 }), columns.join("|")).toEqual(expected);
    }
    const lean = DirectoryIndex.load(build(extractionBytes(referenceRows(), { columns: dropped })).data).search("dupont marie");
    expect(lean[0]).toMatchObject({ email: "marie.dupont@medecin.mssante.fr", civility: "", ppIdentifier: "" });
  });

  it("refuses headers that cannot be read by name, saying why", () => {
    const text = extractionText(referenceRows());
    rejectsWith(enc(text.replace(/\|/g, ";")), "badHeader", /séparées par « ; » \(point-virgule\) au lieu de « \| ».*tableur/);
    rejectsWith(enc(text.replace(/\|/g, "\t")), "badHeader", /séparées par une tabulation/);
    rejectsWith(enc(text.replace(/\|/g, ",")), "badHeader", /séparées par « , »/);
    const dup = extractionBytes(referenceRows(), { columns: [...OFFICIAL_COLUMNS, "Adresse BAL"] });
    rejectsWith(dup, "badHeader", /la colonne « Adresse BAL » apparaît deux fois/);
    rejectsWith(extractionBytes(referenceRows(), { columns: [...OFFICIAL_COLUMNS, "ADRESSE  BAL"] }), "badHeader", /deux fois/);
    const missing = rejectsWith(extractionBytes(referenceRows(), { columns: OFFICIAL_COLUMNS.filter((c) => c !== "Code postal structure BAL"), eol: "\r" }), "badHeader", /colonne obligatoire absente : « Code postal structure BAL »/);
    expect(missing.message).not.toMatch(/[\r\n]/);
    // Cut inside the header line itself.
    rejectsWith(enc(text.slice(0, 150)), "truncated", /s'arrête dans la première ligne.*« Nom d'exercice »/);
  });

  it("calls a cut last line truncated, whatever the line ends and wherever the cut", () => {
    for (const eol of ["\n", "\r\n", "\r"] as const) {
      for (const encoding of ["utf-8", "windows-1252"] as const) {
        const full = extractionBytes(referenceRows(), { eol, encoding });
        const lastStart = full.subarray(0, full.length - eol.length).lastIndexOf(eol === "\r" ? 13 : 10) + 1;
        const lastLine = full.subarray(lastStart);
        const pipes = [...lastLine.keys()].filter((i) => lastLine[i] === 124);
        // After the first field, right after a "|", and in the middle of a field.
        for (const cut of [pipes[0]!, pipes[10]! + 1, pipes[20]! + 2]) {
          const err = rejectsWith(full.subarray(0, lastStart + cut), "truncated", /tronqué : la dernière ligne \(ligne 13\) est incomplète/);
          expect(err.message, `${JSON.stringify(eol)} ${encoding} ${cut}`).toMatch(/Recommencer le téléchargement/);
        }
      }
    }
  });
});

function rejectsWith(bytes: Uint8Array, code: ImportErrorCode, message: RegExp): DirectoryImportError {
  const err = rejects(bytes, code);
  expect(err.message).toMatch(message);
  return err;
}
