// The `mssante directory` contract, through the built CLI (dist/cli.js) as acceptance tests use it,
// and the synthetic generator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { OFFICIAL_COLUMNS } from "../../src/core/directory/index.ts";
import { extractionBytes, extractionText, referenceRows } from "../fixtures/directory/extraction.ts";
import { buildZip, MiB, zeroBomb } from "../fixtures/directory/zip.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cliPath = join(root, "dist/cli.js");
let tmp: string;

function newestSource(): number {
  let newest = 0;
  for (const dir of ["src/cli", "src/core/directory"]) {
    for (const name of readdirSync(join(root, dir))) newest = Math.max(newest, statSync(join(root, dir, name)).mtimeMs);
  }
  return newest;
}

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { input, encoding: "utf8", cwd: tmp });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

/** Every file of a folder with a hash of its content; null when the folder does not exist. */
function snapshot(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  return Object.fromEntries(readdirSync(dir).map((n) => [n, createHash("sha256").update(readFileSync(join(dir, n))).digest("hex")]));
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "mssante-directory-"));
  if (!existsSync(cliPath) || statSync(cliPath).mtimeMs < newestSource()) {
    const r = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "cli"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  }
}, 60000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("mssante directory import", () => {
  it("builds the index and prints the counts with reasons", () => {
    const db = join(tmp, "db-import");
    const rows = [...referenceRows(), { ...referenceRows()[0]!, "Adresse BAL": "" }];
    const r = cli(["directory", "import", file("Extraction_Correspondance_MSSante_202608010200.txt", extractionBytes(rows)), "--db", db]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lues \(read\) : 13\n/);
    expect(r.stdout).toMatch(/indexées \(indexed\) : 12\n/);
    expect(r.stdout).toMatch(/ignorées \(skipped\) : 1\n/);
    expect(r.stdout).toMatch(/sans adresse BAL \(no address\) : 1\n/);
    const names = readdirSync(db).sort();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe("manifest.json");
    const manifest = JSON.parse(readFileSync(join(db, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ source: "Extraction_Correspondance_MSSante_202608010200.txt", formatVersion: 1, entries: 12, rows: { read: 13, indexed: 12, skipped: 1 } });
    expect(Date.parse(manifest.importedAt)).not.toBeNaN();
    const json = cli(["directory", "import", file("again.txt", extractionBytes(rows)), "--db", db, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ read: 13, indexed: 12, skipped: 1, skippedReasons: { noAddress: 1, invalidAddress: 0, duplicate: 0 } });
    expect(readdirSync(db)).toHaveLength(2);
  });

  it("imports a file with CR-only line ends like the LF one", () => {
    const lf = cli(["directory", "import", file("lf.txt", extractionBytes(referenceRows())), "--db", join(tmp, "db-lf"), "--json"]);
    const cr = cli(["directory", "import", file("cr.txt", extractionBytes(referenceRows(), { eol: "\r" })), "--db", join(tmp, "db-cr"), "--json"]);
    expect(cr.stderr).toBe("");
    expect({ ...JSON.parse(cr.stdout), source: "", db: "" }).toEqual({ ...JSON.parse(lf.stdout), source: "", db: "" });
    expect(cli(["directory", "search", "le gall", "--db", join(tmp, "db-cr"), "--json"]).stdout).toBe(cli(["directory", "search", "le gall", "--db", join(tmp, "db-lf"), "--json"]).stdout);
  });

  it("imports the ANS ZIP", () => {
    const db = join(tmp, "db-zip");
    const zip = zipSync({ "Extraction_Correspondance_MSSante_202608010200.txt": extractionBytes(referenceRows()) });
    const r = cli(["directory", "import", file("extraction.zip", zip), "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Extraction_Correspondance_MSSante_202608010200.txt");
    expect(JSON.parse(cli(["directory", "search", "le gall", "--db", db, "--json"]).stdout)[0].lastName).toBe("Le Gall");
  });

  it("refuses hostile files, exits non-zero with a French message and leaves the folder exactly as it was", () => {
    const db = join(tmp, "db-hostile");
    const good = file("good.txt", extractionBytes(referenceRows()));
    expect(cli(["directory", "import", good, "--db", db]).status).toBe(0);
    const before = snapshot(db);
    const lines = extractionText(referenceRows()).split("\n");
    const wrongColumns = [...lines];
    wrongColumns[4] = wrongColumns[4]!.split("|").slice(0, 20).join("|");
    const full = extractionBytes(referenceRows());
    const garbage = new Uint8Array(5000).map((_, i) => (i * 7919 + 13) % 256);
    const hostile: [string, Uint8Array | string, RegExp][] = [
      ["bad-header.txt", "Nom|Prénom|Mail\nDupont|Marie|m@x.fr\n", /En-tête invalide/],
      ["missing-columns.txt", extractionBytes(referenceRows(), { columns: OFFICIAL_COLUMNS.filter((c) => c !== "Adresse BAL") }), /« Adresse BAL »/],
      ["wrong-columns.txt", lines.join("\n").replace(lines[4]!, wrongColumns[4]!), /Ligne 5 : 20 colonnes au lieu de 31/],
      ["garbage.bin", garbage, /données binaires/],
      ["truncated.txt", full.subarray(0, full.length - 25), /tronqué/],
      ["empty.txt", "", /vide/],
      ["header-only.txt", extractionBytes([]), /aucune ligne/],
      ["shrunk.txt", extractionBytes(referenceRows().slice(0, 1)), /rétrécissement|n'est pas plausible/],
      ["broken.zip", zipSync({ "Extraction_Correspondance_MSSante_1.txt": full }).subarray(0, 200), /ZIP illisible/],
      ["mixed-encoding.txt", Buffer.concat([full, extractionBytes(referenceRows(), { encoding: "windows-1252" }).subarray(full.indexOf(10) + 1)]), /Encodage incohérent.*ligne 14/],
      ["utf16.txt", Buffer.from(extractionText(referenceRows()), "utf16le"), /UTF-16/],
      ["semicolons.txt", extractionText(referenceRows()).replace(/\|/g, ";"), /séparées par « ; »/],
    ];
    for (const [name, bytes, message] of hostile) {
      const r = cli(["directory", "import", file(name, bytes), "--db", db]);
      expect(r.status, name).not.toBe(0);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toMatch(/fichier refusé/);
      expect(r.stderr, name).toMatch(/est conservé/);
      expect(r.stdout, name).toBe("");
      expect(snapshot(db), name).toEqual(before);
    }
    // With no index yet, a refused file creates nothing.
    const fresh = join(tmp, "db-never");
    const r = cli(["directory", "import", file("garbage2.bin", garbage), "--db", fresh]);
    expect(r.status).not.toBe(0);
    expect(existsSync(fresh)).toBe(false);
    // --force accepts the shrink and replaces the data file.
    expect(cli(["directory", "import", join(tmp, "shrunk.txt"), "--db", db, "--force"]).status).toBe(0);
    expect(readdirSync(db)).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(db, "manifest.json"), "utf8")).entries).toBe(1);
  });

  it("says so when the file cannot be read or the arguments are wrong", () => {
    const r = cli(["directory", "import", join(tmp, "nope.txt"), "--db", join(tmp, "db-x")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/impossible de lire/);
    expect(cli(["directory", "import", "x.txt"]).status).toBe(2);
    expect(cli(["directory", "search", "x", "--db", join(tmp, "db-x"), "--json"]).stderr).toMatch(/aucun annuaire importé/);
  });
});

describe("mssante directory import: hostile archives", () => {
  /** The CLI run with a preload printing its peak resident memory (kB) on exit. */
  function cliPeak(args: string[]): { status: number | null; stderr: string; peakKb: number } {
    const preload = file("peak.mjs", 'process.on("exit", () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\\n`));\n');
    const r = spawnSync(process.execPath, ["--import", preload, cliPath, ...args], { encoding: "utf8", cwd: tmp });
    const peak = /maxRSS=(\d+)/.exec(r.stderr);
    return { status: r.status, stderr: r.stderr, peakKb: peak ? Number(peak[1]) : Infinity };
  }

  it("refuses a 1.7 MB ZIP bomb within bounded memory, existing directory untouched", () => {
    const db = join(tmp, "db-bomb");
    expect(cli(["directory", "import", file("ok.txt", extractionBytes(referenceRows())), "--db", db]).status).toBe(0);
    const before = snapshot(db);
    const name = "Extraction_Correspondance_MSSante_202608010200.txt";
    const bomb = zeroBomb(1700);
    const bombs: [string, Uint8Array, RegExp][] = [
      ["honest.zip", buildZip([{ name, compressed: bomb, size: 1700 * MiB, crc: 0 }]), /plus que la limite de 512 Mo/],
      ["lying.zip", buildZip([{ name, compressed: bomb, size: 40 * bomb.length, crc: 0 }]), /bombe de décompression/],
    ];
    for (const [label, zip, reason] of bombs) {
      expect(zip.length).toBeLessThan(2 * MiB);
      const r = cliPeak(["directory", "import", file(label, zip), "--db", db]);
      expect(r.status, label).toBe(1);
      expect(r.stderr, label).toMatch(reason);
      expect(r.stderr, label).toMatch(/fichier refusé.*\n.*\(12 entrées, importé le .*\) est conservé/);
      // Inflating it whole took 1.8 GB; the bound is the inflater's chunk, plus Node itself.
      expect(r.peakKb, label).toBeLessThan(250 * 1024);
      expect(snapshot(db), label).toEqual(before);
    }
  });

  it("refuses a text file beyond the size limit without reading it", () => {
    const db = join(tmp, "db-huge");
    const huge = join(tmp, "huge.txt");
    writeFileSync(huge, extractionText(referenceRows()));
    truncateSync(huge, 600 * MiB); // sparse: no disk space used
    const r = cliPeak(["directory", "import", huge, "--db", db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fichier refusé\. Le fichier fait 600 Mo, plus que la limite de 512 Mo/);
    expect(r.peakKb).toBeLessThan(250 * 1024);
    expect(existsSync(db)).toBe(false);
    rmSync(huge);
  });

  it("never writes an entry's name to disk: traversal, absolute and nested entries are refused, nothing appears outside --db", () => {
    const work = join(tmp, "zip-slip");
    const db = join(work, "inner", "db");
    mkdirSync(join(work, "inner"), { recursive: true });
    expect(cli(["directory", "import", file("ok2.txt", extractionBytes(referenceRows())), "--db", db]).status).toBe(0);
    const before = snapshot(db);
    const text = extractionBytes(referenceRows());
    const name = "Extraction_Correspondance_MSSante_202608010200.txt";
    const archives: [string, Uint8Array, RegExp][] = [
      ["slip.zip", buildZip([{ name: `../../${name}`, data: text }]), /chemin dangereux \(« \.\.\/\.\.\/Extraction/],
      ["slip-beside.zip", buildZip([{ name, data: text }, { name: "../../evil.sh", data: new TextEncoder().encode("#!/bin/sh\n") }]), /chemin dangereux/],
      ["absolute.zip", buildZip([{ name: `${work}/${name}`, data: text }]), /chemin dangereux/],
      ["windows.zip", buildZip([{ name: `..\\..\\${name}`, data: text }]), /chemin dangereux/],
      ["nested.zip", buildZip([{ name: "inner.zip", data: zipSync({ [name]: text }) }]), /autre archive/],
      ["encrypted.zip", buildZip([{ name, data: text, flags: 1 }]), /chiffré/],
      ["two.zip", buildZip([{ name, data: text }, { name: `b/${name}`, data: text }]), /plusieurs fichiers/],
    ];
    const outside = (): string[] => [...readdirSync(work), ...readdirSync(join(work, "inner")), ...readdirSync(tmp)].sort();
    const listed = outside();
    for (const [label, zip, reason] of archives) {
      const path = file(label, zip);
      const r = spawnSync(process.execPath, [cliPath, "directory", "import", path, "--db", db], { encoding: "utf8", cwd: db });
      expect(r.status, label).toBe(1);
      expect(r.stderr, label).toMatch(reason);
      expect(r.stderr, label).toMatch(/est conservé/);
      expect(snapshot(db), label).toEqual(before);
      expect(outside(), label).toEqual([...listed, label].sort());
      listed.push(label);
    }
    expect(existsSync(join(work, name))).toBe(false);
    expect(existsSync(join(work, "evil.sh"))).toBe(false);
  });
});

describe("mssante directory search", () => {
  let db: string;
  beforeAll(() => {
    db = join(tmp, "db-search");
    const r = cli(["directory", "import", file("ref.txt", extractionBytes(referenceRows())), "--db", db]);
    if (r.status !== 0) throw new Error(r.stderr);
  });

  it("prints a JSON array of entries with string fields, best first", () => {
    const r = cli(["directory", "search", "dup mar lyon", "--db", db, "--json"]);
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.map((e: { email: string }) => e.email)).toEqual(["marie.dupont@medecin.mssante.fr", "marc.dupuis@chu-lyon.mssante.fr"]);
    for (const e of results) {
      for (const key of ["email", "lastName", "firstName", "profession", "specialty", "organisation", "postalCode", "city", "mailboxType"]) {
        expect(typeof e[key], key).toBe("string");
      }
      expect(["PER", "ORG", "APP", "CAB"]).toContain(e.mailboxType);
    }
    expect(results[1]).toMatchObject({ organisation: "CENTRE HOSPITALIER UNIVERSITAIRE DE LYON", postalCode: "69008", city: "LYON", specialty: "" });
  });

  it("defaults to 10 results, says so in --help, and honours --limit", () => {
    expect(JSON.parse(cli(["directory", "search", "m", "--db", db, "--json"]).stdout)).toHaveLength(10);
    expect(JSON.parse(cli(["directory", "search", "m", "--db", db, "--limit", "3", "--json"]).stdout)).toHaveLength(3);
    expect(JSON.parse(cli(["directory", "search", "   ", "--db", db, "--json"]).stdout)).toEqual([]);
    const help = cli(["directory", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/défaut 10/);
    expect(cli(["directory", "search", "m", "--db", db, "--limit", "zéro"]).status).toBe(2);
    expect(cli(["directory", "search", "helene", "--db", db]).stdout).toMatch(/helene\.martin@infirmier\.mssante\.fr {2}Hélène Martin — Infirmier — 29200 BREST \[PER\]/);
  });

  it("--stdin: one JSON array per query line, in order, from one process", () => {
    const queries = ["le gall", "", "helene", "zzzz", "st etienne", "kiné", "dupont"];
    const r = cli(["directory", "search", "--stdin", "--db", db, "--limit", "2", "--json"], `${queries.join("\n")}\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(queries.length);
    const parsed = lines.map((l) => JSON.parse(l));
    queries.forEach((q, i) => {
      const single = JSON.parse(cli(["directory", "search", q, "--db", db, "--limit", "2", "--json"]).stdout);
      expect(parsed[i], q).toEqual(single);
    });
    expect(parsed[1]).toEqual([]);
    expect(parsed[3]).toEqual([]);
  });

  it("info shows the source and counts", () => {
    const r = cli(["directory", "info", "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Source : ref\.txt/);
    expect(r.stdout).toMatch(/Entrées : 12/);
  });
});

describe("scripts/gen-directory.mjs", () => {
  const gen = (args: string[]): void => {
    const r = spawnSync(process.execPath, [join(root, "scripts/gen-directory.mjs"), ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  };

  it("writes the official format, deterministically, in UTF-8 or Windows-1252, and imports cleanly", () => {
    const a = join(tmp, "gen-a.txt");
    const b = join(tmp, "gen-b.txt");
    const w = join(tmp, "gen-w.txt");
    gen(["3000", a, "--seed", "3"]);
    gen(["3000", b, "--seed", "3"]);
    gen(["3000", w, "--seed", "3", "--encoding", "windows-1252", "--crlf"]);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const text = readFileSync(a, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(OFFICIAL_COLUMNS.join("|"));
    expect(lines).toHaveLength(3001);
    expect(lines.every((l) => l.split("|").length === 31)).toBe(true);
    expect(text).toMatch(/\|Le Gall\||\|LE GALL\|/);
    expect(text).toMatch(/42[01]00 (SAINT|ST) ETIENNE/);

    const dbA = join(tmp, "db-gen-a");
    const dbW = join(tmp, "db-gen-w");
    const ra = cli(["directory", "import", a, "--db", dbA, "--json"]);
    const rw = cli(["directory", "import", w, "--db", dbW, "--json"]);
    const sa = JSON.parse(ra.stdout);
    const sw = JSON.parse(rw.stdout);
    expect(sa.read).toBe(3000);
    expect(sa.skippedReasons.noAddress).toBeGreaterThan(20);
    expect(sa.skippedReasons.noAddress).toBeLessThan(120);
    expect(sw.encoding).toBe("windows-1252");
    expect({ ...sw, source: "", encoding: "", db: "", dataBytes: 0 }).toEqual({ ...sa, source: "", encoding: "", db: "", dataBytes: 0 });
    for (const q of ["saint etienne", "medecin lyon", "kine", "chu"]) {
      const fromA = cli(["directory", "search", q, "--db", dbA, "--json"]).stdout;
      expect(JSON.parse(fromA).length, q).toBeGreaterThan(0);
      expect(cli(["directory", "search", q, "--db", dbW, "--json"]).stdout).toBe(fromA);
    }
  });
});
