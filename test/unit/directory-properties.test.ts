// Property-based tests of the extraction reader (fast-check, fixed seed, bounded runs): whatever
// the bytes, an import gives a value or a DirectoryImportError with a French message, never
// another exception; row counts add up; every line-end, BOM, encoding and column-order variant
// of the same rows gives the same index; reading time is linear in the input size.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { zipSync } from "fflate";
import { buildDirectoryIndex, DirectoryImportError, DirectoryIndex, OFFICIAL_COLUMNS, type ImportErrorCode } from "../../src/core/directory/index.ts";
import { forEachRow, prepareText, readHeader } from "../../src/core/directory/extraction.ts";
import { extractionBytes, type ExtractionOptions, type Row } from "../fixtures/directory/extraction.ts";

const SEED = 20260801;
const OPTIONS = { sourceName: "Extraction_Correspondance_MSSante_202608010200.txt", importedAt: "2026-08-01T03:00:00.000Z" };
const CODES: readonly ImportErrorCode[] = ["empty", "binary", "badHeader", "columnCount", "truncated", "noEntries", "implausibleShrink", "zip", "tooLarge", "encoding"];
/** Inputs run, per property, for the report at the end. */
const runs: Record<string, number> = {};

function params(name: string, numRuns: number): fc.Parameters<unknown> {
  runs[name] = numRuns;
  return { seed: SEED, numRuns, endOnFailure: true };
}

type Outcome = { ok: true; read: number; indexed: number; skipped: number; reasons: number; size: number } | { ok: false; code: ImportErrorCode; message: string };

/** Runs an import and checks the outcome's invariants; any other exception fails the property. */
function importOutcome(bytes: Uint8Array): Outcome {
  try {
    const { data, manifest } = buildDirectoryIndex(bytes, OPTIONS);
    const r = manifest.rows;
    const reasons = r.skippedReasons.noAddress + r.skippedReasons.invalidAddress + r.skippedReasons.duplicate;
    const out = { ok: true as const, read: r.read, indexed: r.indexed, skipped: r.skipped, reasons, size: DirectoryIndex.load(data).size };
    expect(out.indexed + out.skipped).toBe(out.read);
    expect(out.reasons).toBe(out.skipped);
    expect(out.size).toBe(out.indexed);
    expect(out.indexed).toBeGreaterThan(0);
    return out;
  } catch (err) {
    if (!(err instanceof DirectoryImportError)) throw err;
    expect(CODES).toContain(err.code);
    expectFrench(err.message);
    return { ok: false, code: err.code, message: err.message };
  }
}

