// « Placer en premier mes correspondants habituels » against a fake Thunderbird that throws on any
// API it does not fake: each message sent (compose.onAfterSend) counts its recipients' addresses in
// storage.local, only when the option is on and only addresses; the options page reads the counts
// and can forget them.
import { describe, expect, it, vi } from "vitest";
import { fakeEvent, fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

// The message replied to (messages.get), as Thunderbird gives it: a reply-all copies its To and Cc.
const REPLIED = { id: 7, author: "Dr Paul Roux <paul.roux@chu-lyon.mssante.fr>", recipients: ["jean.dupont@medecin.mssante.fr"], ccList: ["Marie DUPONT <marie.dupont@medecin.mssante.fr>"] };

async function bench(settings: Record<string, unknown> = {}) {
  const onAfterSend = fakeEvent();
  const get = async (id: number) => {
    if (id !== REPLIED.id) throw new Error(`Message not found: ${id}.`);
    return REPLIED;
  };
  const tb = fakeThunderbird({ compose: { onAfterSend }, messages: { get } }, { settings });
  const { directoryCorrespondents } = await import("../../../src/addon/features/directory-correspondents.ts");
  directoryCorrespondents.start();
  const send = (to: string[], error?: string) => onAfterSend.fire({ id: 2 }, { mode: "sendNow", error, details: { to, cc: [], bcc: [], subject: "CR confidentiel" } });
  const reply = (relatedMessageId: number, to: string[], cc: string[]) =>
    onAfterSend.fire({ id: 2 }, { mode: "sendNow", details: { type: "reply", relatedMessageId, to, cc, bcc: [], subject: "Re: CR" } });
  return { tb, send, reply };
}

describe("directory correspondents", () => {
  freshAddonPerTest();

  it("a sent message counts its recipients' addresses (nothing else), and the status tells how many", async () => {
    const b = await bench();
    await b.send(["Dr Marie Martin <Marie.Martin@chu-lyon.mssante.fr>", "secretariat@chu-lyon.mssante.fr"]);
    const stored = JSON.stringify(b.tb.local.directoryCorrespondents);
    expect(stored).toContain("marie.martin@chu-lyon.mssante.fr");
    expect(stored).toContain("secretariat@chu-lyon.mssante.fr");
    expect(stored).not.toContain("Marie Martin");
    expect(stored).not.toContain("CR confidentiel");
    expect(await b.tb.call("directory:correspondents-status")).toMatchObject({ enabled: true, counted: 2 });
    expect(await b.tb.call("directory:correspondents-forget")).toMatchObject({ counted: 0 });
    expect(b.tb.local.directoryCorrespondents).toBeUndefined();
  });

  it("a reply counts whom it answers, not the others a reply-all copies from the message replied to", async () => {
    // The sender of a message could otherwise make the homonyms of their choice « usual » by Cc.
    const b = await bench();
    await b.reply(REPLIED.id, [REPLIED.author], ["marie.dupont@medecin.mssante.fr", "Secrétariat <secretariat@chu-lyon.mssante.fr>"]);
    const stored = JSON.stringify(b.tb.local.directoryCorrespondents);
    expect(stored).toContain("paul.roux@chu-lyon.mssante.fr");
    expect(stored).toContain("secretariat@chu-lyon.mssante.fr"); // added by the user
    expect(stored).not.toContain("marie.dupont@medecin.mssante.fr");
    // The message replied to is gone (deleted meanwhile): that reply counts nobody.
    vi.resetModules();
    const gone = await bench();
    await gone.reply(99, ["paul.roux@chu-lyon.mssante.fr"], ["marie.dupont@medecin.mssante.fr"]);
    expect(gone.tb.local.directoryCorrespondents).toBeUndefined();
  });

  it("the option off, or a failed send: nothing is counted", async () => {
    const off = await bench({ directoryUsualFirst: false });
    await off.send(["marie.martin@chu-lyon.mssante.fr"]);
    expect(off.tb.local.directoryCorrespondents).toBeUndefined();
    vi.resetModules();
    const on = await bench();
    await on.send(["marie.martin@chu-lyon.mssante.fr"], "SMTP refusé");
    expect(on.tb.local.directoryCorrespondents).toBeUndefined();
  });
});
