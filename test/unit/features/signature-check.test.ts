// The user's own S/MIME trust anchors against a fake Thunderbird that throws on any API it does not
// fake: the options page's commands (runtime.onMessage) add, list and remove them in storage.local;
// what is not a certificate is refused in French.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeThunderbird, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const PEM = readFileSync(join(import.meta.dirname, "../../fixtures/pki/certs/jean-dupont-rsa.pem"), "utf8");

async function bench() {
  const tb = fakeThunderbird();
  const { signatureCheck } = await import("../../../src/addon/features/signature-check.ts");
  signatureCheck.start();
  return tb;
}

describe("signature check: the user's anchors", () => {
  freshAddonPerTest();

  it("a certificate added is kept, listed with its subject, and removed on demand", async () => {
    const tb = await bench();
    expect(await tb.call("anchors:add", { pem: PEM })).toBe(1);
    expect(tb.local.userAnchors).toEqual([PEM.trim()]);
    const listed = (await tb.call("anchors:list")) as { subject: string; notAfter: string }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]!.subject).toMatch(/DUPONT/i);
    expect(await tb.call("anchors:remove", { pem: PEM.trim() })).toBe(true);
    expect(await tb.call("anchors:list")).toEqual([]);
  });

  it("what is not a certificate is refused, and nothing is stored", async () => {
    const tb = await bench();
    await expect(tb.call("anchors:add", { pem: "bonjour" })).rejects.toThrow(/certificat/i);
    expect(await tb.call("anchors:list")).toEqual([]);
  });
});
