// `mssante smime` and `mssante cert`, spawned as the acceptance tests do. The CLI is bundled from
// src/cli/main.ts with the same esbuild options as `node scripts/build.mjs cli`, but into a private
// temporary file: other test files rebuild dist/cli.js concurrently, and spawning a file being
// rewritten would make this test flaky.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPrivateCli } from "../support/private-cli.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AT, PKI_DIR } from "../fixtures/pki/helpers.ts";

let dir = "";
let cli = "";

beforeAll(async () => {
  ({ dir, cli } = await buildPrivateCli("mssante-pki-cli-"));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f = (p: string) => join(PKI_DIR, p);
function run(...args: string[]) {
  const r = spawnSync("node", [cli, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}
const at = AT.toISOString();
const CRLS = [f("crl/personnes.crl"), f("crl/racine.crl"), f("crl/organisations.crl")].join(",");

describe("mssante smime", { timeout: 60_000 }, () => {
  it.each([
    ["good-rsa-detached.eml", "valid"],
    ["good-ec-opaque.eml", "valid"],
    ["altered.eml", "altered"],
    ["wrong-signer.eml", "signer-mismatch"],
    ["expired.eml", "expired"],
    ["revoked.eml", "revoked"],
    ["untrusted.eml", "untrusted-issuer"],
    ["sha1-rsa-detached.eml", "weak-algorithm"],
    ["future-signing-time.eml", "signing-time-mismatch"],
    ["nested.eml", "nested-signature"],
    ["encrypted.eml", "encrypted"],
    ["not-signed.eml", "not-signed"],
  ])("%s → %s (exit 0, one JSON object)", (file, status) => {
    const r = run("smime", f(`mail/${file}`), "--anchors", f("ca/racine.pem"), "--at", at, "--crl", CRLS, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const v = r.json();
    expect(v["status"]).toBe(status);
    expect(v["valid"]).toBe(status === "valid");
    expect(typeof v["signed"]).toBe("boolean");
    expect(Array.isArray(v["reasons"])).toBe(true);
    for (const reason of v["reasons"] as { code: string; message: string }[]) {
      expect(typeof reason.code).toBe("string");
      expect(typeof reason.message).toBe("string");
    }
  });

  it("signer identity in the JSON", () => {
    const v = run("smime", f("mail/good-rsa-detached.eml"), "--anchors", f("ca/racine.pem"), "--at", at, "--json").json();
    expect(v["signer"]).toMatchObject({
      email: "jean.dupont@medecin.mssante.fr",
      rppsOrIdNat: "810001234567",
      subject: expect.stringContaining("CN=JEAN DUPONT"),
      issuer: expect.stringContaining("CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES"),
    });
    // Without --crl: valid, with the reason saying revocation was not checked.
    expect(v["status"]).toBe("valid");
    expect((v["reasons"] as { code: string }[]).map((r) => r.code)).toContain("revocation-not-checked");
    expect(run("smime", f("mail/not-signed.eml"), "--anchors", f("ca/racine.pem"), "--json").json()["signer"]).toBeNull();
  });

  it("--require-revocation, several anchor files, --at changes the verdict", () => {
    expect(run("smime", f("mail/revoked.eml"), "--anchors", f("ca/racine.pem"), "--at", at, "--require-revocation", "--json").json()["status"]).toBe(
      "revocation-unknown",
    );
    const two = run("smime", f("mail/untrusted.eml"), "--anchors", `${f("ca/racine.pem")},${f("ca/autre-racine.pem")}`, "--at", at, "--json");
    expect(two.json()["status"]).toBe("valid");
    expect(run("smime", f("mail/good-rsa-detached.eml"), "--anchors", f("ca/racine.pem"), "--at", "2041-01-01", "--json").json()["status"]).toBe(
      "expired",
    );
  });

  it("human output in French", () => {
    const r = run("smime", f("mail/revoked.eml"), "--anchors", f("ca/racine.pem"), "--at", at, "--crl", CRLS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Statut : Certificat révoqué \(revoked\)/);
    expect(r.stdout).toMatch(/Identifiant national \(RPPS\/idNat\) : 810007777777/);
  });

  it("unusable inputs: non-zero exit and a French message on stderr", () => {
    const missing = run("smime", f("mail/nope.eml"), "--anchors", f("ca/racine.pem"), "--json");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/impossible de lire le message .*fichier introuvable/);
    expect(missing.stdout).toBe("");
    const noAnchors = run("smime", f("mail/good-rsa-detached.eml"), "--json");
    expect(noAnchors.code).toBe(2);
    expect(noAnchors.stderr).toMatch(/--anchors est obligatoire/);
    const badAnchors = run("smime", f("mail/good-rsa-detached.eml"), "--anchors", f("mail/not-signed.eml"), "--json");
    expect(badAnchors.code).toBe(1);
    expect(badAnchors.stderr).toMatch(/aucun certificat trouvé/);
    const brokenPem = join(dir, "broken.pem");
    writeFileSync(brokenPem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const broken = run("smime", f("mail/good-rsa-detached.eml"), "--anchors", brokenPem, "--json");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/autorités de confiance .* inutilisables/);
    const badAt = run("smime", f("mail/good-rsa-detached.eml"), "--anchors", f("ca/racine.pem"), "--at", "hier");
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toMatch(/date invalide/);
    const badCrl = run("smime", f("mail/good-rsa-detached.eml"), "--anchors", f("ca/racine.pem"), "--crl", f("ca/racine.pem"));
    expect(badCrl.code).toBe(1);
    expect(badCrl.stderr).toMatch(/liste de révocation .* inutilisable/);
  });

  it("a hostile message still gets a verdict (exit 0)", () => {
    const hostile = join(dir, "hostile.eml");
    writeFileSync(hostile, 'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=z\r\n\r\n--z\r\n\r\nx\r\n--z\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\nMIIFAAYJKoZIhvcNAQcCoIIE\r\n--z--\r\n');
    const r = run("smime", hostile, "--anchors", f("ca/racine.pem"), "--json");
    expect(r.code).toBe(0);
    expect(r.json()["status"]).toBe("malformed");
  });
});

describe("mssante cert", { timeout: 60_000 }, () => {
  it("valid chain with the expected fields", () => {
    const r = run("cert", f("chains/serveur.pem"), "--anchors", f("ca/racine.pem"), "--at", "2039-12-20T00:00:00Z", "--crl", CRLS, "--json");
    expect(r.code).toBe(0);
    const v = r.json();
    expect(v).toMatchObject({ valid: true, status: "valid", daysLeft: 12, notAfter: "2040-01-01T00:00:00.000Z" });
    expect(v["subject"]).toMatch(/^CN=mail\.operateur-test\.mssante\.fr,/);
    expect(v["issuer"]).toMatch(/^CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS,/);
    expect((v["warnings"] as { code: string }[]).map((w) => w.code)).toEqual(["expires-soon"]);
  });

  it.each([
    ["serveur-revoque", "revoked"],
    ["serveur-expire", "expired"],
    ["serveur-sans-intermediaire", "untrusted-issuer"],
  ])("%s → %s", (chain, status) => {
    const r = run("cert", f(`chains/${chain}.pem`), "--anchors", f("ca/racine.pem"), "--at", at, "--crl", CRLS, "--json");
    expect(r.code).toBe(0);
    expect(r.json()["status"]).toBe(status);
  });

  it("--issuer-cn, --domain with --whitelist", () => {
    const wrong = run("cert", f("chains/serveur-mauvaise-ac.pem"), "--anchors", f("ca/racine.pem"), "--at", at, "--issuer-cn", "ELEMENTAIRE ORGANISATIONS$", "--json");
    expect(wrong.json()["status"]).toBe("wrong-issuer-ca");
    const xml = join(dir, "liste.xml");
    writeFileSync(
      xml,
      `<?xml version="1.0" encoding="UTF-8"?><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>2026-01-01T00:00:00Z</DateDeGeneration><ListeDomaines>` +
        `<Domaine><Nom>operateur-test.mssante.fr</Nom><Description>TEST</Description><DNCertificatOperateur>CN=mail.operateur-test.mssante.fr, OU=318310021300099, O=OPERATEUR TEST, ST=Rhone (69), C=FR</DNCertificatOperateur><ResponsableContact></ResponsableContact><SupportContact></SupportContact><DateMAJ>2026-01-01T00:00:00Z</DateMAJ></Domaine>` +
        `<Domaine><Nom>autre.mssante.fr</Nom><Description>AUTRE</Description><DNCertificatOperateur>CN=mx.autre.fr,O=AUTRE,C=FR</DNCertificatOperateur><ResponsableContact></ResponsableContact><SupportContact></SupportContact><DateMAJ>2026-01-01T00:00:00Z</DateMAJ></Domaine>` +
        `</ListeDomaines></ListeBlancheMSSante>`,
    );
    const listed = run("cert", f("chains/serveur.pem"), "--anchors", f("ca/racine.pem"), "--at", at, "--domain", "operateur-test.mssante.fr", "--whitelist", xml, "--json");
    expect(listed.stderr).toBe("");
    expect(listed.json()["status"]).toBe("valid");
    const other = run("cert", f("chains/serveur.pem"), "--anchors", f("ca/racine.pem"), "--at", at, "--domain", "autre.mssante.fr", "--whitelist", xml, "--json");
    expect(other.json()["status"]).toBe("not-whitelisted");
    const half = run("cert", f("chains/serveur.pem"), "--anchors", f("ca/racine.pem"), "--domain", "autre.mssante.fr");
    expect(half.code).toBe(2);
  });

  it("unusable chain file", () => {
    const r = run("cert", f("mail/not-signed.eml"), "--anchors", f("ca/racine.pem"), "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/aucun certificat trouvé/);
  });
});
