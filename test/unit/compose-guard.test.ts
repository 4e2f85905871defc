// The compose guard against a strict fake messenger: what Thunderbird's onBeforeSend gets back when
// the check cannot be made. A listener that throws would leave the compose window locked; the send
// must stop (fail closed), the failure be kept for the options page, and a window tell the user.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeStorage, strictFake } from "../support/fake-messenger.ts";

type Listener = (tab: unknown, details: Record<string, unknown>) => Promise<unknown>;

function setUp(options: { storageFails: boolean }) {
  const storage = fakeStorage({ settings: { mssanteAccounts: ["account1"], overrides: {}, markOrdinaryOutside: false } });
  const windows: string[] = [];
  let listener: Listener | undefined;
  const messenger = strictFake({
    compose: { onBeforeSend: { addListener: (l: Listener) => void (listener = l) } },
    windows: {
      create: async (o: { url: string }) => (windows.push(o.url), { id: windows.length }),
      onRemoved: { addListener: () => {} },
      get: async () => ({}),
    },
    runtime: { getURL: (p: string) => `moz-extension://x/${p}`, onMessage: { addListener: () => {} } },
    identities: { get: async () => ({ accountId: "account1" }) },
    accounts: { get: async () => ({ id: "account1", identities: [{ id: "id1", email: "jean.dupont@medecin.mssante.fr" }] }) },
    i18n: { getMessage: (k: string) => k, getUILanguage: () => "fr" },
    storage: {
      ...storage,
      local: {
        ...storage.local,
        get: async (keys?: string | string[] | null) => {
          if (options.storageFails && keys === "whitelist") throw new Error("base de stockage illisible");
          return storage.local.get(keys);
        },
      },
    },
  });
  vi.stubGlobal("messenger", messenger);
  return { storage, windows, listener: () => listener! };
}

describe("compose guard, when the check itself fails", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("stops the send, keeps the failure for the options page and opens a window saying why", async () => {
    const bench = setUp({ storageFails: true });
    const { composeGuard } = await import("../../src/addon/features/compose-guard.ts");
    composeGuard.start();
    const answer = await bench.listener()({}, { identityId: "id1", to: ["inconnu@evil.example"], subject: "CR" });
    expect(answer).toEqual({ cancel: true });
    expect(bench.storage.data.failures).toEqual({ send: expect.objectContaining({ area: "send", message: "base de stockage illisible" }) });
    expect(bench.windows).toHaveLength(1);
    expect(bench.windows[0]).toContain("ui/compose-warning/warning.html?error=");
    expect(decodeURIComponent(bench.windows[0]!.split("error=")[1]!)).toBe("base de stockage illisible");
  });

  it("an ordinary identity is let through without reading anything else", async () => {
    const bench = setUp({ storageFails: true });
    const { composeGuard } = await import("../../src/addon/features/compose-guard.ts");
    composeGuard.start();
    (messenger as unknown as { identities: { get: unknown } }).identities.get = async () => ({ accountId: "account2" });
    expect(await bench.listener()({}, { identityId: "id2", to: ["ami@club.example"] })).toBeUndefined();
    expect(bench.windows).toEqual([]);
  });
});
