// `mssante check`: the one state of a message, spawned as the acceptance tests do, with the
// `trust` and `smime` commands' objects inside, equal to what those commands print.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildPrivateCli, type PrivateCli } from "../support/private-cli.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AT, PKI_DIR } from "../fixtures/pki/helpers.ts";

const ROOT_DIR = join(PKI_DIR, "../../..");
let dir = "";
let cli = "";

let bundle: PrivateCli | undefined;
beforeAll(async () => {
  bundle = await buildPrivateCli("mssante-check-cli-");
  dir = bundle.dir;
  cli = bundle.cli;
}, 60_000);
afterAll(() => bundle?.remove());

const LIST = join(ROOT_DIR, "test/fixtures/trust/liste-blanche-test.xml");
const mail = (f: string) => join(PKI_DIR, "mail", f);
const common = (account = "mssante") => ["--whitelist", LIST, "--account", account, "--anchors", join(PKI_DIR, "ca/racine.pem"), "--crl", join(PKI_DIR, "crl/personnes.crl"), "--at", AT.toISOString()];
function run(...args: string[]) {
  const r = spawnSync("node", [cli, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

describe("mssante check", () => {
  it.each([
    ["good-rsa-detached.eml", "mssante", "ok", null],
    ["altered.eml", "mssante", "danger", "signature"],
    ["revoked.eml", "mssante", "danger", "signature"],
    ["untrusted.eml", "mssante", "warning", "signature"],
    ["good-rsa-detached.eml", "other", "danger", "trust"],
    ["not-signed.eml", "mssante", "ok", null],
  ])("%s in an %s account → %s", (file, account, level, part) => {
    const r = run("check", mail(file), ...common(account), "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = r.json() as { level: string; decisive: { part: string } | null };
    expect(out.level).toBe(level);
    expect(out.decisive?.part ?? null).toBe(part);
  });

  it("carries the trust and smime commands' own objects, unchanged", () => {
    const out = run("check", mail("altered.eml"), ...common(), "--json").json();
    const trust = run("trust", mail("altered.eml"), "--whitelist", LIST, "--account", "mssante", "--json").json();
    const smime = run("smime", mail("altered.eml"), "--anchors", join(PKI_DIR, "ca/racine.pem"), "--crl", join(PKI_DIR, "crl/personnes.crl"), "--at", AT.toISOString(), "--json").json();
    expect(out.trust).toEqual(trust);
    // checkedAt is the time of each run.
    expect({ ...(out.signature as object), checkedAt: 0 }).toEqual({ ...smime, checkedAt: 0 });
  });

  it("bad usage and unreadable inputs: non-zero exit and a French message", () => {
    expect(run("check", "--json").code).toBe(2);
    const noList = run("check", mail("altered.eml"), "--account", "mssante", "--anchors", join(PKI_DIR, "ca/racine.pem"), "--json");
    expect(noList.code).toBe(2);
    expect(noList.stderr).toMatch(/mssante check : il faut/);
    const missing = run("check", join(dir, "absent.eml"), ...common(), "--json");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/illisible|introuvable|impossible/);
  });
});
