#!/usr/bin/env node
// S/MIME verification benchmark: our core (src/core/pki over WebCrypto, in-process) side by side with
// OpenSSL on the same detached messages (RSA-2048 and ECDSA P-256, test PKI of test/fixtures/pki).
//   node bench/smime.mjs [--seconds 3] [--calls 200]
// Peers:
//   - openssl in-process: bench/smime-openssl.c (SMIME_read_CMS + CMS_verify in a loop, what
//     `openssl cms -verify` does), compiled here when gcc and the libssl headers are present;
//   - openssl CLI: `openssl cms -verify … -out /dev/null`, one process per verification, with the
//     per-process overhead measured by timing `openssl version` the same way and subtracted.
// All sides verify digest, signature and the chain to the same root at the same time; ours also checks
// From vs signer, signing time vs Date and key usages (no CRL in the main comparison; a column with
// CRLs shows their cost).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const seconds = option("seconds", 3);
const calls = option("calls", 200);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const pki = join(root, "test/fixtures/pki");
const ca = join(pki, "ca/racine.pem");
const at = new Date(Date.parse(JSON.parse(readFileSync(join(pki, "manifest.json"), "utf8")).generatedAt) + 3600_000);
const cases = [
  { name: "RSA-2048, détaché", file: join(pki, "mail/good-rsa-detached.eml") },
  { name: "ECDSA P-256, détaché", file: join(pki, "mail/good-ec-detached.eml") },
];

const work = mkdtempSync(join(tmpdir(), "mssante-bench-smime-"));
try {
  // Our core, bundled as the add-on and the CLI bundle it.
  const bundle = join(work, "pki.mjs");
  await build({ entryPoints: [join(root, "src/core/pki/index.ts")], outfile: bundle, bundle: true, format: "esm", platform: "node", target: ["node20"], logLevel: "warning" });
  const core = await import(pathToFileURL(bundle).href);
  const anchors = core.parseCertificates(new Uint8Array(readFileSync(ca)));
  const crls = ["crl/personnes.crl", "crl/racine.crl"].flatMap((p) => core.parseCrls(new Uint8Array(readFileSync(join(pki, p)))));

  async function ours(file, withCrls) {
    const message = new Uint8Array(readFileSync(file));
    const opts = { anchors, at, ...(withCrls ? { crls } : {}) };
    const first = await core.verifySmime(message, opts);
    if (first.status !== "valid") throw new Error(`${file}: ${first.status}`);
    for (let i = 0; i < 50; i++) await core.verifySmime(message, opts);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      await core.verifySmime(message, opts);
      n++;
    }
    return n / ((performance.now() - t0) / 1000);
  }

  // OpenSSL in-process, when it can be compiled here.
  let harness = null;
  if (existsSync("/usr/include/openssl/cms.h")) {
    try {
      harness = join(work, "smime-openssl");
      execFileSync("cc", ["-O2", "-o", harness, join(root, "bench/smime-openssl.c"), "-lcrypto"], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      log(`peer in-process not built (${err.message.split("\n")[0]})`);
      harness = null;
    }
  } else log("libssl headers absent (apt-get install libssl-dev): in-process OpenSSL column skipped");
  function opensslInProcess(file) {
    if (!harness) return null;
    const out = execFileSync(harness, [file, ca, String(seconds), String(Math.floor(at.getTime() / 1000))], { encoding: "utf8" });
    const [n, s] = out.trim().split(" ").map(Number);
    return n / s;
  }

  function timeCalls(args) {
    for (let i = 0; i < 5; i++) spawnSync("openssl", args, { stdio: "ignore" });
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const r = spawnSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
      if (r.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
    }
    return (performance.now() - t0) / calls; // ms per call
  }
  const versionMs = timeCalls(["version"]);

  const rows = [];
  for (const c of cases) {
    log(`${c.name}: our core…`);
    const o = await ours(c.file, false);
    const oc = await ours(c.file, true);
    log(`${c.name}: openssl…`);
    const inproc = opensslInProcess(c.file);
    const cliMs = timeCalls(["cms", "-verify", "-in", c.file, "-CAfile", ca, "-purpose", "smimesign", "-attime", String(Math.floor(at.getTime() / 1000)), "-out", "/dev/null"]);
    const netMs = Math.max(cliMs - versionMs, 1e-3);
    rows.push({ name: c.name, o, oc, inproc, cli: 1000 / cliMs, net: 1000 / netMs });
  }

  const f = (x) => (x === null ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const r = (a, b) => (b === null ? "—" : `${(a / b).toFixed(2)}×`);
  const lines = [
    `S/MIME verifications per second (${seconds} s per in-process measure, ${calls} process calls; Node ${process.version}, ${execFileSync("openssl", ["version"], { encoding: "utf8" }).trim()})`,
    "",
    "| message | ours | ours + CRLs | openssl in-process | openssl CLI | openssl CLI − process overhead | ours / openssl in-process | ours / openssl CLI | ours / CLI − overhead |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((x) => `| ${x.name} | ${f(x.o)} | ${f(x.oc)} | ${f(x.inproc)} | ${f(x.cli)} | ${f(x.net)} | ${r(x.o, x.inproc)} | ${r(x.o, x.cli)} | ${r(x.o, x.net)} |`),
    "",
    `Process overhead (\`openssl version\`, spawned from Node): ${versionMs.toFixed(2)} ms per call.`,
  ];
  console.log(lines.join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
