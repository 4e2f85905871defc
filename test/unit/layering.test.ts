// Issue 13's layering, beside the lint rule (eslint.config.js): only src/addon/platform calls
// Thunderbird's APIs, pages never import a feature, and the message contract is complete (every
// command a page may send has its handler in the background), and features talk through core,
// storage or platform, never to each other.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

/** Lines that reach Thunderbird's APIs: `messenger.`/`browser.`, types included, or either as a property (globalThis, a cast). */
function apiUses(source: string): string[] {
  return source.split("\n").filter((l) => /\b(messenger|browser)\??\.[A-Za-z_]|\.\s*(messenger|browser)\b|\[\s*["'`](messenger|browser)["'`]/.test(l));
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
}

const layered = [...["src/addon/features", "src/addon/storage", "src/addon/workers", "src/ui"].flatMap((d) => [...tsFiles(join(ROOT, d))]), join(ROOT, "src/addon/background.ts")];
const rel = (p: string) => relative(ROOT, p);

const FEATURES = join(ROOT, "src/addon/features");
/** The feature a file of src/addon/features belongs to: its file name, or its folder (account-setup/). */
const featureOf = (p: string) => relative(FEATURES, p).split("/")[0]!.replace(/\.ts$/, "");

/**
 * Imports from one feature into another. Allowed: the `Feature` type module (feature.ts), the
 * registry (features/index.ts, which knows them all), and the files of a feature's own folder.
 */
function crossFeatureImports(file: string, source: string): string[] {
  if (file === join(FEATURES, "index.ts")) return [];
  return specifiers(source)
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(file), s))
    .filter((target) => target.startsWith(FEATURES + "/") && target !== join(FEATURES, "feature.ts") && featureOf(target) !== featureOf(file))
    .map((target) => `${rel(file)} -> ${rel(target)}`);
}

describe("layering (issue 13)", () => {
  it("the detectors find what they look for", () => {
    expect(apiUses("const x = 1;\n  await messenger.tabs.query({});\nlet t: messenger.tabs.Tab;\n(globalThis as any).browser.runtime\nconst m = (globalThis as unknown as { messenger: unknown }).messenger;\nwindow[\"browser\"]")).toHaveLength(5);
    expect(apiUses("// the messenger global, as in a browser. Then\nconst browserName = 1;")).toEqual([]);
    expect(specifiers('import { a } from "../../addon/features/x.ts";\nexport type { B } from "./b.ts";\nawait import("../c.ts");')).toEqual(["../../addon/features/x.ts", "./b.ts", "../c.ts"]);
    expect(layered.length).toBeGreaterThan(20);
  });

  it("background entry, features, stores, workers and pages call no messenger.* API (only src/addon/platform does)", () => {
    const found = layered.flatMap((p) => apiUses(readFileSync(p, "utf8")).map((l) => `${rel(p)}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it("no page imports a feature", () => {
    const pages = layered.filter((p) => rel(p).startsWith("src/ui/"));
    const found = pages.flatMap((p) => specifiers(readFileSync(p, "utf8")).filter((s) => /(^|\/)addon\/features(\/|$)/.test(s)).map((s) => `${rel(p)}: ${s}`));
    expect(found).toEqual([]);
  });

  it("pages read and change settings through the contract, never from storage themselves", () => {
    const pages = layered.filter((p) => rel(p).startsWith("src/ui/"));
    const direct = (source: string) => source.split("\n").filter((l) => /^\s*import\s+(?!type\b)[^;]*from\s*["'][^"']*addon\/platform\/(settings|storage)\.ts["']/.test(l));
    expect(direct('import { getSettings } from "../../addon/platform/settings.ts";\nimport type { Settings } from "../../addon/platform/settings.ts";')).toHaveLength(1);
    const found = pages.flatMap((p) => direct(readFileSync(p, "utf8")).map((l) => `${rel(p)}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it("the cross-feature detector tells a neighbour feature from the file's own folder", () => {
    const at = (p: string) => join(FEATURES, p);
    expect(crossFeatureImports(at("verdict-display.ts"), 'import { verdictOf } from "./trust-marking/index.ts";\nimport type { Feature } from "./feature.ts";')).toEqual(["src/addon/features/verdict-display.ts -> src/addon/features/trust-marking/index.ts"]);
    expect(crossFeatureImports(at("trust-marking/index.ts"), 'import { classify } from "./classify.ts";\nimport type { Feature } from "../feature.ts";\nimport { x } from "../../platform/mail.ts";')).toEqual([]);
    expect(crossFeatureImports(at("account-setup/create.ts"), 'import { y } from "../directory-live.ts";')).toEqual(["src/addon/features/account-setup/create.ts -> src/addon/features/directory-live.ts"]);
    expect(crossFeatureImports(at("index.ts"), 'import { a } from "./a.ts";')).toEqual([]);
  });

  it("no feature imports another feature (they share through core, storage or platform)", () => {
    const found = [...tsFiles(FEATURES)].flatMap((p) => crossFeatureImports(p, readFileSync(p, "utf8")));
    expect(found).toEqual([]);
  });

  it("no file of the add-on is over 250 lines (a file that needs more does several jobs: split it by job)", () => {
    const long = [...tsFiles(join(ROOT, "src/addon"))].map((p) => [rel(p), readFileSync(p, "utf8").split("\n").length - 1] as const).filter(([, n]) => n > 250);
    expect(long).toEqual([]);
  });

  it("every command of the contract has one handler in the background, and no handler is outside it", () => {
    const contract = readFileSync(join(ROOT, "src/addon/platform/contract.ts"), "utf8");
    const body = contract.slice(contract.indexOf("export interface Commands {"), contract.indexOf("\n}\n", contract.indexOf("export interface Commands {")));
    const commands = [...body.matchAll(/^\s*"([a-z-]+:[a-z-]+)":/gm)].map((m) => m[1]!).sort();
    expect(commands.length).toBeGreaterThan(30);
    const handled = [...tsFiles(join(ROOT, "src/addon"))].flatMap((p) => [...readFileSync(p, "utf8").matchAll(/\bhandle\(\s*"([^"]+)"/g)].map((m) => m[1]!)).sort();
    expect(handled).toEqual(commands);
  });
});
