// « Vérifier les signatures » of a folder against a fake Thunderbird that throws on any API it does
// not fake: the folder pane's menu item (created at install), its click (menus.onClicked) checks
// every message, keeps the report for the options page, opens it and notifies a summary in French.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeEvent, fakeThunderbird, settle, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const fixture = (p: string) => readFileSync(join(import.meta.dirname, "../../fixtures", p), "latin1");
const RAW: Record<number, string> = { 1: fixture("trust/messages/professionnel.eml"), 2: fixture("pki/mail/good-rsa-detached.eml"), 3: fixture("pki/mail/altered.eml") };

async function bench(subjects: Record<number, string> = {}) {
  const onClicked = fakeEvent();
  const menus: unknown[] = [];
  const notifications: { id: string; title: string; message: string }[] = [];
  let optionsOpened = 0;
  const messages = Object.keys(RAW).map((id) => ({ id: Number(id), subject: subjects[Number(id)] ?? `message ${id}`, author: "Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>" }));
  const tb = fakeThunderbird({
    menus: { create: (o: unknown) => void menus.push(o), onClicked },
    messages: { list: async () => ({ messages }), getRaw: async (id: number) => RAW[id]! },
    notifications: { create: async (id: string, o: { title: string; message: string }) => void notifications.push({ id, title: o.title, message: o.message }) },
    runtime: { openOptionsPage: async () => void optionsOpened++ },
  });
  const { folderSignatures } = await import("../../../src/addon/features/folder-signatures.ts");
  folderSignatures.start();
  return { tb, onClicked, menus, notifications, options: () => optionsOpened };
}

describe("folder signatures", () => {
  freshAddonPerTest();

  it("the menu item exists in the folder pane once installed", async () => {
    const b = await bench();
    await b.tb.onInstalled.fire({ reason: "install" });
    await settle();
    expect(b.menus).toEqual([{ id: "mssante-folder-signatures", title: expect.stringMatching(/signatures/i), contexts: ["folder_pane"] }]);
  });

  it("a click checks every message: report kept and shown, summary notified, failing messages listed", async () => {
    const b = await bench();
    await b.onClicked.fire({ menuItemId: "mssante-folder-signatures", selectedFolders: [{ id: "account1://INBOX", path: "/INBOX" }] });
    for (let i = 0; i < 200 && b.notifications.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const report = (await b.tb.call("signatures:folder-report")) as { folder: string; examined: number; signed: number; valid: number; failures: { subject: string; status: string }[] };
    expect(report).toMatchObject({ folder: "/INBOX", examined: 3, signed: 2, valid: 0 });
    // Without the IGC-Santé root installed nothing is valid; the altered one says it is altered.
    expect(report.failures.map((f) => f.subject)).toEqual(["message 2", "message 3"]);
    expect(b.options()).toBe(1);
    expect(b.notifications).toEqual([{ id: "mssante-folder-signatures", title: expect.stringContaining("/INBOX"), message: "3 messages examinés, 2 signés : 0 signatures valides, 2 à vérifier." }]);
  });

  it("a subject's right-to-left override cannot turn the options page's line around: hidden characters are spelt out", async () => {
    // Shown raw, « \u202E » made the rest of the line (the status « altered ») read backwards.
    const b = await bench({ 3: "Compte rendu \u202Eedilav erutangis" });
    await b.onClicked.fire({ menuItemId: "mssante-folder-signatures", selectedFolders: [{ id: "account1://INBOX", path: "/INBOX" }] });
    for (let i = 0; i < 200 && b.notifications.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const report = (await b.tb.call("signatures:folder-report")) as { failures: { subject: string; author: string }[] };
    expect(report.failures.map((f) => f.subject)).toEqual(["message 2", "Compte rendu <U+202E>edilav erutangis"]);
    expect(report.failures[1]!.author).toBe("Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>");
  });
});
