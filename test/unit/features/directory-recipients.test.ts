// The recipients cleaning at send time against a fake Thunderbird that throws on any API it does
// not fake: the onBeforeSend listener as Thunderbird calls it, with the descriptions the
// autocomplete showed kept in storage.local. The headers get « Prénom NOM <adresse> »; a name
// typed by hand is never touched.
import { describe, expect, it, vi } from "vitest";
import { fakeEvent, fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

type Listener = (tab: unknown, details: Record<string, unknown>) => Promise<unknown>;

async function bench() {
  const onBeforeSend = fakeEvent();
  const tb = fakeThunderbird({ compose: { onBeforeSend } });
  tb.local.suggestedRecipients = [["marie.martin@chu-lyon.mssante.fr", [{ name: "Marie MARTIN", description: "Marie MARTIN — Médecin — Lyon (Hospices Civils de Lyon)" }]]];
  const { directoryRecipients } = await import("../../../src/addon/features/directory-recipients.ts");
  directoryRecipients.start();
  return { send: (details: Record<string, unknown>) => (onBeforeSend.listeners[0] as unknown as Listener)({ id: 3 }, details) };
}

describe("directory recipients", () => {
  freshAddonPerTest();

  it("a recipient picked from the suggestions leaves with its clean name, in To, Cc and Bcc", async () => {
    const b = await bench();
    const picked = "Marie MARTIN — Médecin — Lyon (Hospices Civils de Lyon) <marie.martin@chu-lyon.mssante.fr>";
    expect(await b.send({ to: [picked, "ami@club.example"], cc: [picked], bcc: [] })).toEqual({
      details: { to: ["Marie MARTIN <marie.martin@chu-lyon.mssante.fr>", "ami@club.example"], cc: ["Marie MARTIN <marie.martin@chu-lyon.mssante.fr>"], bcc: [] },
    });
  });

  it("a suggestion picked before Thunderbird restarts still leaves clean (a draft sent the next day)", async () => {
    const onBeforeSend = fakeEvent();
    const tb = fakeThunderbird({ compose: { onBeforeSend } });
    const description = "Marie MARTIN — Médecin — Lyon (Hospices Civils de Lyon)";
    const store = await import("../../../src/addon/storage/suggestion-store.ts");
    await store.rememberSuggested([{ email: "Marie.Martin@chu-lyon.mssante.fr", suggested: { name: "Marie MARTIN", description } }]);
    // Written to storage.local shortly after (not awaited by the autocomplete).
    for (let i = 0; i < 40 && tb.local.suggestedRecipients === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    expect(tb.local.suggestedRecipients).toBeDefined();
    // Thunderbird quits: the add-on starts afresh, its storage.session is gone, storage.local stays.
    vi.resetModules();
    for (const key of Object.keys(tb.session)) delete tb.session[key];
    const { directoryRecipients } = await import("../../../src/addon/features/directory-recipients.ts");
    directoryRecipients.start();
    const send = onBeforeSend.listeners[0] as unknown as Listener;
    expect(await send({ id: 4 }, { to: [`${description} <marie.martin@chu-lyon.mssante.fr>`], cc: [], bcc: [] })).toEqual({
      details: { to: ["Marie MARTIN <marie.martin@chu-lyon.mssante.fr>"], cc: [], bcc: [] },
    });
  });

  it("recipients typed by hand: the message is left as it is", async () => {
    const b = await bench();
    expect(await b.send({ to: ["Docteur Marie <marie.martin@chu-lyon.mssante.fr>"], cc: [], bcc: [] })).toBeUndefined();
  });
});
