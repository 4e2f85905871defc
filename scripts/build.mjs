#!/usr/bin/env node
// Builds everything from src/: the add-on (dist/addon, then the XPI), the test build of the add-on
// (dist/test-addon: production code + the bench's probe and test Experiment), and the CLI
// (dist/cli.js). The production build is checked to contain no test code.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const only = process.argv.slice(2);
const want = (what) => only.length === 0 || only.includes(what);

// Thunderbird 140 ESR is the oldest supported version (manifest strict_min_version).
const addonTarget = ["firefox140"];

async function buildAddon(outDir, { test }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      background: join(root, test ? "test/e2e/addon/background.ts" : "src/addon/background.ts"),
      "ui/options/options": join(root, "src/ui/options/options.ts"),
      "ui/verdict/popup": join(root, "src/ui/verdict/popup.ts"),
      "ui/compose-warning/warning": join(root, "src/ui/compose-warning/warning.ts"),
      "ui/account-wizard/wizard": join(root, "src/ui/account-wizard/wizard.ts"),
      "ui/xdm-send/confirm": join(root, "src/ui/xdm-send/confirm.ts"),
      "directory-worker": join(root, "src/addon/workers/directory-build.ts"),
    },
    outdir: outDir,
    bundle: true,
    format: "esm",
    target: addonTarget,
    // Linked, not inline: an inline map pushed background.js past web-ext lint's 4 MB parse limit.
    sourcemap: test ? "linked" : false,
    legalComments: "none",
    define: { __MSSANTE_TEST_BUILD__: String(test) },
    logLevel: "warning",
  });
  // Pages: their HTML and CSS next to the bundled script.
  for (const page of ["options", "verdict", "compose-warning", "account-wizard", "xdm-send"]) {
    for (const file of readdirSync(join(root, "src/ui", page))) {
      if (/\.(html|css)$/.test(file)) cpSync(join(root, "src/ui", page, file), join(outDir, "ui", page, file));
    }
  }
  cpSync(join(root, "_locales"), join(outDir, "_locales"), { recursive: true });
  cpSync(join(root, "icons"), join(outDir, "icons"), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
  manifest.version = pkg.version;
  // The production Experiments (privileged code of the add-on itself).
  cpSync(join(root, "src/experiments"), join(outDir, "experiments"), { recursive: true });
  configureProSanteConnect(manifest);
  if (test) {
    const patch = JSON.parse(readFileSync(join(root, "test/e2e/addon/manifest.patch.json"), "utf8"));
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...patch.permissions])];
    manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...patch.host_permissions])];
    manifest.experiment_apis = { ...(manifest.experiment_apis ?? {}), ...patch.experiment_apis };
    cpSync(join(root, "test/e2e/addon/experiments"), join(outDir, "experiments"), { recursive: true });
  }
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/**
 * Pro Santé Connect: each publisher registers its own client id with ANS, so it is a build-time
 * setting (README). Without MSSANTE_PSC_CLIENT_ID the oauth_provider key is left out (Thunderbird
 * then never tries PSC with a placeholder) and the wizard says PSC is not configured.
 * MSSANTE_PSC_ENV=bas targets the ANS sandbox; MSSANTE_PSC_HOSTNAMES adds operator server domains
 * (comma-separated) to the default `mssante.fr` (Thunderbird also matches their sub-domains).
 */
function configureProSanteConnect(manifest) {
  const clientId = process.env.MSSANTE_PSC_CLIENT_ID?.trim();
  if (!manifest.oauth_provider) return;
  if (!clientId) {
    delete manifest.oauth_provider;
    return;
  }
  const p = manifest.oauth_provider;
  p.clientId = clientId;
  if (process.env.MSSANTE_PSC_ENV === "bas") {
    for (const key of ["issuer", "issuerIdentifier", "authorizationEndpoint", "tokenEndpoint"]) {
      p[key] = p[key].replace("wallet.esw.esante.gouv.fr", "wallet.bas.psc.esante.gouv.fr").replace("auth.esw.esante.gouv.fr", "auth.bas.psc.esante.gouv.fr");
    }
  }
  const extra = (process.env.MSSANTE_PSC_HOSTNAMES ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  p.hostnames = [...new Set([...p.hostnames, ...extra])];
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** The production build must not carry the bench's hooks. */
function assertNoTestCode(dir) {
  const markers = ["testbed", "startProbe", "controlUrl", "__MSSANTE_TEST_BUILD__"];
  for (const file of walk(dir)) {
    const text = readFileSync(file, "utf8");
    for (const marker of markers) {
      if (text.includes(marker)) throw new Error(`production build: ${file} contains test code (${marker})`);
    }
  }
}

async function buildCli() {
  await build({
    entryPoints: [join(root, "src/cli/main.ts")],
    outfile: join(root, "dist/cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: ["node20"],
    banner: { js: "#!/usr/bin/env node" },
    define: { __MSSANTE_VERSION__: JSON.stringify(pkg.version) },
    logLevel: "warning",
  });
  chmodSync(join(root, "dist/cli.js"), 0o755);
}

if (want("addon")) {
  const out = join(root, "dist/addon");
  await buildAddon(out, { test: false });
  assertNoTestCode(out);
  const xpi = `mssante-thunderbird-${pkg.version}.xpi`;
  execFileSync(
    join(root, "node_modules/.bin/web-ext"),
    ["build", "--source-dir", out, "--artifacts-dir", join(root, "dist"), "--filename", xpi, "--overwrite-dest"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  console.log(`dist/${xpi}`);
}
if (want("test-addon")) {
  await buildAddon(join(root, "dist/test-addon"), { test: true });
  console.log("dist/test-addon/");
}
if (want("cli")) {
  await buildCli();
  console.log("dist/cli.js");
}
