// `mssante smime` on several messages from one process (issue 15), spawned through the bundled CLI as
// the acceptance tests do: one JSON object per line, in order, each the same object as the
// one-message form gives; an unreadable message gets its own error line and the run goes on.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AT, PKI_DIR } from "../fixtures/pki/helpers.ts";
import { buildPrivateCli, type PrivateCli } from "../support/private-cli.ts";

let built: PrivateCli;
beforeAll(async () => {
  built = await buildPrivateCli("mssante-smime-batch-");
}, 60_000);
afterAll(() => built.remove());

const f = (p: string) => join(PKI_DIR, p);
const at = AT.toISOString();
const CRLS = [f("crl/personnes.crl"), f("crl/racine.crl")].join(",");
function run(args: string[], input?: string) {
  const r = spawnSync("node", [built.cli, "smime", ...args], { encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lines = (out: string) => {
  expect(out.endsWith("\n")).toBe(true);
  return out.slice(0, -1).split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
};
const FILES = ["good-rsa-detached.eml", "revoked.eml", "good-ec-opaque.eml", "expired.eml", "altered.eml", "not-signed.eml"];
const STATUSES = ["valid", "revoked", "valid", "expired", "altered", "not-signed"];
const common = ["--anchors", f("ca/racine.pem"), "--at", at, "--crl", CRLS, "--json"];

describe("mssante smime with several messages", { timeout: 120_000 }, () => {
  it("one compact JSON object per line, in order, each equal to the one-message output", () => {
    const r = run([...FILES.map((m) => f(`mail/${m}`)), ...common]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(FILES.length + 1);
    const got = lines(r.stdout);
    expect(got.map((v) => v["status"])).toEqual(STATUSES);
    for (const [i, file] of FILES.entries()) {
      const single = run([f(`mail/${file}`), ...common]);
      expect(single.code).toBe(0);
      // The one-message form is unchanged: indented JSON, one object.
      expect(single.stdout.startsWith("{\n  ")).toBe(true);
      expect(got[i]).toEqual(JSON.parse(single.stdout));
    }
  });

  it("--stdin reads one path per line (blank lines and CRLF tolerated)", () => {
    const input = `${f("mail/expired.eml")}\r\n\n${f("mail/good-rsa-detached.eml")}\n${f("mail/revoked.eml")}`;
    const r = run(["--stdin", ...common], input);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((v) => v["status"])).toEqual(["expired", "valid", "revoked"]);
    // One path on stdin is still the batch form: one compact line.
    const one = run(["--stdin", ...common], `${f("mail/good-rsa-detached.eml")}\n`);
    expect(one.stdout.split("\n")).toHaveLength(2);
    expect(lines(one.stdout)[0]!["status"]).toBe("valid");
  });

  it("an unreadable message gets its own error line, the others are verified, exit 1", () => {
    const missing = f("mail/absent.eml");
    const r = run([f("mail/good-rsa-detached.eml"), missing, f("mail"), f("mail/revoked.eml"), ...common]);
    expect(r.code).toBe(1);
    const got = lines(r.stdout);
    expect(got.map((v) => v["status"])).toEqual(["valid", "error", "error", "revoked"]);
    expect(got[1]).toMatchObject({ file: missing, status: "error", valid: false, signed: false });
    expect(got[1]!["error"]).toMatch(/impossible de lire le message .*fichier introuvable/i);
    expect(got[2]!["error"]).toMatch(/répertoire/);
    expect((got[1]!["reasons"] as { code: string }[])[0]!.code).toBe("file-unreadable");
    const viaStdin = run(["--stdin", ...common], `${missing}\n${f("mail/good-ec-opaque.eml")}\n`);
    expect(viaStdin.code).toBe(1);
    expect(lines(viaStdin.stdout).map((v) => v["status"])).toEqual(["error", "valid"]);
  });

  it("human output names each message; usage errors exit 2, unusable anchors exit 1 before any verdict", () => {
    const human = run([f("mail/good-rsa-detached.eml"), f("mail/revoked.eml"), "--anchors", f("ca/racine.pem"), "--at", at, "--crl", CRLS]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^== ${f("mail/good-rsa-detached.eml").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\nStatut : `));
    expect(human.stdout).toMatch(/Statut : Certificat révoqué \(revoked\)/);
    const both = run(["--stdin", f("mail/good-rsa-detached.eml"), ...common], "");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--stdin/);
    const none = run(common);
    expect(none.code).toBe(2);
    const badAnchors = run([f("mail/good-rsa-detached.eml"), f("mail/revoked.eml"), "--anchors", f("mail/not-signed.eml"), "--json"]);
    expect(badAnchors.code).toBe(1);
    expect(badAnchors.stdout).toBe("");
    expect(badAnchors.stderr).toMatch(/aucun certificat trouvé/);
  });
});