function expectFrench(message: string): void {
  expect(message.length).toBeGreaterThan(20);
  expect(message).toMatch(/(^|[\s'(])(le|la|les|du|de|des|est|un|une|au|aucune?|ou|pas|fichier|archive|ligne)\b/i);
  // No library or engine text leaking through, nor a value that was never computed; what is
  // quoted from the file (« … ») may say anything.
  expect(message.replace(/«[^»]*»/g, "«»")).not.toMatch(/\b(the|is|of|invalid|unexpected|error|undefined|NaN|null|object)\b|Infinity/i);
  expect([...message].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// --- adversarial bytes ---
const HEADER_LF = utf8(`${OFFICIAL_COLUMNS.join("|")}\n`);
const HEADER_CR = utf8(`${OFFICIAL_COLUMNS.join("|")}\r`);
/** Pieces a hostile or broken file is made of: separators, line ends, BOMs, NUL, controls, bytes invalid in UTF-8, cut sequences. */
const hostilePiece = fc.oneof(
  fc.constantFrom(
    ...["|", "||||", "\n", "\r", "\r\n", "\n\r", "\t", " ", "@", "a", "Z", "x@y.fr", "é", "€", "’", "\ufeff", "\u0000", "\u0001", "\u007f", "PK\u0003\u0004"].map(utf8),
    new Uint8Array([0xff]), new Uint8Array([0xc3]), new Uint8Array([0xe9]), new Uint8Array([0x80]), new Uint8Array([0x81]), new Uint8Array([0xed, 0xa0, 0x80]),
    new Uint8Array([0xf0, 0x9f]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0x00, 0x41]),
  ),
  fc.uint8Array({ maxLength: 8 }),
);
const hostileBody = fc.array(hostilePiece, { maxLength: 200 }).map(concat);

// --- well-formed files from a model ---
/** Everything a field may hold in the real file: accents, Windows-1252 extras, inner and outer spaces and tabs, "@". */
const fieldUnit = fc.constantFrom("a", "B", "e", "é", "È", "ç", "œ", "’", "Ü", "-", "'", ".", "0", "7", " ", "\t", "@");
const field = fc.string({ unit: fieldUnit, maxLength: 10 });
const email = fc.oneof(
  fc.tuple(fc.string({ unit: fc.constantFrom("a", "B", ".", "-", "é"), minLength: 1, maxLength: 6 }), fc.constantFrom("medecin.mssante.fr", "CHU.mssante.fr", "x.fr")).map(([l, d]) => `${l}@${d}`),
  fc.constantFrom("", " ", "\t", "sans-arobase", "@medecin.mssante.fr", "x@", "a@@b", " marie.dupont@medecin.mssante.fr ", "MARIE.DUPONT@medecin.mssante.fr", "marie.dupont@medecin.mssante.fr"),
);
const row = fc
  .record({
    type: fc.constantFrom("PER", "ORG", "CAB", "APP", "per", ""),
    email,
    last: field,
    first: field,
    profession: field,
    specialty: field,
    organisation: fc.oneof(field, fc.constantFrom("CHU DE BREST", "")),
    routing: fc.oneof(field, fc.constantFrom("69003 LYON", "69437 LYON CEDEX 03", "29200", "")),
    postal: fc.constantFrom("69003", "", "2A004"),
  })
  .map(
    (r): Row => ({
      "Type de BAL": r.type,
      "Adresse BAL": r.email,
      "Nom d'exercice": r.last,
      "Prénom d'exercice": r.first,
      "Libellé Profession": r.profession,
      "Libellé savoir-faire": r.specialty,
      "Raison Sociale structure BAL": r.organisation,
      "L6LIGNEACHEMINEMENT structure BAL": r.routing,
      "Code postal structure BAL": r.postal,
    }),
  );
const layout = fc.record({
  eol: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const),
  bom: fc.boolean(),
  encoding: fc.constantFrom("utf-8" as const, "windows-1252" as const),
  trailingPipe: fc.boolean(),
  noFinalEol: fc.boolean(),
  columns: fc.shuffledSubarray([...OFFICIAL_COLUMNS], { minLength: OFFICIAL_COLUMNS.length }),
});
const rows = fc.array(row, { minLength: 1, maxLength: 25 });

/** The reader trims spaces and tabs only; addresses compare with ASCII letters lower-cased. */
const trimField = (s: string): string => s.replace(/^[ \t]+|[ \t]+$/g, "");
function expectedCounts(model: Row[]): { noAddress: number; invalidAddress: number; valid: number; distinctAddresses: number } {
  let noAddress = 0;
  let invalidAddress = 0;
  const addresses = new Set<string>();
  for (const r of model) {
    const e = trimField(r["Adresse BAL"] ?? "");
    const at = e.lastIndexOf("@");
    if (e === "") noAddress++;
    else if (at <= 0 || at === e.length - 1) invalidAddress++;
    else addresses.add(e.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  }
  return { noAddress, invalidAddress, valid: model.length - noAddress - invalidAddress, distinctAddresses: addresses.size };
}

describe("directory reader: properties", () => {
  it("arbitrary bytes, alone or after a valid header: a value or a typed French error, never an exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.tuple(fc.constantFrom(HEADER_LF, HEADER_CR), fc.uint8Array({ maxLength: 3000 })).map(([h, b]) => concat([h, b]))), (bytes) => {
        importOutcome(bytes);
      }),
      params("arbitrary bytes", 400),
    );
  });

  it("adversarial lines (separators, line ends, BOMs, NUL, invalid UTF-8) after a valid or shuffled header: same", () => {
    const header = fc.oneof(fc.constantFrom(HEADER_LF, HEADER_CR), fc.shuffledSubarray([...OFFICIAL_COLUMNS], { minLength: 20 }).map((c) => utf8(`${c.join("|")}\n`)));
    fc.assert(
      fc.property(fc.option(header, { nil: undefined }), hostileBody, (h, body) => {
        importOutcome(h ? concat([h, body]) : body);
      }),
      params("adversarial lines", 400),
    );
  });

  it("well-formed files: accepted + skipped = rows, reasons as the model says, whatever the layout", () => {
    fc.assert(
      fc.property(rows, layout, (model, options) => {
        const out = importOutcome(extractionBytes(model, options));
        const want = expectedCounts(model);
        if (want.valid === 0) {
          expect(out).toMatchObject({ ok: false, code: "noEntries" });
          return;
        }
        if (!out.ok) throw new Error(`refused: ${out.message}`);
        expect(out.read).toBe(model.length);
        expect(out.skipped).toBe(model.length - out.indexed);
        expect(out.indexed).toBeLessThanOrEqual(want.valid);
        expect(out.indexed).toBeGreaterThanOrEqual(want.distinctAddresses);
        const r = buildDirectoryIndex(extractionBytes(model, options), OPTIONS).manifest.rows.skippedReasons;
        expect({ noAddress: r.noAddress, invalidAddress: r.invalidAddress }).toEqual({ noAddress: want.noAddress, invalidAddress: want.invalidAddress });
        expect(r.duplicate).toBe(want.valid - out.indexed);
      }),
      params("well-formed files", 250),
    );
  });

  it("line ends, BOM, encoding, trailing '|', final line end and column order change nothing in the index", () => {
    fc.assert(
      fc.property(rows, layout, (model, options: ExtractionOptions) => {
        const plain = extractionBytes(model);
        if (expectedCounts(model).valid === 0) return;
        const a = buildDirectoryIndex(plain, OPTIONS);
        const b = buildDirectoryIndex(extractionBytes(model, options), OPTIONS);
        expect(b.manifest.rows).toEqual(a.manifest.rows);
        expect(b.manifest.encoding).toBe(options.encoding);
        const ia = DirectoryIndex.load(a.data);
        const ib = DirectoryIndex.load(b.data);
        for (const q of ["a", "e", "b", model[0]!["Nom d'exercice"] ?? ""]) expect(ib.search(q, { limit: 1000 })).toEqual(ia.search(q, { limit: 1000 }));
      }),
      params("layout variants", 150),
    );
  });

  it("a well-formed file cut anywhere: a value with consistent counts, or a typed error", () => {
    fc.assert(
      fc.property(rows, layout, fc.nat(), (model, options, at) => {
        const bytes = extractionBytes(model, options);
        const out = importOutcome(bytes.subarray(0, at % (bytes.length + 1)));
        if (out.ok) expect(out.read).toBeLessThanOrEqual(model.length);
      }),
      params("cut files", 300),
    );
  });

  it("a ZIP of a well-formed file, damaged anywhere: a value or a typed error", () => {
    const damage = fc.record({ flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), cut: fc.option(fc.nat(), { nil: undefined }) });
    fc.assert(
      fc.property(rows, damage, (model, { flips, cut }) => {
        const zip = zipSync({ [OPTIONS.sourceName]: extractionBytes(model) });
        for (const [at, x] of flips) zip[at % zip.length] = zip[at % zip.length]! ^ x;
        importOutcome(cut === undefined ? zip : zip.subarray(0, cut % (zip.length + 1)));
      }),
      params("damaged ZIPs", 300),
    );
  });

  it("reads in time linear in the input size, on the shapes that would make a naive reader quadratic", () => {
    const header = OFFICIAL_COLUMNS.join("|");
    const goodRow = `PER|a@b.fr|8|1|81|||||Nom|Prénom||||Médecin|||True|CHU||||||||69003 LYON|69003|69|FRANCE`;
    // Each makes `n` bytes of one kind of trouble.
    const shapes: Record<string, (n: number) => Uint8Array> = {
      "valid rows": (n) => utf8(`${header}\n${`${goodRow}\n`.repeat(Math.ceil(n / (goodRow.length + 1)))}`),
      "one line of pipes": (n) => utf8(`${header}\n${"|".repeat(n)}`),
      "blank lines": (n) => utf8(`${header}\n${"\r\n".repeat(n / 2)}`),
      "CR-only lines": (n) => utf8(`${header}\r${`${goodRow}\r`.repeat(Math.ceil(n / (goodRow.length + 1)))}`),
      "huge header": (n) => utf8(`${header}|${"x|".repeat(n / 2)}\n`),
      "spaces to trim": (n) => utf8(`${header}\n${" ".repeat(n)}${"|".repeat(30)}x\n`),
      "Windows-1252": (n) => new Uint8Array(n).map((_, i) => (i % 64 === 63 ? 10 : i % 3 ? 0xe9 : 0x61)),
      "invalid UTF-8 among accents": (n) => concat([utf8(`${header}\n`), utf8("é".repeat(n / 4)), new Uint8Array(n / 2).fill(0xc3)]),
    };
    const read = (bytes: Uint8Array): void => {
      try {
        const { bytes: b } = prepareText(bytes);
        forEachRow(b, readHeader(b), () => {});
      } catch (err) {
        if (!(err instanceof DirectoryImportError)) throw err;
      }
    };
    const time = (bytes: Uint8Array): number => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        read(bytes);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    const small = 1 << 19;
    const factor = 8;
    for (const [name, make] of Object.entries(shapes)) {
      const a = make(small);
      const b = make(small * factor);
      time(a); // warm-up: the first run includes compilation
      // Linear: 8× the bytes, ~8× the time. Quadratic would be ~64×; 4× slack absorbs noise and GC.
      // A pause of a loaded machine is no complexity class: an over-budget pair is timed again,
      // twice, before failing. The 2 ms floor keeps a sub-millisecond small run from being the yardstick.
      let ta = 0;
      let tb = Infinity;
      for (let attempt = 0; attempt < 3 && tb >= ta * factor * 4; attempt++) {
        ta = Math.max(time(a), 2);
        tb = time(b);
      }
      expect(tb, `${name}: ${ta.toFixed(1)} ms for ${a.length} B, ${tb.toFixed(1)} ms for ${b.length} B`).toBeLessThan(ta * factor * 4);
    }
  }, 60_000);

  it("ran a bounded number of inputs", () => {
    const total = Object.values(runs).reduce((t, n) => t + n, 0);
    expect(total).toBe(1800);
  });
});
