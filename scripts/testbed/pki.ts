// A throw-away PKI for the test bench, made with the system's openssl: a root CA and a server
// certificate for 127.0.0.1 / localhost. Real certificates, so Thunderbird's NSS checks them for real.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestPki {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  /** Server certificate followed by the CA: what a server presents. */
  serverChain: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** Creates a root CA named `caName` and a server certificate it signs, valid for loopback. */
export function makeTestPki(dir: string, caName = "MSSANTE TEST ROOT"): TestPki {
  mkdirSync(dir, { recursive: true });
  const ext = join(dir, "server.ext");
  writeFileSync(
    ext,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "",
    ].join("\n"),
  );
  const caExt = join(dir, "ca.ext");
  writeFileSync(
    caExt,
    ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash", ""].join("\n"),
  );
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key"], dir);
  openssl(["req", "-new", "-key", "ca.key", "-subj", `/C=FR/O=MSSANTE TEST/CN=${caName}`, "-out", "ca.csr"], dir);
  openssl(
    ["x509", "-req", "-in", "ca.csr", "-signkey", "ca.key", "-days", "30", "-sha256", "-extfile", caExt, "-out", "ca.pem"],
    dir,
  );
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server.key"], dir);
  openssl(["req", "-new", "-key", "server.key", "-subj", "/C=FR/O=MSSANTE TEST/CN=localhost", "-out", "server.csr"], dir);
  openssl(
    [
      "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
      "-days", "30", "-sha256", "-extfile", ext, "-out", "server.pem",
    ],
    dir,
  );
  const chain = join(dir, "server-chain.pem");
  execFileSync("sh", ["-c", `cat server.pem ca.pem > ${chain}`], { cwd: dir });
  return {
    dir,
    caCert: join(dir, "ca.pem"),
    caKey: join(dir, "ca.key"),
    serverCert: join(dir, "server.pem"),
    serverKey: join(dir, "server.key"),
    serverChain: chain,
  };
}

/** Second name of the IGC-Santé-like server (resolved to 127.0.0.1 through network.dns.localDomains). */
export const IGC_TEST_HOST = "mss.banc-test.localhost";

export interface IgcSanteTestPki {
  dir: string;
  /** "TEST AC RACINE IGC-SANTE ELEMENTAIRE": what the test build pins (never pre-trusted). */
  rootCert: string;
  /** "TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS". */
  intermediateCert: string;
  serverCert: string;
  serverKey: string;
  /** Server certificate then the intermediate: what an operator's server presents (no root). */
  serverChain: string;
  /** The server certificate's subject, RFC 4514 order, as the white list writes it. */
  serverDn: string;
}

/**
 * An IGC-Santé-shaped hierarchy for the account tests: TEST AC RACINE IGC-SANTE ELEMENTAIRE →
 * TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS → an operator server certificate for localhost whose
 * DN looks like a white-list operator DN. RSA, like IGC-Santé.
 */
export function makeIgcSanteTestPki(dir: string, organisation = "CABINET DE TEST MSSANTE"): IgcSanteTestPki {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, lines: string[]) => writeFileSync(join(dir, name), [...lines, ""].join("\n"));
  write("root.ext", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash"]);
  write("inter.ext", [
    "basicConstraints=critical,CA:TRUE,pathlen:0",
    "keyUsage=critical,keyCertSign,cRLSign",
    "subjectKeyIdentifier=hash",
    "authorityKeyIdentifier=keyid",
  ]);
  write("server.ext", [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
    "subjectKeyIdentifier=hash",
    "authorityKeyIdentifier=keyid",
    // A dotted name too: Thunderbird finds a host's OAuth provider by its parent domains.
    `subjectAltName=DNS:localhost,DNS:${IGC_TEST_HOST},IP:127.0.0.1`,
  ]);
  const ca = "/C=FR/O=ASIP-SANTE/OU=0002 187512751/OU=IGC-SANTE TEST";
  const subject = `/C=FR/ST=Paris (75)/O=${organisation}/OU=499700000000001/CN=localhost`;
  for (const k of ["root", "inter", "server"]) openssl(["genrsa", "-out", `${k}.key`, "2048"], dir);
  openssl(["req", "-new", "-key", "root.key", "-subj", `${ca}/CN=TEST AC RACINE IGC-SANTE ELEMENTAIRE`, "-out", "root.csr"], dir);
  openssl(["x509", "-req", "-in", "root.csr", "-signkey", "root.key", "-days", "60", "-sha256", "-extfile", "root.ext", "-out", "root.pem"], dir);
  openssl(["req", "-new", "-key", "inter.key", "-subj", `${ca}/CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS`, "-out", "inter.csr"], dir);
  openssl(
    ["x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-days", "45", "-sha256", "-extfile", "inter.ext", "-out", "inter.pem"],
    dir,
  );
  openssl(["req", "-new", "-key", "server.key", "-subj", subject, "-out", "server.csr"], dir);
  openssl(
    ["x509", "-req", "-in", "server.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "server.ext", "-out", "server.pem"],
    dir,
  );
  execFileSync("sh", ["-c", "cat server.pem inter.pem > server-chain.pem"], { cwd: dir });
  return {
    dir,
    rootCert: join(dir, "root.pem"),
    intermediateCert: join(dir, "inter.pem"),
    serverCert: join(dir, "server.pem"),
    serverKey: join(dir, "server.key"),
    serverChain: join(dir, "server-chain.pem"),
    serverDn: `CN=localhost,OU=499700000000001,O=${organisation},ST=Paris (75),C=FR`,
  };
}
