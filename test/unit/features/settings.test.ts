// The settings as pages get them, against a fake Thunderbird that throws on any API it does not
// fake: the options page's commands (runtime.onMessage) read and change storage.local's settings;
// the directory API key can be set but never comes back to a page.
import { describe, expect, it } from "vitest";
import { fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

describe("settings for pages", () => {
  freshAddonPerTest();

  it("a page reads the defaults and its changes, never the API key; the background hears the change", async () => {
    const tb = fakeThunderbird({}, { settings: { directoryApiKey: "cle-secrete-42" } });
    const { settingsForPages } = await import("../../../src/addon/features/settings.ts");
    settingsForPages.start();
    const heard: unknown[] = [];
    tb.storageChanged.addListener(((changes: Record<string, { newValue?: unknown }>) => heard.push(changes.settings?.newValue)) as never);
    const read = (await tb.call("settings:get")) as Record<string, unknown>;
    expect(read).toMatchObject({ markOrdinaryOutside: false, directoryUsualFirst: true, overrides: {} });
    expect(JSON.stringify(read)).not.toContain("cle-secrete-42");
    expect("directoryApiKey" in read).toBe(false);
    const changed = (await tb.call("settings:update", { overrides: { "evil.example": "untrusted" }, directoryApiKey: "nouvelle-cle" })) as Record<string, unknown>;
    expect(changed.overrides).toEqual({ "evil.example": "untrusted" });
    expect(JSON.stringify(changed)).not.toContain("nouvelle-cle");
    expect(tb.local.settings).toMatchObject({ overrides: { "evil.example": "untrusted" }, directoryApiKey: "nouvelle-cle" });
    expect(heard).toHaveLength(1);
  });
});
