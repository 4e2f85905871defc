// `mssante directory import` killed (kill -9, crash, power cut) at any point: the index in use
// stays intact and what the dead process left behind (temp files, an uncommitted data file) is
// removed by the next run, but never what a live concurrent import is still writing.
// The CLI is bundled into a private temporary file, as in pki-cli.test.ts: other test files
// rebuild dist/cli.js concurrently.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPrivateCli } from "../support/private-cli.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractionBytes, referenceRows } from "../fixtures/directory/extraction.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
let tmp = "";
let cliPath = "";
let bigA = "";
let bigB = "";
const children: ChildProcess[] = [];

beforeAll(async () => {
  ({ dir: tmp, cli: cliPath } = await buildPrivateCli("mssante-directory-kill-"));
  // Big enough that writing the index (~3 MB) takes some milliseconds, so kills land inside it.
  bigA = join(tmp, "Extraction_Correspondance_MSSante_A.txt");
  bigB = join(tmp, "Extraction_Correspondance_MSSante_B.txt");
  for (const [out, seed] of [[bigA, "1"], [bigB, "2"]] as const) {
    const r = spawnSync(process.execPath, [join(root, "scripts/gen-directory.mjs"), "20000", out, "--seed", seed], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  }
}, 120_000);

afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", cwd: tmp });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TEMP = /\.tmp-\d+$/;

/** A PID that no process has any more (the child has exited and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "0"]);
  return r.pid!;
}

function liveChild(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
  children.push(child);
  return child;
}

/** The index answers (which also cleans up), and its manifest names a data file that exists. */
function expectIntact(db: string, entries: number[], label: string): void {
  const search = cli(["directory", "search", "martin", "--db", db, "--json"]);
  expect(search.status, `${label}: ${search.stderr}`).toBe(0);
  expect((JSON.parse(search.stdout) as unknown[]).length, label).toBeGreaterThan(0);
  const manifest = JSON.parse(readFileSync(join(db, "manifest.json"), "utf8")) as { entries: number; dataFile: string };
  expect(entries, label).toContain(manifest.entries);
  expect(readdirSync(db), label).toContain(manifest.dataFile);
}

describe("directory import interrupted", () => {
  it("removes the temp and uncommitted files of dead processes, never a live import's", async () => {
    const db = join(tmp, "db-leftovers");
    expect(cli(["directory", "import", writeTo("ok.txt", extractionBytes(referenceRows())), "--db", db]).status).toBe(0);
    const dead = deadPid();
    const live = liveChild().pid!;
    const deadFiles = [`directory-20260801T020000000Z-${dead}.idx.tmp-${dead}`, `manifest.json.tmp-${dead}`, `directory-20260801T020000000Z-${dead}.idx`];
    const liveFiles = [`directory-20260801T030000000Z-${live}.idx.tmp-${live}`, `manifest.json.tmp-${live}`, `directory-20260801T030000000Z-${live}.idx`];
    const plant = (names: string[]): void => names.forEach((n) => writeFileSync(join(db, n), "half-written"));
    plant([...deadFiles, ...liveFiles, "notes.txt"]);

    // Opening the index (search, info) cleans up, as does the next import.
    const runs: [string, string[]][] = [
      ["search", ["directory", "search", "dupont", "--db", db, "--json"]],
      ["info", ["directory", "info", "--db", db]],
      ["import", ["directory", "import", join(tmp, "ok.txt"), "--db", db]],
      ["refused import", ["directory", "import", writeTo("empty.txt", ""), "--db", db]],
    ];
    for (const [label, args] of runs) {
      plant(deadFiles);
      const r = cli(args);
      expect(r.stderr, label).not.toMatch(/erreur inattendue/);
      const names = readdirSync(db);
      for (const n of deadFiles) expect(names, label).not.toContain(n);
      for (const n of [...liveFiles, "notes.txt"]) expect(names, label).toContain(n);
      expect(JSON.parse(cli(["directory", "search", "dupont", "--db", db, "--json"]).stdout).length, label).toBeGreaterThan(0);
    }

    // Once the other import is gone, its files are leftovers too.
    const other = children.pop()!;
    other.kill("SIGKILL");
    // Until reaped, a killed process is a zombie that signal 0 still finds.
    if (other.exitCode === null && other.signalCode === null) await once(other, "exit");
    expect(cli(["directory", "info", "--db", db]).status).toBe(0);
    const names = readdirSync(db).sort();
    expect(names.filter((n) => TEMP.test(n))).toEqual([]);
    expect(names.filter((n) => n.endsWith(".idx"))).toHaveLength(1);
    expect(names).toContain("notes.txt");
  });

  it("concurrent imports never delete the data file the manifest points to", async () => {
    const db = join(tmp, "db-concurrent");
    const small = writeTo("ref.txt", extractionBytes(referenceRows()));
    expect(cli(["directory", "import", small, "--db", db]).status).toBe(0);
    for (let round = 0; round < 3; round++) {
      const runs = [bigA, bigB, small, bigA].map((f) => spawn(process.execPath, [cliPath, "directory", "import", f, "--db", db, "--force"], { stdio: "ignore" }));
      const codes = await Promise.all(runs.map(async (c) => (c.exitCode ?? (await once(c, "exit"))[0]) as number));
      expect(codes, `round ${round}`).toEqual([0, 0, 0, 0]);
      expectIntact(db, [12, ...bigEntries()], `round ${round}`);
      expect(readdirSync(db).sort(), `round ${round}`).toHaveLength(2);
    }
  }, 120_000);

  it("survives kill -9 at any point of an import: index intact, leftovers gone after the next run", async () => {
    const db = join(tmp, "db-kill");
    const a = JSON.parse(cli(["directory", "import", bigA, "--db", db, "--json"]).stdout) as { indexed: number };
    const started = Date.now();
    const b = JSON.parse(cli(["directory", "import", bigB, "--db", db, "--json"]).stdout) as { indexed: number };
    const duration = Date.now() - started;
    const entries = [a.indexed, b.indexed];

    let staleSeen = 0;
    const kills = 16;
    for (let k = 0; k < kills; k++) {
      const label = `kill ${k}`;
      const child = spawn(process.execPath, [cliPath, "directory", "import", k % 2 ? bigA : bigB, "--db", db], { stdio: "ignore" });
      children.push(child);
      if (k % 4 === 3) {
        // Anywhere in the import, reading and indexing included.
        const wait = Math.floor(((k + 1) / kills) * duration);
        spawnSync(process.execPath, ["-e", `setTimeout(() => {}, ${wait})`]);
      } else {
        // Inside the write: as soon as a temp file shows up.
        // Polled every millisecond, leaving the CPU to the import: the write lasts ~10 ms, and the
        // child's exit must still be noticed when it finishes first.
        while (!readdirSync(db).some((n) => TEMP.test(n)) && child.exitCode === null) await sleep(1);
      }
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
      children.pop();
      if (readdirSync(db).some((n) => TEMP.test(n))) staleSeen++;
      expectIntact(db, entries, label);
      const names = readdirSync(db);
      expect(names.filter((n) => TEMP.test(n)), label).toEqual([]);
      expect(names.filter((n) => n.endsWith(".idx")), label).toHaveLength(1);
    }
    // The test did exercise the case the review found.
    expect(staleSeen).toBeGreaterThan(0);

    const r = cli(["directory", "import", bigA, "--db", db, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(db).sort()).toHaveLength(2);
    expectIntact(db, [a.indexed], "final import");
  }, 240_000);
});

let bigCounts: number[] | undefined;
function bigEntries(): number[] {
  bigCounts ??= [bigA, bigB].map((f) => {
    const db = mkdtempSync(join(tmp, "count-"));
    return (JSON.parse(cli(["directory", "import", f, "--db", db, "--json"]).stdout) as { indexed: number }).indexed;
  });
  return bigCounts;
}

function writeTo(name: string, bytes: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}
