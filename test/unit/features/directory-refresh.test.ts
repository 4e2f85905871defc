// The directory refresh against a fake Thunderbird that throws on any API it does not fake, a fake
// network, an in-memory IndexedDB (fake-indexeddb) and the real index-building worker code run in
// place of a Worker: the options page's « Mettre à jour » (runtime.onMessage) downloads, builds
// and swaps in the index; HTTP 429 keeps the previous data and says when to try again.
import { describe, expect, it, vi } from "vitest";
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";
import { extractionBytes, referenceRows } from "../../fixtures/directory/extraction.ts";

/** A Worker running src/addon/workers/directory-build.ts in this thread (one build per test). */
class InPlaceWorker {
  onmessage?: (e: { data: unknown }) => void;
  onerror?: (e: { message: string }) => void;
  constructor(readonly url: string) {}
  async postMessage(data: unknown) {
    const scope: { onmessage?: (e: { data: unknown }) => void; postMessage: (d: unknown) => void } = { postMessage: (d) => setTimeout(() => this.onmessage?.({ data: d })) };
    vi.stubGlobal("self", scope);
    await import("../../../src/addon/workers/directory-build.ts");
    scope.onmessage!({ data });
  }
  terminate() {}
}

type Status = { status: { outcome?: string; manifest?: { entries: number }; error?: { key: string; params: string[] }; retryAfter?: string }; progress: { phase: string } };

async function bench(answer: () => Response) {
  const asked: string[] = [];
  vi.stubGlobal("indexedDB", new IDBFactory());
  vi.stubGlobal("Worker", InPlaceWorker);
  vi.stubGlobal("fetch", async (url: string) => (asked.push(url), answer()));
  const tb = fakeThunderbird();
  const { directoryRefresh } = await import("../../../src/addon/features/directory-refresh.ts");
  directoryRefresh.start();
  const refreshed = async () => {
    await tb.call("directory:refresh");
    let s: Status | undefined;
    for (let i = 0; i < 300 && (!s || s.progress.phase !== "idle" || !s.status.outcome); i++) {
      await new Promise((r) => setTimeout(r, 10));
      s = (await tb.call("directory:status")) as Status;
    }
    return s!;
  };
  return { tb, asked, refreshed };
}

describe("directory refresh", () => {
  freshAddonPerTest();

  it("« Mettre à jour »: the extraction is downloaded, indexed and swapped in; the daily alarm is set", async () => {
    const b = await bench(() => new Response(extractionBytes(referenceRows()) as Uint8Array<ArrayBuffer>, { status: 200, headers: { etag: '"e1"' } }));
    const s = await b.refreshed();
    expect(b.asked).toEqual(["https://www.data.gouv.fr/api/1/datasets/r/afe01105-d9a1-41fe-921f-e40ea48b2ba6"]);
    expect(s.status).toMatchObject({ outcome: "updated", manifest: { entries: referenceRows().length } });
    expect(b.tb.alarms.get("mssante-directory-refresh")).toEqual({ delayInMinutes: 60, periodInMinutes: 24 * 60 });
    const { loadIndexBytes } = await import("../../../src/addon/storage/directory-store.ts");
    expect((await loadIndexBytes())?.byteLength).toBeGreaterThan(0);
  });

  it("HTTP 429: nothing swapped in, the status says to wait and until when", async () => {
    const b = await bench(() => new Response("trop", { status: 429, headers: { "retry-after": "120" } }));
    const before = Date.now();
    const s = await b.refreshed();
    expect(s.status).toMatchObject({ outcome: "failed", error: { key: "dirErrorTooMany", params: ["120"] } });
    expect(Date.parse(s.status.retryAfter!)).toBeGreaterThanOrEqual(before + 119_000);
    const { loadIndexBytes } = await import("../../../src/addon/storage/directory-store.ts");
    expect(await loadIndexBytes()).toBeUndefined();
  });
});
