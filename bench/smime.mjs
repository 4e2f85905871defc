#!/usr/bin/env node
// S/MIME verification benchmark: our core (src/core/pki over WebCrypto, in-process) side by side with
// OpenSSL on the same messages of the test PKI (test/fixtures/pki, made by scripts/make-test-pki.sh):
// RSA-2048 and ECDSA P-256, detached (multipart/signed) and opaque (application/pkcs7-mime), each
// with a path of 3 (TEST AC RACINE → TEST AC … PERSONNES, carried in the message → signer), without
// and with the CRLs of both CAs (both sides then check every certificate below the root against them).
//   node bench/smime.mjs [--seconds 1] [--rounds 3] [--calls 200]
// Peers:
//   - openssl in-process: bench/smime-openssl.c (SMIME_read_CMS + CMS_verify in a loop, what
//     `openssl cms -verify` does; the CRLs loaded once with CRL_CHECK | CRL_CHECK_ALL), compiled here
//     when gcc and the libssl headers are present;
//   - openssl CLI: `openssl cms -verify … -out /dev/null` (with `-CRLfile … -crl_check_all`), one
//     process per verification, with the per-process overhead measured by timing `openssl version`
//     the same way and subtracted.
// All sides verify digest, signature and the chain to the same root at the same time; ours also checks
// From vs signer, signing time vs Date and key usages. "ours, caches off": the same with
// setPkiCaches(false) (every message decoded and every certificate signature checked from scratch).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const seconds = option("seconds", 1);
// Each side is measured `rounds` times, alternating with its peer, and its best round is kept: on a
// shared machine, load that comes and goes then weighs on both sides alike rather than on one.
const rounds = option("rounds", 3);
const calls = option("calls", 200);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const pki = join(root, "test/fixtures/pki");
const ca = join(pki, "ca/racine.pem");
const at = new Date(Date.parse(JSON.parse(readFileSync(join(pki, "manifest.json"), "utf8")).generatedAt) + 3600_000);
const cases = [
  { name: "RSA-2048, détaché", file: join(pki, "mail/good-rsa-detached.eml") },
  { name: "ECDSA P-256, détaché", file: join(pki, "mail/good-ec-detached.eml") },
  { name: "RSA-2048, opaque", file: join(pki, "mail/good-rsa-opaque.eml") },
  { name: "ECDSA P-256, opaque", file: join(pki, "mail/good-ec-opaque.eml") },
];
const crlFiles = ["crl/personnes.crl", "crl/racine.crl"].map((p) => join(pki, p));

const work = mkdtempSync(join(tmpdir(), "mssante-bench-smime-"));
try {
  // Our core, bundled as the add-on and the CLI bundle it.
  const bundle = join(work, "pki.mjs");
  await build({ entryPoints: [join(root, "src/core/pki/index.ts")], outfile: bundle, bundle: true, format: "esm", platform: "node", target: ["node20"], logLevel: "warning" });
  const core = await import(pathToFileURL(bundle).href);
  const anchors = core.parseCertificates(new Uint8Array(readFileSync(ca)));
  const crls = crlFiles.flatMap((p) => core.parseCrls(new Uint8Array(readFileSync(p))));

  async function ours(file, withCrls, caches = true, budget = seconds) {
    if (!caches && !core.setPkiCaches) return null; // a core without switchable caches
    core.setPkiCaches?.(caches);
    const message = new Uint8Array(readFileSync(file));
    const opts = { anchors, at, ...(withCrls ? { crls } : {}) };
    const first = await core.verifySmime(message, opts);
    if (first.status !== "valid") throw new Error(`${file}: ${first.status}`);
    if (withCrls && first.reasons.some((r) => r.code === "revocation-not-checked" || r.code === "revocation-unknown")) throw new Error(`${file}: CRLs not used`);
    for (let i = 0; i < 50; i++) await core.verifySmime(message, opts);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < budget * 1000) {
      await core.verifySmime(message, opts);
      n++;
    }
    const rate = n / ((performance.now() - t0) / 1000);
    core.setPkiCaches?.(true);
    return rate;
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
  function opensslInProcess(file, withCrls) {
    if (!harness) return null;
    const out = execFileSync(harness, [file, ca, String(seconds), String(Math.floor(at.getTime() / 1000)), ...(withCrls ? crlFiles : [])], { encoding: "utf8" });
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
  const caWithCrls = join(work, "racine-et-crl.pem");
  writeFileSync(caWithCrls, [readFileSync(ca, "utf8"), ...crlFiles.map((f) => execFileSync("openssl", ["crl", "-inform", "DER", "-in", f, "-outform", "PEM"], { encoding: "utf8" }))].join("\n"));

  const rows = [];
  for (const c of cases) {
    for (const withCrls of [false, true]) {
      const label = `${c.name}${withCrls ? " + CRL" : ""}`;
      log(`${label}: our core and openssl in-process, ${rounds} rounds…`);
      let o = 0;
      let inproc = harness ? 0 : null;
      for (let k = 0; k < rounds; k++) {
        o = Math.max(o, await ours(c.file, withCrls));
        if (harness) inproc = Math.max(inproc, opensslInProcess(c.file, withCrls));
      }
      const off = await ours(c.file, withCrls, false, 0.5);
      // `openssl cms` (3.0) has no -CRLfile: the CRLs go into the CA file, which loads them too.
      const cliMs = timeCalls(["cms", "-verify", "-in", c.file, "-CAfile", withCrls ? caWithCrls : ca, ...(withCrls ? ["-crl_check_all"] : []), "-purpose", "smimesign", "-attime", String(Math.floor(at.getTime() / 1000)), "-out", "/dev/null"]);
      // Under load the difference can vanish in noise: then no figure rather than a wrong one.
      const netMs = cliMs - versionMs > 0.05 ? cliMs - versionMs : null;
      rows.push({ name: c.name, crl: withCrls ? "oui" : "non", o, off, inproc, cli: 1000 / cliMs, net: netMs === null ? null : 1000 / netMs });
    }
  }

  const f = (x) => (x === null ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const r = (a, b) => (b === null ? "—" : `${(a / b).toFixed(2)}×`);
  const withPeer = rows.filter((x) => x.inproc !== null);
  const ratios = withPeer.map((x) => x.o / x.inproc);
  const lines = [
    `S/MIME verifications per second, chain of 3 (racine → AC PERSONNES → signataire) (in-process: best of ${rounds} rounds of ${seconds} s per side, alternating; ${calls} process calls; Node ${process.version}, ${execFileSync("openssl", ["version"], { encoding: "utf8" }).trim()})`,
    "",
    "| message | CRL | ours | ours, caches off | openssl in-process | ours / openssl in-process | openssl CLI | openssl CLI − process overhead | ours / CLI − overhead |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((x) => `| ${x.name} | ${x.crl} | ${f(x.o)} | ${f(x.off)} | ${f(x.inproc)} | ${r(x.o, x.inproc)} | ${f(x.cli)} | ${x.net === null ? "—" : f(x.net)} | ${x.net === null ? "—" : r(x.o, x.net)} |`),
    "",
    `Process overhead (\`openssl version\`, spawned from Node): ${versionMs.toFixed(2)} ms per call.`,
    withPeer.length
      ? `Ours / openssl in-process: ${Math.min(...ratios).toFixed(2)}× to ${Math.max(...ratios).toFixed(2)}× (${withPeer.map((x, i) => `${x.name}${x.crl === "oui" ? " + CRL" : ""} ${ratios[i].toFixed(2)}×`).join(", ")}).`
      : "No in-process OpenSSL peer on this machine (libssl headers or compiler missing).",
  ];
  console.log(lines.join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
