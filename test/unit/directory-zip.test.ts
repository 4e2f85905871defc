// Hostile ZIP archives given as the directory extraction: bombs, lies about sizes, several or
// nested files, encryption, paths leaving the folder. Each must be refused with its own French
// reason, quickly and within bounded memory; the archives are built by test/fixtures/directory/zip.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { crc32 as zlibCrc32 } from "node:zlib";
import { Inflate, zipSync } from "fflate";
import { buildDirectoryIndex, DirectoryImportError, DirectoryIndex, type ImportErrorCode } from "../../src/core/directory/index.ts";
import { MAX_COMPRESSION_RATIO, MAX_EXTRACTION_BYTES } from "../../src/core/directory/zip.ts";
import { crc32 } from "../../src/core/directory/zip.ts";
import { extractionBytes, extractionText, referenceRows } from "../fixtures/directory/extraction.ts";
import { buildZip, MiB, repeatedDeflate, zeroBomb, type ZipEntrySpec } from "../fixtures/directory/zip.ts";

const NAME = "Extraction_Correspondance_MSSante_202608010200.txt";
const OPTIONS = { sourceName: "extraction.zip", importedAt: "2026-08-01T03:00:00.000Z" };

function refusal(zip: Uint8Array, code: ImportErrorCode, message: RegExp, limits?: { maxBytes?: number; maxRatio?: number }): DirectoryImportError {
  let caught: unknown;
  try {
    buildDirectoryIndex(zip, { ...OPTIONS, limits });
  } catch (err) {
    caught = err;
  }
  expect(caught, String(message)).toBeInstanceOf(DirectoryImportError);
  const err = caught as DirectoryImportError;
  expect({ code: err.code, message: err.message }).toMatchObject({ code, message: expect.stringMatching(message) });
  return err;
}

/** A header then one data row repeated: text that looks right and compresses ~250×. */
function textBomb(mebibytes: number): { deflated: Uint8Array; size: number } {
  const [header, row] = extractionText(referenceRows()).split("\n");
  const head = new TextEncoder().encode(`${header}\n`);
  const line = `${row}\n`;
  const block = new TextEncoder().encode(line.repeat(Math.floor(MiB / line.length)));
  return { deflated: repeatedDeflate([{ data: head, times: 1 }, { data: block, times: mebibytes }]), size: head.length + block.length * mebibytes };
}

function good(more: Partial<ZipEntrySpec> = {}): ZipEntrySpec {
  return { name: NAME, data: extractionBytes(referenceRows()), ...more };
}

/**
 * Compressed bytes given to fflate's Inflate (the streaming inflater zip.ts uses) while `run`
 * runs: how far a refusal read, counted in work rather than in time (a wall-clock limit failed on
 * a loaded machine).
 */
