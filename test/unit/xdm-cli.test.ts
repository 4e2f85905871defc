// `mssante xdm`, spawned as the acceptance tests do, on fixtures written at run time.
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPrivateCli, type PrivateCli } from "../support/private-cli.ts";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JEANNE, makeEml, makeXdm, PAUL, xdmEntries, xdmSubject } from "../fixtures/xdm/make-xdm.ts";

let dir = "";
let cli = "";

let bundle: PrivateCli | undefined;
beforeAll(async () => {
  bundle = await buildPrivateCli("mssante-xdm-cli-");
  dir = bundle.dir;
  cli = bundle.cli;
}, 60_000);
afterAll(() => bundle?.remove());

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function run(...args: string[]) {
  const r = spawnSync("node", [cli, ...args], { encoding: "utf8", cwd: dir });
  // The JSON is checked field by field against the contract: a loose type keeps the tests short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, any> };
}

describe("mssante xdm", () => {
  it("a message: the contract's fields", () => {
    const r = run("xdm", file("ok.eml", makeEml()), "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({
      found: true,
      status: "ok",
      patient: { lastName: "DUPONT", firstNames: "Jeanne Marie", birthDate: "1962-03-15", sex: "F", ins: { value: JEANNE.ins, oid: "1.2.250.1.213.1.4.8" } },
      problems: [],
      sendHeaders: { "X-MSS-CODECDA": "11502-2,PRESC-BIO", "X-MSS-INS": "O" },
      subject: { title: "CR de biologie DUPONT Jeanne 15/03/1962" },
    });
    for (const d of out.documents) for (const k of ["title", "typeCode", "typeCodeSystem", "creationTime", "uri", "mediaType", "sizeOk", "hashOk"]) expect(d).toHaveProperty(k);
    expect(out.documents.map((d: { hashOk: boolean; sizeOk: boolean }) => d.sizeOk && d.hashOk)).toEqual([true, true]);
  });

  it("a ZIP given directly", () => {
    const out = run("xdm", file("IHE_XDM.ZIP", makeXdm({ prefix: "default" })), "--json").json();
    expect(out).toMatchObject({ found: true, status: "ok", attachment: null });
    expect(out.documents).toHaveLength(2);
  });

  it("problems carry a code, a French message, and its _locales key and parameters", () => {
    const out = run("xdm", file("mismatch.eml", makeEml({ subject: xdmSubject("CR", PAUL) })), "--json").json();
    expect(out.problems).toEqual([
      { code: "subject-patient-mismatch", message: expect.stringMatching(/autre patient/), key: "xdmSubjectPatientMismatch", params: [expect.stringContaining("MARTIN"), expect.any(String)] },
    ]);
  });

  it("no XDM: found false, status not-found, exit 0", () => {
    const r = run("xdm", file("none.eml", makeEml({ zip: null })), "--json");
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ found: false, status: "not-found", documents: [], problems: [] });
  });

  it("a hostile XDM: exit 0, found true, an error status, nothing written", () => {
    const evil = file("evil.zip", zipSync({ ...xdmEntries(), "../../evil.sh": strToU8("x") }));
    const before = readdirSync(dir).sort();
    const r = run("xdm", evil, "--json");
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ found: true, status: "zip-unsafe-path" });
    expect(readdirSync(dir).sort()).toEqual([...before].sort());
    const laughs = run("xdm", file("laughs.zip", makeXdm({ metadata: '<!DOCTYPE a [<!ENTITY a "aaaa">]><a>&a;</a>' })), "--json");
    expect(laughs.json()).toMatchObject({ found: true, status: "xml-doctype" });
  });

  it("text output in French", () => {
    const r = run("xdm", file("ok2.eml", makeEml()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Patient : DUPONT Jeanne Marie, né\(e\) le 15\/03\/1962/);
    expect(r.stdout).toMatch(/intègre/);
  });

  it("usage errors exit 2, an unreadable file exits 1, --help exits 0", () => {
    expect(run("xdm").code).toBe(2);
    expect(run("xdm", "a.eml", "b.eml").code).toBe(2);
    expect(run("xdm", "--frobnicate", "a.eml").code).toBe(2);
    const missing = run("xdm", join(dir, "absent.eml"), "--json");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/introuvable/);
    const help = run("xdm", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage : mssante xdm/);
    expect(run("--help").stdout).toMatch(/xdm +lit les documents de santé/);
  });
});
