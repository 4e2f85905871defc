// French first, English second: both locale files carry the same keys and placeholders, and every
// reason a verdict can give has its message.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REASONS, messageKey, type ReasonCode } from "../../src/core/trust/reasons.ts";
import { TAGS } from "../../src/core/trust/marking.ts";
import { STATUS_PRECEDENCE, statusKey as pkiStatusKey } from "../../src/core/pki/reasons.ts";
import { STATUS_KEYS as XDM_STATUS_KEYS } from "../../src/core/xdm/problems.ts";
import { CRL_REASON_CODES } from "../../src/core/pki/crl.ts";
import { MAILBOX_KINDS } from "../../src/core/directory/vcard.ts";
import { FAILURE_AREAS } from "../../src/addon/platform/failures.ts";
import { EXPERIMENT_ERROR_CODES } from "../../src/addon/platform/experiment-errors.ts";

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

  it("every key used by pages and code exists (literal calls, conditional keys, key tables, key templates)", () => {
    const used = keysUsedInSource();
    // About 150 keys are used today: a scanner that finds a handful has gone blind.
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((key) => !fr[key]);
    expect(missing).toEqual([]);
  });

  it("every certificate-check status has its headline, in both files", () => {
    for (const s of STATUS_PRECEDENCE) {
      expect(fr[pkiStatusKey(s)], s).toBeDefined();
      expect(en[pkiStatusKey(s)], s).toBeDefined();
    }
  });

  it("English messages of core results are English, not a copy of the French", () => {
    // Core keys (pki, smime, xdm, directory import, server checks) were written French first; an
    // English entry equal to its French one, with French words in it, was never translated.
    const core = Object.keys(fr).filter((k) => /^(pki|smime|xdm|dir(Import|Zip|Index|TooLarge|The)|zip|serverCert|vcard|size)/.test(k));
    expect(core.length).toBeGreaterThan(200);
    const untranslated = core.filter((k) => en[k]!.message === fr[k]!.message && /[àâçéèêëîïôöùûüœ«»]|\b(le|la|les|des|est|pas)\b/i.test(fr[k]!.message));
    expect(untranslated).toEqual([]);
  });

  it("the key scanner sees keys passed through t(), translate(), getMessage() and msg(), and names unknown dynamic calls", () => {
    const sample = [
      `const a = translate("tagOutside");`,
      `throw new PkiDecodeError("malformed", msg("pkiWhyEmpty"));`,
      `const b = t("optionsVersion", [v]);`,
      `text(messenger.i18n.getMessage("popupNoWhitelist"));`,
      `const c = t(kind === "trusted" ? "optionsOverrideTrusted" : "optionsOverrideUntrusted");`,
      `const d = t(SOMETHING_NEW[x]);`,
    ].join("\n");
    const found = scanSource("sample.ts", sample);
    expect([...found.keys].sort()).toEqual(["optionsOverrideTrusted", "optionsOverrideUntrusted", "optionsVersion", "pkiWhyEmpty", "popupNoWhitelist", "tagOutside"]);
    expect(found.dynamic).toEqual(["SOMETHING_NEW[x]"]);
  });
});

// Call sites whose key is computed: each says where its keys are written, and the test reads them
// there. A new computed call site fails the test until it is added here.
const PASS_THROUGH = /^(key|key: string|t\.key|el\.dataset\.i18n(Placeholder)? \?\? "")$/;
const KEY_SOURCES: Record<string, (read: (f: string) => string) => string[]> = {
  "REFUSAL_KEYS[check.refusal]": (read) => tableValues(read("src/addon/features/account-setup/discovery.ts"), "REFUSAL_KEYS"),
  "t.label": () => Object.values(TAGS).map((tag) => tag.label),
  "tag.label": () => Object.values(TAGS).map((tag) => tag.label),
  "MEANING[kind]": (read) => tableValues(read("src/ui/options/tag-legend.ts"), "MEANING"),
  "look.title": (read) => lookTitles(read),
  "shown.look.title": (read) => lookTitles(read),
  "messageKey(code": () => (Object.keys(REASONS) as ReasonCode[]).map(messageKey),
  "SOURCE_KEYS[d.sources.imap]": (read) => tableValues(read("src/ui/account-wizard/wizard.ts"), "SOURCE_KEYS"),
  "SOURCE_KEYS[d.sources.smtp]": (read) => tableValues(read("src/ui/account-wizard/wizard.ts"), "SOURCE_KEYS"),
  // The refresh features store the key of their error; the options page shows it.
  "status.error.key": (read) => refreshErrorKeys(read),
  "e.key": (read) => refreshErrorKeys(read),
  // Headlines of certificate-check statuses (pki/reasons.ts) and messages of XDM statuses (xdm/problems.ts).
  "statusKey(status": () => [...STATUS_PRECEDENCE.map(pkiStatusKey), ...XDM_STATUS_KEYS],
};

