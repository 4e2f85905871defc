// The account wizard's background steps against a fake `messenger` that throws on any API it does
// not fake: refusals in French, and the degraded path when Thunderbird did not load the Experiment
// (settings shown for manual entry, nothing attempted that needs privileges).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { translator } from "../../src/core/i18n.ts";
import { parseWhitelistXml, toStored } from "../../src/core/trust/whitelist.ts";

const ROOT = join(import.meta.dirname, "../..");
const store = new Map<string, unknown>([["whitelist", toStored(parseWhitelistXml(readFileSync(join(ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8")))]]);
const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as Record<string, unknown>;
const fr = translator("fr");

function strict<T extends object>(name: string, value: T): T {
  return new Proxy(value, {
    get(target, prop) {
      if (prop in target || typeof prop === "symbol" || prop === "then") return (target as Record<string | symbol, unknown>)[prop];
      throw new Error(`messenger.${name}.${String(prop)} n'est pas simulé`);
    },
  });
}

const fakeMessenger = strict("", {
  i18n: strict("i18n", { getMessage: (key: string, subs?: string[]) => fr(key, subs) }),
  storage: strict("storage", {
    local: strict("storage.local", {
      get: async (key: string) => (store.has(key) ? { [key]: store.get(key) } : {}),
      set: async (items: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(items)) store.set(k, v);
      },
    }),
  }),
  runtime: strict("runtime", { getManifest: () => manifest }),
  // What Thunderbird gives when it did not load the Experiment.
  mssanteAccounts: undefined,
});

type Setup = typeof import("../../src/addon/features/account-setup/index.ts");
let setup: Setup;

beforeAll(async () => {
  vi.stubGlobal("__MSSANTE_TEST_BUILD__", false);
  vi.stubGlobal("messenger", fakeMessenger);
  vi.stubGlobal("fetch", async () => new Response("introuvable", { status: 404 }));
  setup = await import("../../src/addon/features/account-setup/index.ts");
});
afterAll(() => vi.unstubAllGlobals());

describe("account setup steps", () => {
  it("refuses an address outside the white list, in French, with the reason", async () => {
    expect(await setup.startSetup("jean.dupont@gmail.com")).toEqual({
      ok: false,
      code: "refused",
      refusal: "not-listed",
      message: "gmail.com n'est pas un domaine MSSanté : seules les adresses de l'espace de confiance (liste blanche MSSanté) peuvent être ajoutées ici. Pour une messagerie ordinaire, utilisez l'assistant de Thunderbird.",
      problems: undefined,
    });
    const training = await setup.startSetup("jean.dupont@formation.mssante.fr");
    expect(!training.ok && training.message).toMatch(/^formation\.mssante\.fr appartient à l'environnement de formation MSSanté/);
    const patient = await setup.startSetup("123@patient.mssante.fr");
    expect(!patient.ok && patient.refusal).toBe("patient");
  });

  it("without the Experiment: settings for manual entry, and no privileged step attempted", async () => {
    const started = await setup.startSetup("jean.dupont@medecin.mssante.fr");
    expect(started).toMatchObject({ ok: true, domain: "medecin.mssante.fr", experiment: false, psc: { configured: false, hostnames: [] } });
    if (!started.ok) return;
    const found = await setup.discover(started.sessionId);
    expect(found).toMatchObject({ ok: true, complete: false, sources: { imap: "manual", smtp: "manual" } });
    if (!found.ok) return;
    expect(found.attempts.map((a) => [a.source, a.outcome])).toEqual([
      ["known", "none"],
      ["srv", "skipped"],
      ["autoconfig", "none"],
    ]);
    expect(found.settings.imap).toMatchObject({ port: 143, security: "starttls", username: "jean.dupont@medecin.mssante.fr" });
    const settings = { imap: { ...found.settings.imap, host: "imap.op.fr" }, smtp: { ...found.settings.smtp, host: "smtp.op.fr" } };
    const checked = await setup.checkServers(started.sessionId, settings);
    expect(checked).toMatchObject({ ok: false, code: "unavailable", message: fr("accountErrorUnavailable") });
    const created = await setup.createMssanteAccount(started.sessionId, { credential: "password", secret: "x", name: { lastName: "Dupont" } });
    expect(created).toMatchObject({ ok: false, code: "not-checked" });
  });

  it("production pins the real IGC-Santé root and cannot be given another one", () => {
    expect(setup.anchorPolicy().pins.map((p) => p.name)).toEqual(["AC RACINE IGC-SANTE ELEMENTAIRE"]);
    expect(() => setup.setTestOverrides({ pins: [], issuerCn: /./ }, undefined)).toThrow();
    expect(setup.anchorPolicy().pins).toHaveLength(1);
  });

  it("a cancelled setup refuses further steps", async () => {
    const started = await setup.startSetup("jean.dupont@medecin.mssante.fr");
    if (!started.ok) throw new Error("start");
    setup.cancelSetup(started.sessionId);
    expect(await setup.discover(started.sessionId)).toMatchObject({ ok: false, code: "no-session" });
  });
});