function inflatedInput(run: () => void): number {
  let bytes = 0;
  const push = Inflate.prototype.push;
  const spy = vi.spyOn(Inflate.prototype, "push").mockImplementation(function (this: Inflate, chunk: Uint8Array, final?: boolean) {
    bytes += chunk.length;
    return push.call(this, chunk, final);
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return bytes;
}

describe("directory ZIP: bombs are stopped while inflating", () => {
  afterEach(() => vi.restoreAllMocks());

  it("refuses a 1.7 MB archive announcing 1.7 GB before inflating anything", () => {
    let err: DirectoryImportError | undefined;
    const read = inflatedInput(() => {
      err = refusal(buildZip([{ name: NAME, compressed: zeroBomb(1700), size: 1700 * MiB, crc: 0 }]), "tooLarge", /1700 Mo, plus que la limite de 512 Mo/);
    });
    expect(err!.message).not.toMatch(/[a-z]+ing |error|invalid/i);
    expect(read).toBe(0);
  });

  it("stops a bomb lying about its size after a few megabytes, whatever the content", () => {
    const text = textBomb(1700);
    const bombs: [string, Uint8Array, number][] = [
      // Plausible declared ratios (below the limit), so only the inflated bytes can tell.
      ["zeros", zeroBomb(1700), 40],
      ["text rows", text.deflated, 40],
      ["text rows, size of the real file", text.deflated, 89 * MiB / text.deflated.length],
    ];
    for (const [what, deflated, declaredRatio] of bombs) {
      const zip = buildZip([{ name: NAME, compressed: deflated, size: Math.floor(deflated.length * declaredRatio), crc: 0 }]);
      const read = inflatedInput(() => refusal(zip, "tooLarge", /bombe de décompression/));
      // Stopped within the first few megabytes of output: a small part of the compressed input read.
      expect(read, what).toBeGreaterThan(0);
      expect(read, what).toBeLessThan(Math.min(MiB, deflated.length / 10));
    }
  });

  it("refuses a bomb whose sizes sit in a data descriptor, and one stored in several entries", () => {
    refusal(buildZip([{ name: NAME, compressed: zeroBomb(600), size: 600 * MiB, crc: 0, flags: 8 }]), "tooLarge", /plus que la limite/);
    const entries: ZipEntrySpec[] = Array.from({ length: 20 }, (_, i) => ({ name: `part${i}.txt`, compressed: zeroBomb(100), size: 100 * MiB, crc: 0 }));
    // Only the one extraction entry is ever inflated: the 2 GB of the others cost nothing.
    const archive = buildZip([...entries, good()]);
    let indexed = 0;
    const read = inflatedInput(() => {
      indexed = buildDirectoryIndex(archive, OPTIONS).manifest.rows.indexed;
    });
    expect(indexed).toBe(12);
    expect(read).toBeLessThan(64 * 1024);
  });

  it("applies the size limit to what is inflated, not to what the archive says", () => {
    const big = new TextEncoder().encode(extractionText(Array.from({ length: 8000 }, (_, i) => ({ ...referenceRows()[i % 12]!, "Adresse BAL": `a${i}@x.mssante.fr` }))));
    expect(big.length).toBeGreaterThan(MiB);
    const limits = { maxBytes: MiB };
    refusal(buildZip([{ name: NAME, data: big }]), "tooLarge", /plus que la limite de 1,0 Mo/, limits);
    refusal(buildZip([{ name: NAME, data: big, method: 0 }]), "tooLarge", /plus que la limite/, limits);
    // Announced small, inflates bigger: refused as soon as it passes the announced size.
    refusal(buildZip([{ name: NAME, data: big, size: 1000 }]), "zip", /plus long que la taille annoncée/, limits);
    refusal(buildZip([{ name: NAME, data: big, size: big.length + 1 }]), "zip", /au lieu des \d+ annoncés/);
    // A plain text file is held to the same limit.
    refusal(big, "tooLarge", /Le fichier fait .* plus que la limite de 1,0 Mo/, limits);
    expect(buildDirectoryIndex(buildZip([{ name: NAME, data: big }]), OPTIONS).manifest.rows.read).toBe(8000);
  });

  it("accepts real-looking archives: compression ratios of real text are far below the limit", () => {
    expect(MAX_EXTRACTION_BYTES).toBeGreaterThanOrEqual(256 * MiB);
    expect(MAX_COMPRESSION_RATIO).toBeGreaterThanOrEqual(20);
    for (const entry of [good(), good({ method: 0 }), good({ flags: 8 }), good({ name: `2026/08/${NAME}` })]) {
      const { manifest } = buildDirectoryIndex(buildZip([entry], { comment: "ANS" }), OPTIONS);
      expect(manifest.source).toBe(NAME);
      expect(manifest.rows.indexed).toBe(12);
    }
  });
});

describe("directory ZIP: what the archive holds", () => {
  it("refuses several extraction files, nested archives, and archives without the extraction, saying which", () => {
    refusal(buildZip([good(), good({ name: "Extraction_Correspondance_MSSante_202607010200.txt" })]), "zip", /plusieurs fichiers Extraction_Correspondance_MSSante/);
    const inner = zipSync({ [NAME]: extractionBytes(referenceRows()) });
    refusal(buildZip([{ name: "Extraction_Correspondance_MSSante.zip", data: inner }]), "zip", /autre archive \(« Extraction_Correspondance_MSSante\.zip »\).*imbriquées/);
    refusal(buildZip([{ name: NAME, data: inner }]), "zip", /est lui-même une archive ZIP/);
    refusal(buildZip([{ name: "LISEZMOI.pdf", data: new Uint8Array(10) }, { name: "a.txt", data: new Uint8Array(1) }, { name: "b.txt", data: new Uint8Array(1) }]), "zip", /ne contient pas de fichier .*« LISEZMOI\.pdf », « a\.txt », « b\.txt »/);
    refusal(buildZip([]), "zip", /elle est vide/);
    refusal(buildZip([{ name: "dossier/" }]), "zip", /elle est vide/);
  });

  it("refuses encrypted entries and unknown compression methods", () => {
    refusal(buildZip([good({ flags: 1 })]), "zip", /est chiffré \(protégé par un mot de passe\)/);
    refusal(buildZip([good({ flags: 0x40 })]), "zip", /chiffré/);
    refusal(buildZip([good({ method: 99 })]), "zip", /chiffré/);
    for (const method of [12, 14, 93, 95]) refusal(buildZip([good({ method })]), "zip", new RegExp(`méthode de compression non prise en charge \\(${method}\\)`));
  });

  it("refuses archives naming a path outside the folder, even beside a valid extraction", () => {
    const names = [
      `../${NAME}`,
      `../../../../tmp/${NAME}`,
      `/etc/${NAME}`,
      `\\${NAME}`,
      `..\\..\\${NAME}`,
      `C:\\Windows\\${NAME}`,
      `c:${NAME}`,
      `a/b/../../../${NAME}`,
      `\u001b[31m${NAME}`,
      `${NAME}\u0000.exe`,
    ];
    for (const name of names) {
      const err = refusal(buildZip([{ name, data: extractionBytes(referenceRows()) }]), "zip", /chemin dangereux/);
      // Shown names must not carry terminal escapes or NUL bytes to the user's console.
      expect([...err.message].some((c) => c.charCodeAt(0) < 0x20), name).toBe(false);
      refusal(buildZip([good(), { name, data: new Uint8Array([1]) }]), "zip", /chemin dangereux/);
    }
    // Dots inside a name are not a path.
    expect(buildDirectoryIndex(buildZip([good({ name: `v1..2/${NAME}` })]), OPTIONS).manifest.source).toBe(NAME);
  });

  it("refuses damaged or inconsistent archives as unreadable", () => {
    const zip = buildZip([good()]);
    refusal(buildZip([good({ crc: 12345 })]), "zip", /somme de contrôle incorrecte/);
    const flipped = zip.slice();
    flipped[60] = flipped[60]! ^ 0xff; // inside the compressed data
    refusal(flipped, "zip", /ZIP illisible/);
    refusal(zip.subarray(0, zip.length - 10), "zip", /ZIP illisible \(fin d'archive introuvable\)/);
    refusal(zip.subarray(0, 200), "zip", /ZIP illisible/);
    const renamed = zip.slice();
    renamed[30] = 0x65; // first letter of the local name: "extraction…" vs "Extraction…"
    refusal(renamed, "zip", /noms de fichier incohérents/);
    const zip64 = zip.slice();
    new DataView(zip64.buffer).setUint32(zip64.length - 6, 0xffffffff, true);
    refusal(zip64, "zip", /ZIP64/);
  });
});

describe("directory ZIP: CRC-32", () => {
  it("matches zlib on every length and alignment", () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 2654435761) >>> 24);
    for (let start = 0; start < 9; start++) {
      for (const len of [0, 1, 7, 8, 9, 15, 16, 17, 300, 991 - start]) expect(crc32(data.subarray(start, start + len))).toBe(zlibCrc32(data.subarray(start, start + len)));
    }
  });

  it("indexes the archive the same as the text", () => {
    const text = extractionBytes(referenceRows());
    const a = DirectoryIndex.load(buildDirectoryIndex(buildZip([good()]), OPTIONS).data).search("dupont", { limit: 50 });
    const b = DirectoryIndex.load(buildDirectoryIndex(text, OPTIONS).data).search("dupont", { limit: 50 });
    expect(a).toEqual(b);
  });
});
