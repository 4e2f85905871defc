// An applicative mailbox (APP) set up with its IGC-Santé organisation certificate instead of a
// password, in a real Thunderbird: the add-on imports a .p12 made here by openssl, the account logs
// in by TLS client certificate + SASL EXTERNAL to a Dovecot that takes the user from the
// certificate, the INBOX syncs, and no password is stored anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, X509Certificate } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { makeIgcSanteTestPki, type IgcSanteTestPki } from "../../scripts/testbed/pki.ts";
import { startDovecot, type Dovecot } from "../../scripts/testbed/dovecot.ts";
import { deliverLmtp, startSmtpRelay, type SmtpRelay } from "../../scripts/testbed/smtp.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { useTestbed } from "./support.ts";

const APP = { address: "bal.app@medecin.mssante.fr", password: "jamais-utilise-c3rt" };
const P12_PASSWORD = "p12-banc-de-test";
const ISSUER_CN = "^TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS$";

type R<T> = ({ ok: true } & T) | { ok: false; code: string; message: string };
function expectOk<T>(r: R<T>): { ok: true } & T {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return r as { ok: true } & T;
}

const derOf = (pemFile: string) => new X509Certificate(readFileSync(pemFile)).raw;
const fingerprint = (der: Buffer) => createHash("sha256").update(der).digest("hex").toUpperCase().replace(/(..)(?!$)/g, "$1:");

function whitelist(dn: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>2026-11-20T06:00:00Z</DateDeGeneration><ListeDomaines><Domaine><Nom>medecin.mssante.fr</Nom><Description>banc de test</Description><DNCertificatOperateur>${dn}</DNCertificatOperateur><ResponsableContact></ResponsableContact><SupportContact></SupportContact><DateMAJ>2026-11-20T06:00:00Z</DateMAJ></Domaine></ListeDomaines></ListeBlancheMSSante>`;
}

/** The APP's organisation certificate under the test IGC-Santé intermediate, as a .p12 (base64). */
function makeAppP12(igc: IgcSanteTestPki): { p12: string; sha256: string } {
  const dir = igc.dir;
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  writeFileSync(
    join(dir, "app.ext"),
    ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=clientAuth", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid", ""].join("\n"),
  );
  run(["genrsa", "-out", "app.key", "2048"]);
  run(["req", "-new", "-key", "app.key", "-subj", `/C=FR/O=CABINET DE TEST MSSANTE/OU=499700000000001/CN=${APP.address}/emailAddress=${APP.address}`, "-out", "app.csr"]);
  run(["x509", "-req", "-in", "app.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "app.ext", "-out", "app.pem"]);
  run(["pkcs12", "-export", "-in", "app.pem", "-inkey", "app.key", "-certfile", "inter.pem", "-name", "BAL APP", "-passout", `pass:${P12_PASSWORD}`, "-out", "app.p12"]);
  return { p12: readFileSync(join(dir, "app.p12")).toString("base64"), sha256: fingerprint(derOf(join(dir, "app.pem"))) };
}

const testbed = useTestbed("account-client-cert", []);

let igc: IgcSanteTestPki;
let dovecot: Dovecot;
let smtp: SmtpRelay;
let files: FileServer;
let rootServer: Server;
let tb: Thunderbird;
let rootPin: { name: string; sha256: string; url: string };

beforeAll(async () => {
  const bed = testbed();
  igc = makeIgcSanteTestPki(join(bed.dir, "pki-igc-sante"));
  const caFile = join(igc.dir, "client-ca.pem");
  writeFileSync(caFile, readFileSync(igc.intermediateCert, "utf8") + readFileSync(igc.rootCert, "utf8"));
  dovecot = await startDovecot({ dir: join(bed.dir, "dovecot-app"), users: [APP], certFile: igc.serverChain, keyFile: igc.serverKey, clientCert: { caFile } });
  smtp = await startSmtpRelay({ users: [APP], certFile: igc.serverChain, keyFile: igc.serverKey, lmtpPort: dovecot.lmtpPort, logFile: join(bed.dir, "smtp-app.log") });
  await deliverLmtp(
    dovecot.lmtpPort,
    "secretariat@chu-test.mssante.fr",
    [APP.address],
    `From: <secretariat@chu-test.mssante.fr>\r\nTo: ${APP.address}\r\nSubject: Lettre de liaison\r\nMessage-ID: <app-0@chu-test.mssante.fr>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n\r\nBonjour.\r\n`,
  );
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/listeblanchemssante.xml", { body: whitelist(igc.serverDn), contentType: "application/xml" });
  const rootDer = derOf(igc.rootCert);
  rootServer = createServer((req, res) => {
    if (req.url === "/AC/ACR-EL-TEST.cer") res.writeHead(200, { "content-type": "application/pkix-cert" }).end(rootDer);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => rootServer.listen(0, "127.0.0.1", resolve));
  rootPin = { name: "TEST AC RACINE IGC-SANTE ELEMENTAIRE", sha256: fingerprint(rootDer), url: `http://127.0.0.1:${(rootServer.address() as AddressInfo).port}/AC/ACR-EL-TEST.cer` };

  tb = await bed.launch({ trustedCas: [bed.pki.caCert] });
  await tb.call("configure", { whitelistUrl: files.url("/listeblanchemssante.xml"), whitelistMirrorUrl: "" });
  await tb.call("refreshWhitelist");
  const o = await tb.call<{ experiment: boolean }>("accountOverrides", { pins: [rootPin], issuerCn: ISSUER_CN, discovery: { srv: {}, autoconfigUrls: [] } });
  expect(o.experiment).toBe(true);
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
  await new Promise((r) => rootServer?.close(r));
  await smtp?.stop();
  await dovecot?.stop();
});

