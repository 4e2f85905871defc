// `mssante directory`: import the Annuaire Santé extraction into a local index, and search it.
// The filesystem side of src/core/directory: the index is one data file plus manifest.json in the
// --db folder; a new import is written beside the old one and committed by renaming manifest.json,
// so a refused or interrupted import leaves the index as it was. An import killed mid-write leaves
// a temp file (or an uncommitted data file) that the next run removes once its writer is dead.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIo } from "./io.ts";
import {
  buildDirectoryIndex,
  DEFAULT_LIMIT,
  DirectoryImportError,
  DirectoryIndex,
  MAX_EXTRACTION_BYTES,
  MAX_LIMIT,
  tooLargeError,
  type DirectoryEntry,
  type DirectoryManifest,
} from "../core/directory/index.ts";

export const summary = "annuaire santé : import de l'extraction, recherche";

const MANIFEST = "manifest.json";

const HELP = `Usage :
  mssante directory import FICHIER --db DOSSIER [--force] [--json]
      Importe l'extraction Extraction_Correspondance_MSSante (le .txt, ou le .zip de l'ANS qui le
      contient) dans l'index local du DOSSIER, et affiche les lignes lues, indexées et ignorées.
      Un fichier refusé (en-tête, colonnes, données binaires, fichier tronqué, archive suspecte,
      plus de 512 Mo une fois décompressé, ou beaucoup plus petit que l'annuaire actuel) laisse
      le DOSSIER tel quel ; rien n'est jamais extrait de l'archive sur le disque. --force accepte un fichier bien
      plus petit que l'annuaire actuel.
  mssante directory search "REQUÊTE" --db DOSSIER [--limit N] [--json]
      Cherche par début de mots, dans n'importe quel ordre, sans tenir compte des accents ni de la
      casse : nom, prénom, profession, spécialité, structure, ville, code postal, adresse.
      --limit N : nombre maximal de résultats (défaut ${DEFAULT_LIMIT}, au plus ${MAX_LIMIT}).
      --json : un tableau JSON, meilleurs résultats d'abord.
  mssante directory search --stdin --db DOSSIER [--limit N] --json
      Une requête par ligne sur l'entrée standard ; un tableau JSON par ligne, dans l'ordre.
  mssante directory info --db DOSSIER [--json]
      Source, date d'import et nombre d'entrées de l'index.
`;

interface StoredManifest extends DirectoryManifest {
  dataFile: string;
  dataBytes: number;
}

class UsageError extends Error {}

function readManifest(dir: string): StoredManifest | null {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  return JSON.parse(text) as StoredManifest;
}

function noIndex(dir: string): Error {
  return new Error(`aucun annuaire importé dans ${dir} : lancer d'abord « mssante directory import FICHIER --db ${dir} ».`);
}

function loadIndex(dir: string): DirectoryIndex {
  removeLeftovers(dir);
  // A concurrent import may commit and delete the data file between the two reads: read again.
  for (let attempt = 0; ; attempt++) {
    const manifest = readManifest(dir);
    if (!manifest) throw noIndex(dir);
    try {
      return DirectoryIndex.load(readFileSync(join(dir, manifest.dataFile)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 2) throw err;
    }
  }
}

/** What writeDurably leaves behind when its process dies between open and rename. */
const TEMP_FILE = /^(?:manifest\.json|directory-[^/\\]*\.idx)\.tmp-(\d+)$/;
/** A data file names the process that wrote it: `directory-<time>-<pid>.idx`. */
const DATA_FILE = /^directory-[^/\\]*-(\d+)\.idx$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temp files of dead imports (killed, crashed, power cut) and the data files no
 * manifest refers to. Never a live import's: its temp and data files are only removed by itself,
 * and it may still commit them. Liveness is checked before the manifest is read, so a process
 * that committed and then died is seen committed. A PID reused by an unrelated process only
 * delays the removal to a later run. Best effort: a read-only folder is still searchable.
 */
function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const dead = new Map<number, boolean>();
  const isDead = (pid: number): boolean => {
    let d = dead.get(pid);
    if (d === undefined) dead.set(pid, (d = pid > 0 && !processAlive(pid)));
    return d;
  };
  const temps = names.filter((n) => {
    const m = TEMP_FILE.exec(n);
    return m !== null && isDead(Number(m[1]));
  });
  const data = names.filter((n) => {
    const m = DATA_FILE.exec(n);
    return m !== null && (Number(m[1]) === process.pid || isDead(Number(m[1])));
  });
  let current: string | undefined;
  try {
    current = readManifest(dir)?.dataFile;
  } catch {
    // Unreadable manifest: keep every data file, one of them may be what it meant.
    current = undefined;
    data.length = 0;
  }
  for (const name of [...temps, ...data.filter((n) => n !== current)]) {
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // Read-only folder, or removed meanwhile by another run.
    }
  }
}

