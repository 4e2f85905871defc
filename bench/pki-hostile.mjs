#!/usr/bin/env node
// PEM reader on hostile shapes: time per input size, the size doubled 8 times (16 KiB → 4 MiB).
// Linear time shows as a time that doubles with the size; the former regular expression was
// quadratic on unclosed BEGIN lines (×4 per doubling: about 27 s at 1 MiB).
//   node bench/pki-hostile.mjs [--start-kib 16] [--doublings 8]
// Shapes: unclosed BEGIN lines, one huge base64 body (closed), many certificates (read as PEM only,
// then decoded as X.509, the cost a user's anchor file or a server chain would have).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const startKib = option("start-kib", 16);
const doublings = option("doublings", 8);

const work = mkdtempSync(join(tmpdir(), "mssante-bench-pki-hostile-"));
try {
  // The readers as the add-on and the CLI bundle them.
  const entry = join(work, "entry.ts");
  writeFileSync(
    entry,
    `export { derFromPemOrDer, pemBlocks } from ${JSON.stringify(join(root, "src/core/pki/der.ts"))};\n` +
      `export { parseCertificates } from ${JSON.stringify(join(root, "src/core/pki/certificate.ts"))};\n`,
  );
  const bundle = join(work, "pem.mjs");
  await build({ entryPoints: [entry], outfile: bundle, bundle: true, format: "esm", platform: "node", target: ["node20"], logLevel: "warning" });
  const { derFromPemOrDer, parseCertificates } = await import(pathToFileURL(bundle).href);

  const cert = readFileSync(join(root, "test/fixtures/pki/certs/jean-dupont-rsa.pem"), "utf8");
  const line = "MIIDqDCCApCgAwIBAgICEAEwDQYJKoZIhvcNAQELBQAwgYIxCzAJBgNVBAYTAkZS\n";
  const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
  const labels = ["CERTIFICATE", "X509 CRL"];
  const shapes = [
    { name: "BEGIN non fermés", make: (n) => fill("-----BEGIN CERTIFICATE-----\n", n), read: (b) => derFromPemOrDer(b, labels) },
    { name: "corps base64 énorme", make: (n) => `-----BEGIN CERTIFICATE-----\n${fill(line, n)}-----END CERTIFICATE-----\n`, read: (b) => derFromPemOrDer(b, labels) },
    { name: "nombreux certificats (PEM)", make: (n) => fill(cert, n), read: (b) => derFromPemOrDer(b, labels) },
    { name: "nombreux certificats (X.509)", make: (n) => fill(cert, n), read: (b) => parseCertificates(b) },
  ];
  const best = (f) => {
    let ms = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      try {
        f();
      } catch (err) {
        if (err?.name !== "PkiDecodeError") throw err;
      }
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms;
  };

  const rows = [];
  for (let d = 0; d <= doublings; d++) {
    const bytes = startKib * 1024 * 2 ** d;
    rows.push([`${bytes / 1024} KiB`, ...shapes.map((s) => best(() => s.read(new TextEncoder().encode(s.make(bytes)))).toFixed(2))]);
  }
  const header = ["taille", ...shapes.map((s) => `${s.name} (ms)`)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => `| ${r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w, i) => (i ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`);
  for (const r of rows) console.log(fmt(r));
  console.log("\n(meilleur de 3 essais ; temps linéaire : il double avec la taille)");
} finally {
  rmSync(work, { recursive: true, force: true });
}
