// The verdict display against a fake Thunderbird that throws on any API it does not fake: the
// message display action's icon, badge and title as Thunderbird shows them when the user opens a
// message (messageDisplay.onMessagesDisplayed), and what the popup gets (runtime.onMessage).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeEvent, fakeThunderbird, settle, storedTestWhitelist, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const MESSAGES = join(import.meta.dirname, "../../fixtures/trust/messages");
const FOLDER = { id: "account1://INBOX", accountId: "account1", path: "/INBOX" };

function bench(file: string, shown = 1) {
  const message = { id: 1, headerMessageId: "m1@test", subject: file, folder: FOLDER, tags: [] };
  const button: Record<string, unknown> = {};
  const onMessagesDisplayed = fakeEvent();
  const tb = fakeThunderbird(
    {
      messages: { getRaw: async () => readFileSync(join(MESSAGES, file), "latin1") },
      messageDisplay: { onMessagesDisplayed, getDisplayedMessages: async () => ({ messages: Array(shown).fill(message) }) },
      messageDisplayAction: {
        setIcon: async (o: { path: string }) => void (button.icon = o.path),
        setBadgeText: async (o: { text: string }) => void (button.badge = o.text),
        setBadgeBackgroundColor: async (o: { color: string }) => void (button.color = o.color),
        setTitle: async (o: { title: string }) => void (button.title = o.title),
      },
      accounts: { get: async () => ({ id: "account1", identities: [{ email: "jean.dupont@medecin.mssante.fr" }] }) },
    },
    { whitelist: storedTestWhitelist(), settings: { mssanteAccounts: ["account1"] } },
  );
  return { tb, button, onMessagesDisplayed };
}

async function startFeature() {
  const { verdictDisplay } = await import("../../../src/addon/features/verdict-display.ts");
  verdictDisplay.start();
}

describe("verdict display", () => {
  freshAddonPerTest();

  it("an outside sender opened in an MSSanté account: amber « ! » and the title says why", async () => {
    const b = bench("exterieur.eml");
    await startFeature();
    await b.onMessagesDisplayed.fire({ id: 7 }, []);
    await settle();
    expect(b.button).toMatchObject({ icon: "icons/verdict-outside.svg", badge: "!", color: "#A85100" });
    expect(b.button.title).toMatch(/espace de confiance/i);
  });

  it("a listed professional: green ✓; the popup gets the same state and the reasons", async () => {
    const b = bench("professionnel.eml");
    await startFeature();
    await b.onMessagesDisplayed.fire({ id: 7 }, []);
    await settle();
    expect(b.button).toMatchObject({ icon: "icons/verdict-professional.svg", badge: "✓" });
    const shown = (await b.tb.call("verdict:displayed", { tabId: 7 })) as { look: { level: string }; verdict: { trusted: boolean; category: string }; smime: { status: string } };
    expect(shown.look.level).toBe("ok");
    expect(shown.verdict).toMatchObject({ trusted: true, category: "professional" });
    expect(shown.smime.status).toBe("not-signed");
  });

  it("several messages selected: no verdict claimed, the popup says so", async () => {
    const b = bench("professionnel.eml", 2);
    await startFeature();
    const shown = (await b.tb.call("verdict:displayed", { tabId: 7 })) as { look: { level: string }; unavailable: string };
    expect(shown.look.level).toBe("unknown");
    expect(shown.unavailable).toBe(b.tb.messenger.i18n && (b.tb.messenger.i18n as { getMessage: (k: string) => string }).getMessage("verdictSeveralMessages"));
  });
});
