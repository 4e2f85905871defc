// French first, English second: both locale files carry the same keys and placeholders, and every
// reason a verdict can give has its message.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REASONS, messageKey, type ReasonCode } from "../../src/core/trust/reasons.ts";

const ROOT = join(import.meta.dirname, "../..");
type Locale = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const fr = JSON.parse(readFileSync(join(ROOT, "_locales/fr/messages.json"), "utf8")) as Locale;
const en = JSON.parse(readFileSync(join(ROOT, "_locales/en/messages.json"), "utf8")) as Locale;

function* files(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

describe("_locales", () => {
  it("fr and en have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it("placeholders agree and every $NAME$ used is declared", () => {
    for (const [key, entry] of Object.entries(fr)) {
      expect(Object.keys(en[key]!.placeholders ?? {}), key).toEqual(Object.keys(entry.placeholders ?? {}));
      for (const loc of [entry, en[key]!]) {
        for (const m of loc.message.matchAll(/\$([A-Z0-9_]+)\$/gi)) {
          expect(Object.keys(loc.placeholders ?? {}).map((k) => k.toLowerCase()), `${key}: ${m[0]}`).toContain(m[1]!.toLowerCase());
        }
      }
    }
  });

  it("every verdict reason has a message", () => {
    for (const code of Object.keys(REASONS) as ReasonCode[]) expect(fr[messageKey(code)], code).toBeDefined();
  });

  it("every key used by pages (data-i18n) and code (getMessage) exists", () => {
    const used = new Set<string>();
    for (const f of files(join(ROOT, "src"))) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/data-i18n(?:-[a-z]+)?="([^"]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/getMessage\(\s*"([^"]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]!);
    }
    for (const m of readFileSync(join(ROOT, "manifest.json"), "utf8").matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(3);
    for (const key of used) expect(fr[key], key).toBeDefined();
  });
});
