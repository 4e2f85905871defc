// The CLI bundled from src/cli/main.ts with the options of `node scripts/build.mjs cli`, into a
// private temporary directory: other test files rebuild dist/cli.js concurrently, and spawning a
// file being rewritten would make a test flaky.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const ROOT_DIR = join(import.meta.dirname, "../..");

export interface PrivateCli {
  /** The temporary directory (also usable for a test's own files). */
  dir: string;
  /** Path of the bundled cli.js. */
  cli: string;
  remove(): void;
}

export async function buildPrivateCli(prefix: string): Promise<PrivateCli> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cli = join(dir, "cli.js");
  const pkg = JSON.parse(readFileSync(join(ROOT_DIR, "package.json"), "utf8")) as { version: string };
  await build({
    entryPoints: [join(ROOT_DIR, "src/cli/main.ts")],
    outfile: cli,
    bundle: true,
    platform: "node",
    format: "esm",
    target: ["node20"],
    define: { __MSSANTE_VERSION__: JSON.stringify(pkg.version) },
    logLevel: "silent",
  });
  return { dir, cli, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
