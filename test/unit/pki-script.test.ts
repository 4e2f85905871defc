// scripts/make-test-pki.sh works from a clean clone (Debian openssl), and the real IGC-Santé root
// matches the fingerprint pinned in src/core/pki/igc-sante.ts when ../shared is present.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCertificates } from "../../src/core/pki/certificate.ts";
import { parseCrls } from "../../src/core/pki/crl.ts";
import { defaultCrypto } from "../../src/core/pki/crypto.ts";
import { colonHex } from "../../src/core/pki/der.ts";
import { IGC_SANTE_ROOTS, isPinnedRoot } from "../../src/core/pki/igc-sante.ts";
import { verifySmime } from "../../src/core/pki/smime.ts";
import { AT, PKI_DIR, ROOT, allCrls } from "../fixtures/pki/helpers.ts";

const ROOT_DIR = join(PKI_DIR, "../../..");
const out = mkdtempSync(join(tmpdir(), "mssante-test-pki-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("scripts/make-test-pki.sh", () => {
  it("makes a fresh PKI whose messages verify as expected", { timeout: 120_000 }, async () => {
    execFileSync("sh", [join(ROOT_DIR, "scripts/make-test-pki.sh"), out], { stdio: ["ignore", "ignore", "pipe"] });
    const read = (p: string) => new Uint8Array(readFileSync(join(out, p)));
    const anchors = parseCertificates(read("ca/racine.pem"));
    const crls = ["crl/personnes.crl", "crl/racine.crl"].flatMap((p) => parseCrls(read(p)));
    const at = new Date(Date.parse(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).generatedAt) + 60_000);
    const expected: Record<string, string> = {
      "good-rsa-detached.eml": "valid",
      "good-ec-detached.eml": "valid",
      "good-rsa-opaque.eml": "valid",
      "altered.eml": "altered",
      "revoked.eml": "revoked",
      "expired.eml": "expired",
      "untrusted.eml": "untrusted-issuer",
      "sha1-rsa-detached.eml": "weak-algorithm",
      "nested.eml": "nested-signature",
      "encrypted.eml": "encrypted",
    };
    for (const [file, status] of Object.entries(expected)) {
      expect([file, (await verifySmime(read(`mail/${file}`), { anchors, crls, at })).status]).toEqual([file, status]);
    }
    // Fresh keys: the committed fixtures do not verify against the fresh root.
    const committed = new Uint8Array(readFileSync(join(PKI_DIR, "mail/good-rsa-detached.eml")));
    expect((await verifySmime(committed, { anchors, at })).status).toBe("untrusted-issuer");
  });
});

describe("large CRLs", () => {
  it("a CRL of 60,000 entries decodes fast and is used", { timeout: 120_000 }, async () => {
    const dir = join(out, "big-crl");
    mkdirSync(dir, { recursive: true });
    // openssl ca only needs its index to list revocations: 60,000 entries plus Luc Bernard (serial 1004).
    const lines = Array.from({ length: 60_000 }, (_, i) => `R\t400101000000Z\t250601000000Z,superseded\t${(0x100000 + i).toString(16).toUpperCase()}\tunknown\t/CN=x${i}`);
    lines.push("R\t400101000000Z\t250801000000Z,keyCompromise\t1004\tunknown\t/CN=LUC BERNARD");
    writeFileSync(join(dir, "index.txt"), lines.join("\n") + "\n");
    writeFileSync(join(dir, "crlnumber"), "01\n");
    writeFileSync(join(dir, "openssl.cnf"), `[ca]\ndefault_ca=d\n[d]\ndatabase=${dir}/index.txt\ncrlnumber=${dir}/crlnumber\ndefault_md=sha256\n`);
    execFileSync("openssl", [
      "ca", "-config", join(dir, "openssl.cnf"), "-gencrl", "-batch",
      "-cert", join(PKI_DIR, "ca/personnes.pem"), "-keyfile", join(PKI_DIR, "ca/personnes.key"),
      "-crl_lastupdate", "20250901000000Z", "-crl_nextupdate", "20450101000000Z", "-out", join(dir, "big.pem"),
    ], { stdio: ["ignore", "ignore", "pipe"] });
    const bytes = new Uint8Array(readFileSync(join(dir, "big.pem")));
    const t0 = performance.now();
    const [crl] = parseCrls(bytes);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(crl!.entries.size).toBe(60_001);
    const v = await verifySmime(new Uint8Array(readFileSync(join(PKI_DIR, "mail/revoked.eml"))), { anchors: ROOT(), at: AT, crls: [crl!, ...allCrls().filter((c) => c.issuer.includes("RACINE"))] });
    expect(v.status).toBe("revoked");
    expect(v.reasons[0]!.message).toMatch(/révoqué le 01\/08\/2025 \(motif : compromission de la clé\)/);
  });
});

describe("IGC-Santé pinned roots", () => {
  const real = join(ROOT_DIR, "../shared/data/igc-sante/ac-racine-igc-sante-elementaire.pem");
  it.skipIf(!existsSync(real))("the real AC RACINE IGC-SANTE ELEMENTAIRE parses and matches its pinned fingerprint", async () => {
    const [root] = parseCertificates(new Uint8Array(readFileSync(real)));
    expect(root).toBeDefined();
    const fp = colonHex(await defaultCrypto().digest("SHA-256", root!.der));
    expect(fp).toBe(IGC_SANTE_ROOTS[0]!.sha256);
    expect(isPinnedRoot(fp)?.name).toBe("AC RACINE IGC-SANTE ELEMENTAIRE");
    expect(root!.subject).toBe("CN=AC RACINE IGC-SANTE ELEMENTAIRE,OU=IGC-SANTE,OU=0002 187512751,O=ASIP-SANTE,C=FR");
    expect(root!.notAfter.toISOString()).toBe(IGC_SANTE_ROOTS[0]!.notAfter.replace("Z", ".000Z"));
    expect(root!.basicConstraints?.ca).toBe(true);
  });
  if (!existsSync(real)) it.skip(`../shared/data/igc-sante/ac-racine-igc-sante-elementaire.pem absent: real-root check skipped`, () => {});

  it("a test root is not pinned", async () => {
    const [test] = parseCertificates(new Uint8Array(readFileSync(join(PKI_DIR, "ca/racine.pem"))));
    expect(isPinnedRoot(colonHex(await defaultCrypto().digest("SHA-256", test!.der)))).toBeUndefined();
  });
});
