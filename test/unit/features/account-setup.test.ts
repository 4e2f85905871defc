// « Ajouter un compte MSSanté » through the feature's own entries, against a fake Thunderbird that
// throws on any API it does not fake: the toolbar button opens the wizard's tab (and brings it
// forward rather than opening a second), the first install offers it only to a profile without an
// MSSanté account, and the wizard page's first step (runtime.onMessage) refuses an address outside
// the trust space in French. The steps themselves: test/unit/account-setup.test.ts.
import { describe, expect, it } from "vitest";
import { fakeEvent, fakeThunderbird, freshAddonPerTest, settle, storedTestWhitelist } from "../../support/fake-thunderbird.ts";

async function bench(settings: Record<string, unknown> = {}) {
  const onClicked = fakeEvent();
  const opened: string[] = [];
  const activated: number[] = [];
  const tb = fakeThunderbird(
    {
      action: { onClicked },
      tabs: {
        create: async (o: { url: string }) => (opened.push(o.url), { id: 100 + opened.length }),
        update: async (id: number) => (activated.push(id), { id }),
      },
      windows: { getAll: async () => [{ id: 1, type: "normal" }], onCreated: { addListener: () => {}, removeListener: () => {} } },
      runtime: { getManifest: () => ({ version: "9.9.9" }) },
    },
    { whitelist: storedTestWhitelist(), settings },
  );
  const { accountSetup } = await import("../../../src/addon/features/account-setup/index.ts");
  accountSetup.start();
  return { tb, onClicked, opened, activated };
}

describe("account setup (the feature's entries)", () => {
  freshAddonPerTest();

  it("the toolbar button opens the wizard once, then brings its tab forward", async () => {
    const b = await bench();
    await b.onClicked.fire({});
    await settle();
    await b.onClicked.fire({});
    await settle();
    expect(b.opened).toEqual(["moz-extension://test/ui/account-wizard/wizard.html"]);
    expect(b.activated).toEqual([101]);
  });

  it("first install: offered to a profile without an MSSanté account, not to one that has one", async () => {
    const fresh = await bench();
    await fresh.tb.onInstalled.fire({ reason: "install" });
    await settle();
    expect(fresh.opened).toHaveLength(1);
  });

  it("first install with an MSSanté account already there, or an update: not offered", async () => {
    const b = await bench({ mssanteAccounts: ["account1"] });
    await b.tb.onInstalled.fire({ reason: "install" });
    await b.tb.onInstalled.fire({ reason: "update" });
    await settle();
    expect(b.opened).toEqual([]);
  });

  it("the wizard's first step refuses an address outside the white list, in French", async () => {
    const b = await bench();
    const answer = (await b.tb.call("account:start", { address: "jean.dupont@gmail.com" })) as { ok: boolean; refusal?: string; message?: string };
    expect(answer).toMatchObject({ ok: false, refusal: "not-listed" });
    expect(answer.message).toMatch(/^gmail\.com n'est pas un domaine MSSanté/);
  });
});
