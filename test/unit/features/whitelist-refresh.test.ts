// The white list refresh against a fake Thunderbird that throws on any API it does not fake, and a
// fake network: at start without a list it fetches one (official URL first), the daily alarm is
// set, and the options page's « Mettre à jour » says why a failed refresh kept the old list.
import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeThunderbird, settle, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const XML = readFileSync(join(import.meta.dirname, "../../fixtures/trust/liste-blanche-test.xml"), "utf8");

function network(answer: (url: string) => Response) {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => (asked.push(url), answer(url)));
  return asked;
}

async function startFeature() {
  const { whitelistRefresh } = await import("../../../src/addon/features/whitelist-refresh.ts");
  whitelistRefresh.start();
  await settle(40);
}

describe("white list refresh", () => {
  freshAddonPerTest();

  it("no list yet: fetched from the official URL at start, stored, and the daily alarm set", async () => {
    const tb = fakeThunderbird();
    const asked = network(() => new Response(XML, { status: 200, headers: { etag: '"v1"' } }));
    await startFeature();
    expect(asked[0]).toBe("https://espacedeconfiance.mssante.fr/listeblanchemssante.xml");
    expect(tb.local.whitelistStatus).toMatchObject({ source: "official", outcome: "updated", etag: '"v1"', generatedAt: "2026-11-20T06:00:00.000Z" });
    expect(tb.local.whitelist).toBeDefined();
    expect(tb.alarms.get("mssante-whitelist-refresh")).toEqual({ delayInMinutes: 24 * 60, periodInMinutes: 24 * 60 });
    expect(await tb.call("whitelist:status")).toMatchObject({ hasList: true, status: { domains: expect.any(Number) } });
  });

  it("« Mettre à jour » with both sources down: the status says why for each, and no list is invented", async () => {
    const tb = fakeThunderbird();
    network(() => new Response("panne", { status: 503 }));
    await startFeature();
    const answer = (await tb.call("whitelist:refresh")) as { hasList: boolean; status: { outcome: string; errors: { key: string; params: string[] }[] } };
    expect(answer.hasList).toBe(false);
    expect(answer.status.outcome).toBe("failed");
    expect(answer.status.errors.map((e) => e.key)).toEqual(["wlErrorHttp", "wlErrorHttp"]);
    expect(answer.status.errors[0]!.params).toEqual(["espacedeconfiance.mssante.fr", "503"]);
    expect(tb.local.whitelist).toBeUndefined();
  });
});
