// Guards on what Thunderbird will refuse silently: a permission missing from the manifest (the API
// is then `undefined`), a permission declared but unused (least privilege: this is health data),
// and an Experiment whose manifest entry, schema and implementation disagree (the API then vanishes).
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { runInNewContext } from "node:vm";
import { loadThunderbirdSchemas, parseSchemaJson, indexSchemas, OMNI_JA, type SchemaNamespace } from "../support/thunderbird-schemas.ts";

const ROOT = join(import.meta.dirname, "../..");

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  experiment_apis?: Record<string, { schema: string; parent: { scopes: string[]; paths: string[][]; script: string } }>;
  [key: string]: unknown;
}

const production = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as Manifest;
const testPatch = JSON.parse(readFileSync(join(ROOT, "test/e2e/addon/manifest.patch.json"), "utf8")) as Manifest;
const testManifest: Manifest = {
  ...production,
  permissions: [...(production.permissions ?? []), ...(testPatch.permissions ?? [])],
  experiment_apis: { ...(production.experiment_apis ?? {}), ...(testPatch.experiment_apis ?? {}) },
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) yield p;
  }
}

/** `messenger.a.b.c` chains used in code (comments stripped). */
function apiChains(dirs: string[]): Map<string, string> {
  const chains = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      for (const m of code.matchAll(/\b(?:messenger|browser)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)) {
        if (!chains.has(m[1]!)) chains.set(m[1]!, file.replace(ROOT + "/", ""));
      }
    }
  }
  return chains;
}

interface Requirement {
  api: string;
  file: string;
  /** Each inner list: any one of these permissions satisfies it. */
  anyOf: string[][];
}

function requirements(chains: Map<string, string>, schemas: Map<string, SchemaNamespace>): { reqs: Requirement[]; unknown: string[] } {
  const reqs: Requirement[] = [];
  const unknown: string[] = [];
  for (const [chain, file] of chains) {
    const parts = chain.split(".");
    let ns: SchemaNamespace | undefined;
    let i = parts.length;
    for (; i > 0 && !ns; i--) ns = schemas.get(parts.slice(0, i).join("."));
    if (!ns) {
      unknown.push(`${chain} (${file})`);
      continue;
    }
    const memberName = parts[i + 1];
    const anyOf: string[][] = [];
    if (ns.permissions) anyOf.push(ns.permissions);
    if (memberName !== undefined) {
      const member = ns.members.get(memberName);
      // Type names (MailFolder, MessageHeader…) appear in type positions only.
      if (!member && !/^[A-Z]/.test(memberName)) unknown.push(`${chain} (${file})`);
      if (member?.permissions) anyOf.push(member.permissions);
    }
    reqs.push({ api: chain, file, anyOf });
  }
  return { reqs, unknown };
}

function satisfied(manifest: Manifest, anyOf: string[]): boolean {
  return anyOf.some((p) => {
    if (p.startsWith("manifest:")) return p.slice("manifest:".length) in manifest;
    return (manifest.permissions ?? []).includes(p);
  });
}

const schemas = loadThunderbirdSchemas();
if (!schemas) console.warn(`SKIPPED permission checks: Thunderbird is not installed (${OMNI_JA} missing)`);

function experimentSchemas(manifest: Manifest, base: string): unknown[] {
  // The test build carries the production Experiments too: each is read from where it lives.
  return Object.entries(manifest.experiment_apis ?? {}).map(([key, e]) =>
    parseSchemaJson(readFileSync(join(ROOT, production.experiment_apis?.[key] ? "src" : base, e.schema), "utf8")),
  );
}

describe.each([
  { name: "production", manifest: production, dirs: ["src/addon", "src/ui"], experimentBase: "src" },
  { name: "test build", manifest: testManifest, dirs: ["src/addon", "src/ui", "test/e2e/addon"], experimentBase: "test/e2e/addon" },
])("$name manifest", ({ manifest, dirs, experimentBase }) => {
  it.skipIf(!schemas)("declares every permission the code uses, and only those", () => {
    const all = new Map([...schemas!, ...indexSchemas(experimentSchemas(manifest, experimentBase))]);
    const { reqs, unknown } = requirements(apiChains(dirs), all);
    expect(unknown, "APIs not found in Thunderbird 153's schemas").toEqual([]);
    const missing = reqs.flatMap((r) => r.anyOf.filter((a) => !satisfied(manifest, a)).map((a) => `${r.api} needs one of ${a.join("|")} (${r.file})`));
    expect(missing).toEqual([]);
    const used = new Set(reqs.flatMap((r) => r.anyOf.flat()));
    const unused = (manifest.permissions ?? []).filter((p) => !used.has(p));
    expect(unused, "declared permissions no code uses").toEqual([]);
  });
});

describe("Experiments: manifest entry, schema and implementation agree", () => {
  const entries = [
    ...Object.entries(production.experiment_apis ?? {}).map(([k, v]) => ({ key: k, entry: v, base: "src" })),
    ...Object.entries(testPatch.experiment_apis ?? {}).map(([k, v]) => ({ key: k, entry: v, base: "test/e2e/addon" })),
  ];

  it("the test build has its Experiment (so this check is exercised)", () => {
    expect(entries.map((e) => e.key)).toContain("testbed");
  });

  it.each(entries)("$key", ({ key, entry, base }) => {
    const schemaPath = join(ROOT, base, entry.schema);
    const implPath = join(ROOT, base, entry.parent.script);
    expect(existsSync(schemaPath), schemaPath).toBe(true);
    expect(existsSync(implPath), implPath).toBe(true);
    expect(dirname(entry.schema)).toBe(dirname(entry.parent.script));
    const schema = parseSchemaJson(readFileSync(schemaPath, "utf8")) as { namespace: string; functions?: { name: string }[]; events?: { name: string }[] }[];
    expect(schema.map((s) => s.namespace)).toEqual([key]);
    expect(entry.parent.paths).toEqual([[key]]);
    expect(entry.parent.scopes).toEqual(["addon_parent"]);
    // Load the implementation with stand-ins for Thunderbird's globals and list what it provides.
    class ExtensionAPI {}
    const sandbox: Record<string, unknown> = {
      ExtensionCommon: { ExtensionAPI },
      ExtensionUtils: { ExtensionError: Error },
      ChromeUtils: { importESModule: () => ({}) },
      Services: {},
      Cc: {},
      Ci: {},
    };
    runInNewContext(readFileSync(implPath, "utf8") + `\n;globalThis.__api = ${key};`, sandbox);
    const Api = sandbox.__api as new () => { getAPI(ctx: unknown): Record<string, Record<string, unknown>> };
    expect(typeof Api, `implementation must define the global "${key}"`).toBe("function");
    const api = new Api().getAPI({});
    expect(Object.keys(api)).toEqual([key]);
    const implemented = Object.keys(api[key]!).sort();
    const declared = [...(schema[0]!.functions ?? []), ...(schema[0]!.events ?? [])].map((f) => f.name).sort();
    expect(implemented).toEqual(declared);
    // The production build must not carry a test-only Experiment.
    if (base !== "src") expect(production.experiment_apis?.[key]).toBeUndefined();
  });
});
