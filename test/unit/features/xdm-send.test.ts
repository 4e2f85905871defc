// Sending health documents against a fake Thunderbird that throws on any API it does not fake: the
// onBeforeSend listener as Thunderbird calls it, for an MSSanté identity with an IHE_XDM.ZIP
// attached. The send waits for the user's answer in the add-on's window (its page's commands over
// runtime.onMessage); « envoyer » adds the X-MSS headers, closing the window stops the send.
import { describe, expect, it } from "vitest";
import { fakeEvent, fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";
import { makeXdm } from "../../fixtures/xdm/make-xdm.ts";

type Listener = (tab: unknown, details: Record<string, unknown>) => Promise<unknown>;
const PRO = "Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>";

async function bench(accountId: string) {
  const zip = makeXdm();
  const onBeforeSend = fakeEvent();
  const onRemoved = fakeEvent();
  const windows: string[] = [];
  const tb = fakeThunderbird(
    {
      compose: {
        onBeforeSend,
        listAttachments: async () => [{ id: 11, name: "IHE_XDM.ZIP", size: zip.length }],
        getAttachmentFile: async () => ({ size: zip.length, arrayBuffer: async () => zip.slice().buffer }),
      },
      identities: { get: async () => ({ accountId }) },
      windows: { create: async (o: { url: string }) => (windows.push(o.url), { id: 42 }), onRemoved, get: async () => ({}), remove: async () => {} },
    },
    { settings: { mssanteAccounts: ["account1"] } },
  );
  const { xdmSend } = await import("../../../src/addon/features/xdm-send.ts");
  xdmSend.start();
  const send = (details: Record<string, unknown>) => (onBeforeSend.listeners[0] as unknown as Listener)({ id: 3 }, { identityId: "id1", to: [PRO], subject: "Résultats", customHeaders: [], ...details });
  const openedId = async () => {
    for (let i = 0; i < 200 && windows.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    return decodeURIComponent(windows[0]!.split("id=")[1]!);
  };
  return { tb, send, openedId, windows, onRemoved };
}

describe("xdm send", () => {
  freshAddonPerTest();

  it("the user sees the documents and sends: X-MSS-CODECDA and X-MSS-INS are added", async () => {
    const b = await bench("account1");
    const answer = b.send({});
    const id = await b.openedId();
    expect(b.windows[0]).toContain("ui/xdm-send/confirm.html?id=");
    const shown = (await b.tb.call("xdm-send:plan", { id })) as { plan: { kind: string }; subject: string };
    expect(shown).toMatchObject({ plan: { kind: "confirm" }, subject: "Résultats" });
    expect(await b.tb.call("xdm-send:answer", { id, send: true, noReply: false })).toBe(true);
    expect(await answer).toEqual({ details: { customHeaders: [{ name: "X-MSS-CODECDA", value: "11502-2,PRESC-BIO" }, { name: "X-MSS-INS", value: "O" }] } });
  });

  it("the window closed without an answer: the send stops", async () => {
    const b = await bench("account1");
    const answer = b.send({});
    await b.openedId();
    await b.onRemoved.fire(42);
    expect(await answer).toEqual({ cancel: true });
  });

  it("an ordinary identity: its attachments are not read, the message leaves unchanged", async () => {
    const b = await bench("account2");
    expect(await b.send({})).toBeUndefined();
    expect(b.windows).toEqual([]);
  });
});
