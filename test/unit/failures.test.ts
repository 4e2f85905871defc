// Background work nobody awaits: its failure is kept for the options page and logged, and the
// next success of the same work clears it. Run against a fake storage that throws on anything else.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearFailure, inBackground, loadFailures, recordFailure } from "../../src/addon/platform/failures.ts";

function fakeMessenger() {
  const data: Record<string, unknown> = {};
  const local = {
    get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
  return new Proxy(
    { storage: { local } },
    { get: (target, name) => (name in target ? target[name as "storage"] : (() => { throw new Error(`messenger.${String(name)} is not faked`); })()) },
  );
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe("failures of background work", () => {
  beforeEach(() => {
    vi.stubGlobal("messenger", fakeMessenger());
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("a rejected background task is kept with its message and logged", async () => {
    inBackground("scan", async () => {
      throw new Error("le dossier a disparu");
    });
    await settle();
    const kept = await loadFailures();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ area: "scan", message: "le dossier a disparu" });
    expect(console.error).toHaveBeenCalled();
  });

  it("a synchronous throw is caught the same way", async () => {
    inBackground("display", () => {
      throw new Error("onglet fermé");
    });
    await settle();
    expect((await loadFailures()).map((f) => f.area)).toEqual(["display"]);
  });

  it("the next success of the same work clears it; other areas stay", async () => {
    await recordFailure("whitelist", new Error("réseau"));
    await recordFailure("directory", "HTTP 500");
    inBackground("whitelist", async () => "ok");
    await settle();
    expect(await loadFailures()).toEqual([expect.objectContaining({ area: "directory", message: "HTTP 500" })]);
    await clearFailure("directory");
    expect(await loadFailures()).toEqual([]);
  });
});