function lookTitles(read: (f: string) => string): string[] {
  const source = read("src/addon/features/verdict-display.ts");
  return [...[...source.matchAll(/title: "([A-Za-z0-9_]+)"/g)].map((m) => m[1]!), ...tableValues(source, "TITLE_KEYS"), "verdictUnknown"];
}

function refreshErrorKeys(read: (f: string) => string): string[] {
  return [
    ...["src/addon/platform/whitelist-download.ts", "src/addon/platform/directory-download.ts"].flatMap((f) => [...read(f).matchAll(/new RefreshError\("([A-Za-z0-9_]+)"/g)].map((m) => m[1]!)),
    ...[...read("src/core/trust/whitelist.ts").matchAll(/new WhitelistError\("([a-z-]+)"/g)].map((m) => `wlError_${m[1]!.replace(/-/g, "_")}`),
  ];
}
// Keys built from a prefix and a value of a known set.
const KEY_TEMPLATES: Record<string, () => string[]> = {
  smime_: () => STATUS_PRECEDENCE.map((s) => `smime_${s.replace(/-/g, "_")}`),
  failureArea_: () => FAILURE_AREAS.map((a) => `failureArea_${a}`),
  experimentError_: () => EXPERIMENT_ERROR_CODES.map((c) => `experimentError_${c.replace(/-/g, "_")}`),
  pkiCrlReason: () => CRL_REASON_CODES.map((c) => `pkiCrlReason${c}`),
  vcardMailbox: () => MAILBOX_KINDS.map((k) => `vcardMailbox${k}`),
  pkiStatus_: () => STATUS_PRECEDENCE.map(pkiStatusKey),
  xdmStatus_: () => [...XDM_STATUS_KEYS],
};

function tableValues(source: string, name: string): string[] {
  const body = new RegExp(`const ${name}\\b[^=]*=\\s*\\{([^}]*)\\}`).exec(source)?.[1];
  if (!body) throw new Error(`table ${name} not found`);
  return [...body.matchAll(/:\s*"([A-Za-z0-9_]+)"/g)].map((m) => m[1]!);
}

function scanSource(file: string, text: string): { keys: Set<string>; dynamic: string[]; templates: string[] } {
  const keys = new Set<string>();
  const dynamic: string[] = [];
  const templates: string[] = [];
  for (const m of text.matchAll(/data-i18n(?:-[a-z]+)?="([^"]+)"/g)) keys.add(m[1]!);
  for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.add(m[1]!);
  for (const m of text.matchAll(/\b(?:t|translate|getMessage|msg)\(\s*([^,)]*)/g)) {
    const arg = m[1]!.trim();
    const literal = /^["'`]([A-Za-z0-9_]+)["'`]$/.exec(arg);
    const template = /^`([A-Za-z0-9_]+)\$\{/.exec(arg);
    if (literal) keys.add(literal[1]!);
    else if (template) templates.push(template[1]!);
    // cond ? "keyA" : "keyB": the keys are the branches, not the strings compared in the condition.
    else if (/\?\s*["'`]/.test(arg)) for (const q of arg.matchAll(/[?:]\s*["'`]([A-Za-z0-9_]+)["'`]/g)) keys.add(q[1]!);
    else if (!PASS_THROUGH.test(arg) && !/^[^(]*\)\s*=>/.test(arg)) dynamic.push(arg);
  }
  void file;
  return { keys, dynamic, templates };
}

function keysUsedInSource(): Set<string> {
  const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
  const used = new Set<string>();
  const unknown: string[] = [];
  for (const f of [...files(join(ROOT, "src")), join(ROOT, "manifest.json")]) {
    if (f.includes(`${join("src", "types")}`)) continue;
    const { keys, dynamic, templates } = scanSource(f, readFileSync(f, "utf8"));
    for (const k of keys) used.add(k);
    for (const d of dynamic) {
      const source = KEY_SOURCES[d];
      if (!source) unknown.push(`${f}: ${d}`);
      else for (const k of source(read)) used.add(k);
    }
    for (const prefix of templates) {
      const source = KEY_TEMPLATES[prefix];
      if (!source) unknown.push(`${f}: \`${prefix}\${…}\``);
      else for (const k of source()) used.add(k);
    }
  }
  // A computed key the test cannot follow is a key it cannot check.
  expect(unknown, "computed message keys without a KEY_SOURCES entry").toEqual([]);
  return used;
}
