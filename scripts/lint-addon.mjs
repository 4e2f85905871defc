#!/usr/bin/env node
// Runs `web-ext lint` (a Firefox linter) on the built add-ons and reads its findings: it does not
// know Thunderbird's own permissions, and refuses Experiments, which only the test build carries.
// Those are the accepted findings, plus one about Firefox for Android (which cannot run a Thunderbird
// add-on at all); anything else fails.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Thunderbird-only permissions, as listed in Thunderbird 153's schemas.
const THUNDERBIRD_PERMISSIONS = new Set([
  "accountsFolders", "accountsIdentities", "accountsRead", "addressBooks", "compose", "compose.save",
  "compose.send", "messagesDelete", "messagesImport", "messagesModify", "messagesModifyPermanent",
  "messagesMove", "messagesRead", "messagesTags", "messagesTagsList", "messagesUpdate", "messages.send",
  "messages.save", "messengerSettings", "sensitiveDataUpload",
]);

function lint(dir, { allowExperiments }) {
  let out;
  try {
    out = execFileSync(join(root, "node_modules/.bin/web-ext"), ["lint", "--source-dir", dir, "--output", "json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    // web-ext exits non-zero when it finds errors; its JSON is still on stdout.
    out = e.stdout;
  }
  const report = JSON.parse(out);
  const problems = [];
  const accepted = [];
  for (const kind of ["errors", "warnings", "notices"]) {
    for (const m of report[kind]) {
      const perm = /Invalid permissions "([^"]+)"/.exec(m.message ?? "");
      const ok =
        (m.code === "MANIFEST_PERMISSIONS" && perm && THUNDERBIRD_PERMISSIONS.has(perm[1])) ||
        (allowExperiments && m.code === "MANIFEST_FIELD_PRIVILEGED" && /experiment_apis/.test(m.message)) ||
        m.code === "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION";
      (ok ? accepted : problems).push(`${kind}: ${m.code} ${m.message} (${m.file ?? ""})`);
    }
  }
  const name = dir.replace(root + "/", "");
  for (const a of accepted) console.log(`${name}: accepted (not applicable to Thunderbird) — ${a}`);
  for (const p of problems) console.error(`${name}: ${p}`);
  return problems.length;
}

const manifest = JSON.parse(readFileSync(join(root, "dist/addon/manifest.json"), "utf8"));
if (manifest.experiment_apis) console.log("dist/addon: production Experiments present:", Object.keys(manifest.experiment_apis).join(", "));
let failures = lint(join(root, "dist/addon"), { allowExperiments: Boolean(manifest.experiment_apis) });
failures += lint(join(root, "dist/test-addon"), { allowExperiments: true });
if (failures) {
  console.error(`web-ext lint: ${failures} finding(s) not accepted`);
  process.exit(1);
}
console.log("web-ext lint: no finding beyond Thunderbird-only ones");