describe("applicative mailbox with a client certificate", () => {
  it("imports the .p12, logs in by certificate (SASL EXTERNAL), syncs the INBOX, stores no password", async () => {
    const { p12, sha256 } = makeAppP12(igc);
    const s = expectOk(await tb.call<R<{ sessionId: string }>>("accountStart", { address: APP.address }));
    const settings = {
      imap: { host: "localhost", port: dovecot.imapPort, security: "starttls", username: APP.address, auth: "client-certificate" },
      smtp: { host: "localhost", port: smtp.port, security: "starttls", username: APP.address, auth: "client-certificate" },
    };
    expectOk(await tb.call<R<object>>("accountCheck", { sessionId: s.sessionId, settings }));
    expectOk(await tb.call<R<object>>("accountInstallAnchors", { sessionId: s.sessionId }));
    const created = expectOk(
      await tb.call<R<{ accountId: string; inboxRequested: boolean; clientCertificate: { sha256: string; subject: string } }>>(
        "accountCreate",
        { sessionId: s.sessionId, request: { credential: "client-certificate", pkcs12: p12, secret: P12_PASSWORD, name: { lastName: "Cabinet", entity: "BAL APP" } } },
        120000,
      ),
    );
    expect(created.clientCertificate.sha256).toBe(sha256);
    expect(created.clientCertificate.subject).toContain(APP.address);

    const deadline = Date.now() + 60000;
    let subjects: string[] | null = null;
    while (Date.now() < deadline && !(subjects && subjects.length)) {
      subjects = await tb.call<string[] | null>("accountInbox", { accountId: created.accountId });
      if (!subjects?.length) await new Promise((r) => setTimeout(r, 500));
    }
    expect(subjects).toEqual(["Lettre de liaison"]);

    const log = readFileSync(dovecot.logFile, "utf8");
    expect(log).toMatch(/imap-login: Info: Login: user=<bal\.app@medecin\.mssante\.fr>, method=EXTERNAL/);
    // No password in Thunderbird's login manager.
    const loginsFile = join(tb.profileDir, "logins.json");
    const logins = existsSync(loginsFile) ? (JSON.parse(readFileSync(loginsFile, "utf8")) as { logins: { hostname: string }[] }).logins : [];
    expect(logins.map((l) => l.hostname)).toEqual([]);
    // The temporary .p12 written for the import is gone.
    expect(readdirSync(tb.profileDir).filter((f) => f.startsWith("mssante-import"))).toEqual([]);
  });
});
