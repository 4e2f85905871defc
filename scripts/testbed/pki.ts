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