function writeDurably(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    // A full disk must not leave a half-written file for every later attempt.
    rmSync(tmp, { force: true });
    throw err;
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every filesystem lets a directory be opened for fsync; the renames are still atomic.
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} Mo` : `${Math.ceil(n / 1024)} Ko`;
}

async function runImport(file: string, dir: string, force: boolean, json: boolean, io: CliIo): Promise<number> {
  removeLeftovers(dir);
  let current: StoredManifest | null = null;
  try {
    current = readManifest(dir);
  } catch {
    // An unreadable manifest means no usable index: the import is the way out.
  }
  const refuse = (err: DirectoryImportError): number => {
    const kept = current ? `L'annuaire existant (${current.entries} entrées, importé le ${current.importedAt}) est conservé.` : "Aucun annuaire n'a été créé.";
    io.stderr(`mssante directory import : fichier refusé. ${err.message}\n${kept}\n`);
    return 1;
  };
  let raw: Uint8Array;
  try {
    // Checked before reading: a huge file would exhaust memory before the core could refuse it.
    const size = statSync(file).size;
    if (size > MAX_EXTRACTION_BYTES) return refuse(tooLargeError(size, MAX_EXTRACTION_BYTES));
    raw = readFileSync(file);
  } catch (err) {
    io.stderr(`mssante directory : impossible de lire ${file} (${(err as Error).message}).\n`);
    return 1;
  }
  const importedAt = new Date().toISOString();
  let built;
  try {
    built = buildDirectoryIndex(raw, {
      sourceName: basename(file),
      importedAt,
      previousEntries: current?.entries ?? 0,
      force,
    });
  } catch (err) {
    if (err instanceof DirectoryImportError) return refuse(err);
    throw err;
  }
  const { data, manifest } = built;

  // Commit point: manifest.json is renamed over the old one only once the new data file is on disk.
  const dataFile = `directory-${importedAt.replace(/[-:.]/g, "")}-${process.pid}.idx`;
  try {
    mkdirSync(dir, { recursive: true });
    writeDurably(join(dir, dataFile), data);
    const stored: StoredManifest = { ...manifest, dataFile, dataBytes: data.length };
    writeDurably(join(dir, MANIFEST), `${JSON.stringify(stored, null, 2)}\n`);
  } catch (err) {
    // The manifest was not replaced: the old index is still the one in use.
    rmSync(join(dir, dataFile), { force: true });
    const kept = current ? `L'annuaire existant (${current.entries} entrées) est conservé.` : "Aucun annuaire n'a été créé.";
    io.stderr(`mssante directory import : impossible d'écrire l'index dans ${dir} (${(err as Error).message}). ${kept}\n`);
    return 1;
  }
  syncDir(dir);
  removeLeftovers(dir);

  const r = manifest.rows;
  if (json) {
    io.stdout(`${JSON.stringify({ source: manifest.source, encoding: manifest.encoding, read: r.read, indexed: r.indexed, skipped: r.skipped, skippedReasons: r.skippedReasons, db: resolve(dir), dataBytes: data.length })}\n`);
    return 0;
  }
  io.stdout(
    [
      `Import de ${manifest.source} (${manifest.encoding === "utf-8" ? "UTF-8" : "Windows-1252"}) :`,
      `  lignes lues (read) : ${r.read}`,
      `  entrées indexées (indexed) : ${r.indexed}`,
      `  lignes ignorées (skipped) : ${r.skipped}`,
      `    sans adresse BAL (no address) : ${r.skippedReasons.noAddress}`,
      `    adresse invalide (invalid address) : ${r.skippedReasons.invalidAddress}`,
      `    doublons, même adresse au même lieu (duplicate) : ${r.skippedReasons.duplicate}`,
      `Index : ${resolve(dir)} (${formatBytes(data.length)}, ${manifest.personalEntries} BAL personnelles)`,
      "",
    ].join("\n"),
  );
  return 0;
}

