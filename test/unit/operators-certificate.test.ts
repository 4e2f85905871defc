// The server check before any credential: pinned root only, IGC-Santé Élémentaire Organisations,
// dates, host name, TLS version, and the DN listed for the domain. Runs on the committed test PKI.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkServerCertificate, hostMatches, normaliseFingerprint, pinFor, PRODUCTION_PINS, sha256Fingerprint, type ServerCheckInput } from "../../src/core/operators/server-certificate.ts";
import { TEST_SERVER_ISSUER_CN, SERVER_ISSUER_CN } from "../../src/core/pki/index.ts";

const PKI = join(import.meta.dirname, "../fixtures/pki");
function ders(path: string): Uint8Array[] {
  const text = readFileSync(join(PKI, path), "utf8");
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")));
}
const ROOT = ders("ca/racine.pem")[0]!;
const OTHER_ROOT = ders("ca/autre-racine.pem")[0]!;
const SERVER_DN = "CN=mail.operateur-test.mssante.fr, OU=318310021300099, O=OPERATEUR TEST, ST=Rhone (69), C=FR";
const AT = new Date("2030-01-01T00:00:00Z");

async function input(over: Partial<ServerCheckInput> = {}): Promise<ServerCheckInput> {
  return {
    host: "mail.operateur-test.mssante.fr",
    chain: ders("chains/serveur.pem"),
    tlsVersion: "1.3",
    anchors: [ROOT],
    pins: [{ name: "TEST AC RACINE IGC-SANTE ELEMENTAIRE", sha256: await sha256Fingerprint(ROOT) }],
    issuerCn: TEST_SERVER_ISSUER_CN,
    allowedDns: [SERVER_DN],
    domain: "medecin.mssante.fr",
    at: AT,
    ...over,
  };
}

const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code).sort();

describe("checkServerCertificate", () => {
  it("accepts an operator server chaining to the pinned root with a listed DN", async () => {
    const r = await checkServerCertificate(await input());
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.subject).toBe("CN=mail.operateur-test.mssante.fr,OU=318310021300099,O=OPERATEUR TEST,ST=Rhone (69),C=FR");
    expect(r.anchor?.name).toBe("TEST AC RACINE IGC-SANTE ELEMENTAIRE");
    expect(r.anchor?.der).toEqual(ROOT);
  });

  it("finds the pinned root in the presented chain when it is sent along", async () => {
    const r = await checkServerCertificate(await input({ anchors: [], chain: [...ders("chains/serveur.pem"), ROOT] }));
    expect(r.ok).toBe(true);
    expect(r.anchor?.der).toEqual(ROOT);
  });

  it("refuses a root that is not pinned, even when it is offered as an anchor", async () => {
    const r = await checkServerCertificate(await input({ pins: [{ name: "autre", sha256: await sha256Fingerprint(OTHER_ROOT) }] }));
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain("untrusted-issuer");
    expect(r.anchor).toBeUndefined();
  });

  it("refuses the production pins for a test hierarchy", async () => {
    const r = await checkServerCertificate(await input({ pins: PRODUCTION_PINS, issuerCn: SERVER_ISSUER_CN }));
    expect(codes(r)).toContain("untrusted-issuer");
  });

  it("refuses a DN the white list does not list for the domain", async () => {
    const r = await checkServerCertificate(await input({ allowedDns: ["CN=mx.mailiz.mssante.fr,OU=180092041200010,O=AGENCE DU NUMERIQUE EN SANTE,ST=Paris (75),C=FR"] }));
    expect(codes(r)).toEqual(["not-whitelisted"]);
    expect(r.problems[0]!.message).toMatch(/liste blanche/);
  });

  it("refuses a server certificate from another IGC-Santé CA than ÉLÉMENTAIRE ORGANISATIONS", async () => {
    const r = await checkServerCertificate(
      await input({ host: "mauvaise-ac.operateur-test.mssante.fr", chain: ders("chains/serveur-mauvaise-ac.pem"), allowedDns: ["CN=mauvaise-ac.operateur-test.mssante.fr,O=OPERATEUR TEST,C=FR"] }),
    );
    expect(codes(r)).toContain("wrong-issuer-ca");
  });

  it("refuses an expired certificate", async () => {
    const r = await checkServerCertificate(
      await input({ host: "expire.operateur-test.mssante.fr", chain: ders("chains/serveur-expire.pem"), allowedDns: ["CN=expire.operateur-test.mssante.fr,OU=318310021300099,O=OPERATEUR TEST,ST=Rhone (69),C=FR"] }),
    );
    expect(codes(r)).toContain("expired");
  });

  it("refuses a certificate for another host, and TLS below 1.2", async () => {
    const r = await checkServerCertificate(await input({ host: "imap.autre.fr", tlsVersion: "1.1" }));
    expect(codes(r)).toEqual(["old-tls", "wrong-host"]);
  });

  it("says when there is nothing to check", async () => {
    expect(codes(await checkServerCertificate(await input({ chain: [] })))).toEqual(["no-certificate"]);
    expect(codes(await checkServerCertificate(await input({ chain: [new Uint8Array([1, 2, 3])] })))).toEqual(["malformed"]);
  });
});

describe("pins and names", () => {
  it("pins the real AC RACINE IGC-SANTE ELEMENTAIRE (domain.md §4) with its official address", () => {
    expect(PRODUCTION_PINS).toEqual([
      {
        name: "AC RACINE IGC-SANTE ELEMENTAIRE",
        sha256: "2D:9E:22:CA:19:F7:77:C6:B7:45:25:7C:72:3E:CB:8D:F3:C3:5F:A6:F1:F6:EC:36:B8:36:00:C9:73:46:96:7F",
        url: "http://igc-sante.esante.gouv.fr/AC/ACR-EL.cer",
      },
    ]);
    expect(pinFor("2d9e22ca19f777c6b745257c723ecb8df3c35fa6f1f6ec36b83600c97346967f", PRODUCTION_PINS)?.name).toBe("AC RACINE IGC-SANTE ELEMENTAIRE");
    expect(normaliseFingerprint("ab-cd ef")).toBe("AB:CD:EF");
  });

  it("matches host names like RFC 6125", () => {
    expect(hostMatches(["IMAP.example.fr"], "imap.example.fr.")).toBe(true);
    expect(hostMatches(["*.example.fr"], "imap.example.fr")).toBe(true);
    expect(hostMatches(["*.example.fr"], "a.imap.example.fr")).toBe(false);
    expect(hostMatches(["*.fr"], "example.fr")).toBe(false);
    expect(hostMatches([], "example.fr")).toBe(false);
  });
});
