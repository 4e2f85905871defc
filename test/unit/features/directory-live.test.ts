// The directory's live source as the options page sees it, against a fake Thunderbird that throws on
// any API it does not fake and a fake network: the « tester » command sends one search with the
// user's key in its header, the status tells the outcome without ever giving the key back, and a
// new key forgets what was said about the old one.
import { describe, expect, it, vi } from "vitest";
import { fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const KEY = "cle-secrete-0123456789";

async function bench(settings: Record<string, unknown>) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: { headers: Record<string, string> }) => {
    sent.push({ url, headers: init.headers });
    return new Response("{}", { status: 401 });
  });
  const tb = fakeThunderbird({}, { settings });
  const { directoryLive } = await import("../../../src/addon/features/directory-live.ts");
  directoryLive.start();
  return { tb, sent };
}

describe("directory live source (options page)", () => {
  freshAddonPerTest();

  it("« tester »: one request with the key in its header; the status says refused, and never holds the key", async () => {
    const b = await bench({ directoryLiveEnabled: true, directoryApiKey: KEY });
    const status = (await b.tb.call("directory:live-test")) as { enabled: boolean; hasKey: boolean; last?: { httpStatus?: number; reason: string } };
    expect(b.sent.length).toBeGreaterThan(0);
    expect(b.sent[0]!.url.startsWith("https://gateway.api.esante.gouv.fr/fhir/v2/")).toBe(true);
    expect(b.sent[0]!.headers["ESANTE-API-KEY"]).toBe(KEY);
    expect(status).toMatchObject({ enabled: true, hasKey: true, last: { httpStatus: 401 } });
    expect(JSON.stringify(status)).not.toContain(KEY);
    // Another key: what was said about the previous one no longer holds.
    await (b.tb.messenger.storage as { local: { set(i: unknown): Promise<void> } }).local.set({ settings: { directoryLiveEnabled: true, directoryApiKey: "autre-cle" } });
    expect(await b.tb.call("directory:live-status")).toEqual({ enabled: true, hasKey: true });
  });

  it("without a key nothing leaves the machine", async () => {
    const b = await bench({ directoryLiveEnabled: true, directoryApiKey: "  " });
    expect(await b.tb.call("directory:live-test")).toEqual({ enabled: true, hasKey: false });
    expect(b.sent).toEqual([]);
  });
});
