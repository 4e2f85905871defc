// The default path of a fresh install: the official host (IGC-Santé certificate, unreachable for
// Thunderbird until the root is installed) fails, and the ANS GitHub copy is used once it matches
// its `checksum` file. Driven through the real options page's « Mettre à jour » button.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { useTestbed } from "./support.ts";
import { translator, type Translate } from "../../src/core/i18n.ts";

const LIST = readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8");
const newer = (date: string) => LIST.replace(/<DateDeGeneration>[^<]*<\/DateDeGeneration>/, `<DateDeGeneration>${date}</DateDeGeneration>`);
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();
// What the ANS repository's GitHub action writes: the SHA-256 of the file's SHA-256.
const actionChecksum = (body: string) => `${sha256(sha256(body)).toString("hex")}  listeblanchemssante.xml\n`;

const testbed = useTestbed("whitelist-mirror", []);
let files: FileServer;
let tb: Thunderbird;
// Texts as the page shows them, in Thunderbird's UI language (the messages files are the reference).
let tr: Translate;
const before = (text: string) => text.split("$")[0]!;
/** The four values (date, count, source, last check) of the page's white-list summary line. */
function summaryFields(summary: string): string[] {
  const marks = ["\u0001", "\u0002", "\u0003", "\u0004"];
  const pattern = tr("optionsWhitelistSummary", marks).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^${marks.reduce((p, mark) => p.replace(mark, "(.+)"), pattern)}$`).exec(summary);
  if (!m) throw new Error(`not a white-list summary: ${summary}`);
  return m.slice(1);
}

type Refreshed = { summary: string; error: string | null; pageError: string | null };
type Stored = { domains: number; generatedAt: string | null; status: { source?: string; outcome: string } };

const serveMirror = (xml: string | Buffer, checksum: string) => {
  files.set("/ansforge/MSS-liste-blanche/main/listeblanchemssante.xml", { body: xml, contentType: "application/xml" });
  files.set("/ansforge/MSS-liste-blanche/main/checksum", { body: checksum, contentType: "text/plain" });
};

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  tb = await bed.launch();
  tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
  await tb.call("configure", {
    // The official URL answers nothing useful (as before the IGC-Santé root is installed).
    whitelistUrl: files.url("/listeblanchemssante.xml"),
    whitelistMirrorUrl: files.url("/ansforge/MSS-liste-blanche/main/listeblanchemssante.xml"),
    whitelistMirrorChecksumUrl: files.url("/ansforge/MSS-liste-blanche/main/checksum"),
  });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("white list from the ANS GitHub copy, checked against its checksum", () => {
  it("a copy that matches its checksum is used, and the options page names its source", async () => {
    serveMirror(LIST, actionChecksum(LIST));
    const shown = await tb.call<Refreshed>("optionsRefreshWhitelist");
    expect(shown.error).toBeNull();
    expect(shown.pageError).toBeNull();
    expect(shown.summary).toContain(tr("sourceMirror"));
    // Dates are written in Thunderbird's own locale format: compare the other fields.
    const [, count, source] = summaryFields(shown.summary);
    expect({ count, source }).toEqual({ count: "7", source: tr("sourceMirror") });
    const stored = await tb.call<Stored>("whitelistState");
    expect(stored).toMatchObject({ generatedAt: "2026-11-20T06:00:00.000Z", status: { source: "mirror", outcome: "updated" } });
    // The official URL was tried first, then both files of the copy.
    const paths = files.requests.map((r) => r.path);
    expect(paths[0]).toBe("/listeblanchemssante.xml");
    expect(paths).toContain("/ansforge/MSS-liste-blanche/main/checksum");
  });

  it("a newer copy whose checksum does not match is refused: the previous list stays, and the page says why", async () => {
    const next = newer("2026-11-27T06:00:00Z");
    serveMirror(next, actionChecksum(LIST));
    const shown = await tb.call<Refreshed>("optionsRefreshWhitelist");
    const host = new URL(files.url("/")).host;
    expect(shown.error).toBe(tr("optionsWhitelistFailed", [`${tr("wlErrorHttp", [host, "404"])} ; ${tr("wlErrorChecksum", [host])}`]));
    expect(shown.summary).toContain(tr("sourceMirror"));
    expect(await tb.call<Stored>("whitelistState")).toMatchObject({ generatedAt: "2026-11-20T06:00:00.000Z", status: { outcome: "failed" } });
  });

  it("a truncated copy is refused, whether its checksum is the full file's or its own", async () => {
    const next = newer("2026-11-27T06:00:00Z");
    const cut = next.slice(0, Math.floor(next.length * 0.6));
    for (const checksum of [actionChecksum(next), actionChecksum(cut)]) {
      serveMirror(cut, checksum);
      const shown = await tb.call<Refreshed>("optionsRefreshWhitelist");
      expect(shown.error).toContain(before(tr("optionsWhitelistFailed")));
      expect(await tb.call<Stored>("whitelistState")).toMatchObject({ generatedAt: "2026-11-20T06:00:00.000Z", status: { outcome: "failed" } });
    }
  });

  it("a newer copy with a plain SHA-256 checksum is accepted too, and replaces the list", async () => {
    const next = newer("2026-11-27T06:00:00Z");
    serveMirror(next, sha256(next).toString("hex"));
    const shown = await tb.call<Refreshed>("optionsRefreshWhitelist");
    expect(shown.error).toBeNull();
    expect(await tb.call<Stored>("whitelistState")).toMatchObject({ generatedAt: "2026-11-27T06:00:00.000Z", status: { source: "mirror", outcome: "updated" } });
  });
});
