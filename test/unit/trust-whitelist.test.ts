import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  checkUpdate, commonName, fromStored, imitatedDomain, lookup, normaliseDn, operatorHosts, parseWhitelistXml, toStored, WhitelistError,
} from "../../src/core/trust/whitelist.ts";
import { displayDomain, normaliseDomain } from "../../src/core/trust/domains.ts";

const FIX = join(import.meta.dirname, "../fixtures/trust");
const xml = readFileSync(join(FIX, "liste-blanche-test.xml"), "utf8");

describe("parseWhitelistXml", () => {
  const wl = parseWhitelistXml(xml);

  it("reads the date, every entry, and merges repeated domains", () => {
    expect(wl.generatedAt).toBe("2026-11-20T06:00:00.000Z");
    expect(wl.sourceEntries).toBe(8);
    expect(wl.entries.size).toBe(7);
    expect(lookup(wl, "chu-lyon.mssante.fr")?.operatorDns).toEqual([
      "CN=mss.chu-lyon.fr,OU=266900273200012,O=HOSPICES CIVILS DE LYON,ST=Rhône (69),C=FR",
      "CN=mss2.chu-lyon.fr,OU=266900273200012,O=HOSPICES CIVILS DE LYON,ST=Rhône (69),C=FR",
    ]);
    expect(operatorHosts(wl, "CHU-Lyon.mssante.fr")).toEqual(["mss.chu-lyon.fr", "mss2.chu-lyon.fr"]);
  });

  it("normalises names: case and IDNA", () => {
    expect(lookup(wl, "uc-cmp.mssante.fr")?.domain).toBe("uc-cmp.mssante.fr");
    expect(lookup(wl, "xn--pharmacie-grardmer-lwb.mssante.fr")?.description).toBe("Pharmacie de Gérardmer");
    expect(displayDomain("xn--pharmacie-grardmer-lwb.mssante.fr")).toBe("pharmacie-gérardmer.mssante.fr");
    // Not valid punycode (an overflow; a non-basic character before the delimiter): shown as written, never guessed.
    expect(displayDomain("xn--99999999999.example")).toBe("xn--99999999999.example");
    expect(displayDomain("xn--é-abc.example")).toBe("xn--é-abc.example");
  });

  it("round-trips through its storage form", () => {
    const back = fromStored(JSON.parse(JSON.stringify(toStored(wl))));
    expect([...back.entries.keys()]).toEqual([...wl.entries.keys()]);
    expect(back.generatedAt).toBe(wl.generatedAt);
  });

  it.each([
    ["not XML at all", "ceci n'est pas du XML", "not-xml"],
    ["truncated XML", xml.slice(0, xml.length / 2), "not-xml"],
    ["another document", '<?xml version="1.0"?><rss xmlns="http://x"><channel/></rss>', "wrong-root"],
    ["wrong namespace", xml.replace("https://listeblanche.mssante.fr/schema", "https://example.org/x"), "wrong-namespace"],
    ["no date", xml.replace(/<DateDeGeneration>[^<]*<\/DateDeGeneration>/, ""), "no-date"],
    ["no domain", xml.replace(/<ListeDomaines>[\s\S]*<\/ListeDomaines>/, "<ListeDomaines></ListeDomaines>"), "empty"],
  ])("refuses %s with a French message", (_what, text, code) => {
    let err: unknown;
    try {
      parseWhitelistXml(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WhitelistError);
    expect((err as WhitelistError).code).toBe(code);
    expect((err as WhitelistError).message).toMatch(/liste blanche|XML|domaine/i);
  });

  it("a list that shrank implausibly, or is older, does not replace the current one", () => {
    const small = parseWhitelistXml(xml.replace(/<Domaine>[\s\S]*?<\/Domaine>/g, (m, off: number) => (off < 2000 ? m : "")));
    expect(small.entries.size).toBeLessThan(wl.entries.size * 0.8);
    expect(() => checkUpdate(wl, small)).toThrow(/invraisemblable/);
    const older = parseWhitelistXml(xml.replace("2026-11-20T06:00:00Z</DateDeGeneration>", "2025-01-01T00:00:00Z</DateDeGeneration>"));
    expect(() => checkUpdate(wl, older)).toThrow(/plus ancienne/);
    expect(() => checkUpdate(wl, wl)).not.toThrow();
    expect(() => checkUpdate(undefined, small)).not.toThrow();
  });
});

describe("names", () => {
  it("DNs lose the spaces after separators, CNs come out lower-case", () => {
    expect(normaliseDn("CN=Mss.Example.fr, OU=1 ,o=X,C=FR")).toBe("CN=Mss.Example.fr,OU=1,O=X,C=FR");
    expect(commonName("CN=Mss.Example.fr, OU=1")).toBe("mss.example.fr");
  });

  it.each([
    ["Medecin.MSSante.FR.", "medecin.mssante.fr"],
    ["gérardmer.fr", "xn--grardmer-b1a.fr"],
    ["bad domain", undefined],
    ["a@b.fr", undefined],
    ["-x.fr", undefined],
    ["", undefined],
  ])("normaliseDomain(%s)", (input, out) => {
    expect(normaliseDomain(input)).toBe(out);
  });

  it("finds the imitated domain, and nothing for unrelated or listed ones", () => {
    const wl = parseWhitelistXml(xml);
    expect(imitatedDomain(wl, "medecin.rnssante.fr")).toBe("medecin.mssante.fr");
    expect(imitatedDomain(wl, "medecin.mssante.fr")).toBeUndefined();
    expect(imitatedDomain(wl, "gmail.com")).toBeUndefined();
  });
});

// The real list, when the shared data is there: checks our reading of the official format.
const REAL = join(import.meta.dirname, "../../../shared/data/liste-blanche/listeblanchemssante-2025-03-13.xml");
describe("the real white list (../shared/data)", () => {
  if (!existsSync(REAL)) console.warn(`SKIPPED: real white list not available (${REAL})`);
  it.skipIf(!existsSync(REAL))("parses the 2025-03-13 snapshot: 6,554 entries, ~5,000 domains", () => {
    const wl = parseWhitelistXml(readFileSync(REAL, "utf8"));
    expect(wl.generatedAt).toBe("2025-03-13T14:54:10.000Z");
    expect(wl.sourceEntries).toBe(6554);
    // 5,002 distinct names in the original, one of them only differing by case.
    expect(wl.entries.size).toBeGreaterThanOrEqual(5001);
    expect(wl.entries.size).toBeLessThanOrEqual(5002);
    expect(lookup(wl, "mssante.apicrypt.org")).toBeDefined();
    expect(lookup(wl, "mssante.fr")).toBeUndefined();
    const dns = new Set([...wl.entries.values()].flatMap((e) => e.operatorDns));
    expect(dns.size).toBeLessThanOrEqual(392);
    expect([...dns].every((dn) => !dn.includes(", "))).toBe(true);
  });
});
