// The Experiments say no French: they throw "[kind:code] [params…]" and the add-on says the reason
// in the user's language. Every code the privileged code can throw is one the add-on knows and has
// a message for, and the add-on reads them back as it did the French text before.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { translator } from "../../src/core/i18n.ts";

const EXPERIMENTS = join(import.meta.dirname, "../../src/experiments");
const sources = readdirSync(EXPERIMENTS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, code: readFileSync(join(EXPERIMENTS, d.name, "implementation.js"), "utf8") }));

/** Codes thrown: codedError(kind, "code"…), dialogue failures ["code", line], timeouts, and the PKCS#12 table. */
function thrownCodes(code: string): string[] {
  const out = [
    ...[...code.matchAll(/codedError\((?:"[a-z]+"|[a-z]+), "([a-z0-9-]+)"/g)].map((m) => m[1]!),
    ...[...code.matchAll(/(?:fail: |failure = )\["([a-z0-9-]+)"/g)].map((m) => m[1]!),
    ...[...code.matchAll(/withTimeout\([^;]*?, \d+, "([a-z0-9-]+)"/g)].map((m) => m[1]!),
  ];
  const table = /const PKCS12_ERRORS = \(\) => \(\{([\s\S]*?)\}\);/.exec(code)?.[1];
  if (table) out.push(...[...table.matchAll(/: "([a-z0-9-]+)"/g)].map((m) => m[1]!));
  return out;
}

let errors: typeof import("../../src/addon/platform/experiment-errors.ts");

beforeAll(async () => {
  const fr = translator("fr");
  vi.stubGlobal("messenger", { i18n: { getMessage: (key: string, subs?: string[]) => fr(key, subs) } });
  errors = await import("../../src/addon/platform/experiment-errors.ts");
});
afterAll(() => vi.unstubAllGlobals());

describe("Experiment error codes", () => {
  it("the six Experiments are there, and no French reaches the add-on from them", () => {
    expect(sources.map((s) => s.name).sort()).toEqual(["mssanteAccounts", "mssanteCertificates", "mssanteMessageHeads", "mssanteMessageList", "mssanteMessageTags", "mssanteServers"]);
    for (const s of sources) {
      const strings = [...s.code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "").matchAll(/(["'`])((?:(?!\1).)*)\1/g)].map((m) => m[2]!);
      // Console lines ("[mssante] …") are for the developer, like the add-on's own.
      expect(strings.filter((t) => /[àâçéèêëîïôûùüÿœ«»]/i.test(t) && !t.startsWith("[mssante]")), s.name).toEqual([]);
    }
  });

  it("every code thrown is known to the add-on, and every known code is thrown somewhere", () => {
    const thrown = new Set(sources.flatMap((s) => thrownCodes(s.code)));
    expect(thrown.size).toBeGreaterThan(15);
    expect([...thrown].filter((c) => !(errors.EXPERIMENT_ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(errors.EXPERIMENT_ERROR_CODES.filter((c) => !thrown.has(c))).toEqual([]);
  });

  it("the add-on says each code in French, with its parameters", () => {
    const read = (text: string) => errors.experimentError(new Error(text));
    expect(read('[clientcert:p12-bad-password] []')).toMatchObject({ kind: "clientcert", code: "p12-bad-password", detail: "mot de passe du fichier .p12 incorrect" });
    expect(read('[login:logon-failed] ["imap.op.fr:143","NS_ERROR_FAILURE"]')).toMatchObject({ kind: "login", detail: "imap.op.fr:143 NS_ERROR_FAILURE" });
    expect(read('[pin:not-pinned] ["CN=Autre","AB:CD"]').detail).toBe("le certificat « CN=Autre » (AB:CD) n'est pas une racine attendue");
    expect(read('[timeout:server-timeout] ["imap.op.fr:143","30"]').detail).toBe("imap.op.fr:143 : pas de réponse en 30 s");
    for (const code of errors.EXPERIMENT_ERROR_CODES) {
      const e = read(`[account:${code}] ["a","b"]`);
      expect(e.detail, code).not.toMatch(/experimentError_|\$[A-Z]/);
      expect(e.detail, code).not.toBe("");
    }
  });

  it("what is not in that form stays readable: Thunderbird's own text, an unknown code, bad JSON", () => {
    const read = (text: string) => errors.experimentError(new Error(text));
    expect(read("[account:internal] [\"NS_ERROR_NOT_AVAILABLE\"]")).toMatchObject({ kind: "account", code: "internal", detail: "NS_ERROR_NOT_AVAILABLE" });
    expect(read("An unexpected error occurred")).toMatchObject({ kind: "account", detail: "An unexpected error occurred" });
    expect(read("[nonsense:p12-unreadable] []")).toMatchObject({ kind: "account" });
    expect(read("[tls:p12-unreadable] [oops")).toMatchObject({ kind: "account", detail: "[tls:p12-unreadable] [oops" });
  });
});
