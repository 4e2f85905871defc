// The end-entity must be one: a CA certificate (basicConstraints CA:TRUE) is refused as S/MIME signer
// and as server certificate, as NSS does; and its key usages must fit the purpose. Certificates are
// issued at test time by the test CAs (helpers.ts), through the core and through the CLI.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPrivateCli } from "../support/private-cli.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/pki/certificate.ts";
import { checkServerChain } from "../../src/core/pki/server.ts";
import { verifySmime } from "../../src/core/pki/smime.ts";
import {
  AT,
  CONTENT,
  JEAN_HEADERS,
  PKI_DIR,
  ROOT,
  SIGNED_AT,
  allCrls,
  certificatesPem,
  certs,
  detachedMessage,
  issueCertificate,
  pkijsCert,
  signCms,
  type IssueOptions,
} from "../fixtures/pki/helpers.ts";

const EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
let serial = 0x7100;

async function signedBy(o: Partial<IssueOptions>): Promise<Uint8Array> {
  const { cert } = await issueCertificate({
    issuer: "personnes",
    keyOf: "jean-dupont-rsa",
    commonName: "JEAN DUPONT",
    serial: serial++,
    email: "jean.dupont@medecin.mssante.fr",
    keyUsage: ["digitalSignature", "nonRepudiation"],
    extKeyUsage: [EMAIL_PROTECTION],
    ...o,
  });
  const cms = await signCms({ content: CONTENT, signer: "jean-dupont-rsa", signingTime: SIGNED_AT, signerCert: cert, attach: [cert, pkijsCert("ca/personnes.pem")] });
  return detachedMessage(JEAN_HEADERS(SIGNED_AT), CONTENT, cms);
}

async function serverChain(o: Partial<IssueOptions>): Promise<Uint8Array[]> {
  const { der } = await issueCertificate({
    issuer: "organisations",
    keyOf: "serveur",
    commonName: "mail.operateur-test.mssante.fr",
    serial: serial++,
    dnsName: "mail.operateur-test.mssante.fr",
    keyUsage: ["digitalSignature", "keyEncipherment"],
    extKeyUsage: [SERVER_AUTH],
    ...o,
  });
  return [der, certs("ca/organisations.pem")[0]!.der];
}

const smime = async (msg: Uint8Array) => verifySmime(msg, { anchors: ROOT(), at: AT, crls: allCrls() });
const server = async (chain: Uint8Array[]) => checkServerChain(chain.map(parseCertificate), { anchors: ROOT(), at: AT, crls: allCrls() });

describe("S/MIME signer", () => {
  it("the issued certificate, as the script's, is a valid signer (control)", async () => {
    expect((await smime(await signedBy({}))).status).toBe("valid");
    expect((await smime(await signedBy({ keyUsage: ["nonRepudiation"], extKeyUsage: undefined }))).status).toBe("valid");
  });

  it("a CA certificate (CA:TRUE) is refused as signer, whatever its key usages", async () => {
    for (const keyUsage of [["digitalSignature", "nonRepudiation", "keyCertSign"], ["digitalSignature"], undefined] as const) {
      const v = await smime(await signedBy({ ca: true, keyUsage: keyUsage && [...keyUsage] }));
      expect(v.valid).toBe(false);
      expect(v.status).toBe("wrong-key-usage");
      expect(v.reasons[0]!.message).toMatch(/autorité de certification/);
    }
  });

  it("key usage without digitalSignature nor nonRepudiation, or EKU without emailProtection", async () => {
    expect((await smime(await signedBy({ keyUsage: ["keyEncipherment"] }))).status).toBe("wrong-key-usage");
    expect((await smime(await signedBy({ extKeyUsage: [CLIENT_AUTH] }))).status).toBe("wrong-key-usage");
    expect((await smime(await signedBy({ extKeyUsage: [SERVER_AUTH] }))).status).toBe("wrong-key-usage");
  });
});

describe("server leaf", () => {
  it("the issued certificate is a valid server certificate (control)", async () => {
    expect((await server(await serverChain({}))).status).toBe("valid");
  });

  it("a CA certificate (CA:TRUE) is refused as server leaf", async () => {
    const v = await server(await serverChain({ ca: true, keyUsage: ["digitalSignature", "keyEncipherment", "keyCertSign"] }));
    expect(v.valid).toBe(false);
    expect(v.status).toBe("wrong-key-usage");
    expect(v.reasons[0]!.message).toMatch(/autorité de certification/);
  });

  it("EKU without serverAuth, or key usage unfit for TLS", async () => {
    expect((await server(await serverChain({ extKeyUsage: [EMAIL_PROTECTION] }))).status).toBe("wrong-key-usage");
    expect((await server(await serverChain({ keyUsage: ["nonRepudiation"] }))).status).toBe("wrong-key-usage");
  });
});

describe("through the CLI (smime, cert)", { timeout: 60_000 }, () => {
  let dir = "";
  let cli = "";
  beforeAll(async () => {
    ({ dir, cli } = await buildPrivateCli("mssante-leaf-usage-"));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    const r = spawnSync("node", [cli, ...args, "--anchors", join(PKI_DIR, "ca/racine.pem"), "--at", AT.toISOString(), "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { valid: boolean; status: string; reasons: { code: string; message: string }[] };
  };

  it("smime: a message signed with a CA certificate", async () => {
    const file = join(dir, "ca-signer.eml");
    writeFileSync(file, await signedBy({ ca: true, keyUsage: ["digitalSignature", "nonRepudiation", "keyCertSign"] }));
    expect(run("smime", file)).toMatchObject({ valid: false, status: "wrong-key-usage" });
  });

  it("cert: a server chain whose leaf is a CA certificate", async () => {
    const file = join(dir, "ca-leaf.pem");
    writeFileSync(file, certificatesPem(await serverChain({ ca: true, keyUsage: ["digitalSignature", "keyEncipherment", "keyCertSign"] })));
    expect(run("cert", file)).toMatchObject({ valid: false, status: "wrong-key-usage" });
    const good = join(dir, "good-leaf.pem");
    writeFileSync(good, certificatesPem(await serverChain({})));
    expect(run("cert", good)).toMatchObject({ valid: true, status: "valid" });
  });
});
