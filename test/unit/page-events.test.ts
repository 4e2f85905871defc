// Live progress reaches the pages from the background (platform/page-events.ts), not by pages
// watching storage: what the scan, the folder report and the kept failures become is sent to the
// open pages as contract events; no open page is not an error; a page hears only its event.
import { describe, expect, it, vi } from "vitest";
import { fakeEvent, fakeThunderbird, freshAddonPerTest, settle } from "../support/fake-thunderbird.ts";

describe("page events", () => {
  freshAddonPerTest();

  it("the background sends the scan, the folder report and the failures as they are saved, and only them", async () => {
    const sent: unknown[] = [];
    const tb = fakeThunderbird({ runtime: { sendMessage: async (m: unknown) => void sent.push(m) } });
    const { forwardPageEvents } = await import("../../src/addon/platform/page-events.ts");
    const { saveScan } = await import("../../src/addon/storage/scan-store.ts");
    const { recordFailure } = await import("../../src/addon/platform/failures.ts");
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    forwardPageEvents();
    await saveScan({ running: true, foldersDone: [], foldersTotal: 2, examined: 40, classified: 40, tagged: 3, waitingForList: false });
    await (tb.messenger as { storage: { local: { set(i: object): Promise<void> } } }).storage.local.set({ folderSignatureReport: { folder: "/INBOX", examined: 2 }, other: 1 });
    await recordFailure("scan", new Error("serveur injoignable"));
    await settle();
    expect(sent).toEqual([
      { event: "scan", value: expect.objectContaining({ running: true, foldersTotal: 2, examined: 40, foldersDone: [] }) },
      { event: "folderSignatureReport", value: { folder: "/INBOX", examined: 2 } },
      { event: "failures", value: [expect.objectContaining({ area: "scan", message: "serveur injoignable" })] },
    ]);
  });

  it("no page open is not an error; any other failure to tell the pages is logged", async () => {
    let error = "Could not establish connection. Receiving end does not exist.";
    fakeThunderbird({ runtime: { sendMessage: async () => Promise.reject(new Error(error)) } });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { sendPageEvent } = await import("../../src/addon/platform/page-events.ts");
    sendPageEvent("failures", []);
    await settle();
    expect(logged).not.toHaveBeenCalled();
    error = "message trop gros";
    sendPageEvent("failures", []);
    await settle();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("(failures)"), expect.objectContaining({ message: "message trop gros" }));
  });

  it("a page hears its event only, and never answers (commands are the background's)", async () => {
    const onMessage = fakeEvent();
    fakeThunderbird({ runtime: { onMessage } });
    const { onPageEvent } = await import("../../src/addon/platform/page-events.ts");
    const heard: unknown[] = [];
    onPageEvent("scan", (s) => heard.push(s));
    const answers = await onMessage.fire({ event: "scan", value: { running: false } }, {});
    await onMessage.fire({ event: "failures", value: [] }, {});
    await onMessage.fire({ type: "scan:status" }, {});
    expect(heard).toEqual([{ running: false }]);
    expect(answers).toEqual([false]);
  });
});