function describe(e: DirectoryEntry): string {
  const who = [e.civility, e.firstName, e.lastName].filter(Boolean).join(" ") || e.organisation;
  const what = [e.profession, e.specialty].filter(Boolean).join(", ");
  const where = [e.organisation !== who ? e.organisation : "", [e.postalCode, e.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return `${e.email}  ${who}${what ? ` — ${what}` : ""}${where ? ` — ${where}` : ""} [${e.mailboxType}]`;
}

async function runSearch(query: string | undefined, dir: string, limit: number, stdin: boolean, json: boolean, io: CliIo): Promise<number> {
  const index = loadIndex(dir);
  const print = (results: DirectoryEntry[]): void => {
    if (json) io.stdout(`${JSON.stringify(results)}\n`);
    else io.stdout(results.length === 0 ? "(aucun résultat)\n" : `${results.map(describe).join("\n")}\n`);
  };
  if (stdin) {
    for await (const line of io.readStdin()) print(index.search(line, { limit }));
    return 0;
  }
  print(index.search(query ?? "", { limit }));
  return 0;
}

function runInfo(dir: string, json: boolean, io: CliIo): number {
  removeLeftovers(dir);
  const m = readManifest(dir);
  if (!m) throw noIndex(dir);
  if (json) io.stdout(`${JSON.stringify(m)}\n`);
  else {
    io.stdout(
      `Source : ${m.source}\nImporté le : ${m.importedAt}\nEntrées : ${m.entries} (${m.personalEntries} personnelles)\n` +
        `Lignes lues : ${m.rows.read}, ignorées : ${m.rows.skipped}\nIndex : ${join(dir, m.dataFile)} (${formatBytes(statSync(join(dir, m.dataFile)).size)})\n`,
    );
  }
  return 0;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout(HELP);
    return sub === undefined ? 2 : 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean", default: false },
        stdin: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const dir = values.db;
    if (!dir) throw new UsageError("l'option --db DOSSIER est obligatoire.");
    switch (sub) {
      case "import": {
        if (positionals.length !== 1) throw new UsageError("indiquer un seul FICHIER à importer.");
        return await runImport(positionals[0]!, dir, values.force, values.json, io);
      }
      case "search": {
        let limit = DEFAULT_LIMIT;
        if (values.limit !== undefined) {
          limit = Number(values.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit attend un entier de 1 à ${MAX_LIMIT}.`);
        }
        if (values.stdin ? positionals.length !== 0 : positionals.length !== 1) {
          throw new UsageError(values.stdin ? "avec --stdin, les requêtes se lisent sur l'entrée standard." : "indiquer une REQUÊTE (entre guillemets) ou --stdin.");
        }
        return await runSearch(positionals[0], dir, limit, values.stdin, values.json, io);
      }
      case "info":
        return runInfo(dir, values.json, io);
      default:
        throw new UsageError(`sous-commande inconnue « ${sub} ».`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`mssante directory : ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    io.stderr(`mssante directory : ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
