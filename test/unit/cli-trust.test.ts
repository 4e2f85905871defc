// The acceptance contract of `mssante trust`, on the built CLI.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");
const FIX = join(ROOT, "test/fixtures/trust");
const WL = join(FIX, "liste-blanche-test.xml");
const expected = JSON.parse(readFileSync(join(FIX, "messages/expected.json"), "utf8")) as Record<string, Record<string, [string, boolean]>>;

function cli(...args: string[]) {
  return spawnSync("node", [join(ROOT, "dist/cli.js"), ...args], { encoding: "utf8" });
}

beforeAll(() => {
  execFileSync("node", [join(ROOT, "scripts/build.mjs"), "cli"], { stdio: "ignore" });
});

describe("mssante trust", () => {
  for (const [file, byAccount] of Object.entries(expected)) {
    for (const [account, [category, trusted]] of Object.entries(byAccount)) {
      it(`${file} in a ${account} account → ${category}`, () => {
        const r = cli("trust", join(FIX, "messages", file), "--whitelist", WL, "--account", account, "--json");
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        const v = JSON.parse(r.stdout);
        expect(v).toMatchObject({ trusted, category });
        expect(Array.isArray(v.reasons)).toBe(true);
        for (const reason of v.reasons) expect(reason).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      });
    }
  }

  it("human output in French", () => {
    const r = cli("trust", join(FIX, "messages/exterieur.eml"), "--whitelist", WL, "--account", "mssante");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/NON FIABLE — hors espace de confiance/);
  });

  it("unreadable message or bad white list: non-zero, clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "mss-cli-"));
    const bad = join(dir, "bad.xml");
    writeFileSync(bad, "<ListeBlancheMSSante>");
    let r = cli("trust", join(FIX, "messages/exterieur.eml"), "--whitelist", bad, "--account", "mssante", "--json");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/liste blanche inutilisable/);
    r = cli("trust", join(dir, "absent.eml"), "--whitelist", WL, "--account", "mssante", "--json");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/message illisible.*ENOENT/);
    r = cli("trust", join(FIX, "messages/exterieur.eml"), "--whitelist", WL, "--account", "hopital");
    expect(r.status).toBe(2);
  });

  it("a From in Latin-1 bytes is read as Thunderbird shows it (« MSSant\\xe9 »: a claim)", () => {
    const dir = mkdtempSync(join(tmpdir(), "mss-cli-"));
    const file = join(dir, "latin1.eml");
    writeFileSync(file, Buffer.from('From: "Assistance MSSant\xe9" <support@assistance-messagerie.example>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nx\r\n', "latin1"));
    const r = cli("trust", file, "--whitelist", WL, "--account", "other", "--json");
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(v.reasons.map((x: { code: string }) => x.code)).toContain("claims-mssante");
  });

  it("a binary or empty file still gets a verdict", () => {
    const dir = mkdtempSync(join(tmpdir(), "mss-cli-"));
    writeFileSync(join(dir, "empty.eml"), "");
    writeFileSync(join(dir, "bin.eml"), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    for (const f of ["empty.eml", "bin.eml"]) {
      const r = cli("trust", join(dir, f), "--whitelist", WL, "--account", "mssante", "--json");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ trusted: false });
    }
  });
});
