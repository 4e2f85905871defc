// Every message a user can see comes from _locales (French first, English complete): core code
// returns codes and parameters (a Text: key + params), the add-on says them with Thunderbird's
// translator. This test fails when French is written in src/ outside the places listed in
// support/french-literals.ts (CLI, developer logs, proper nouns, named data tables).
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { frenchInHtml, frenchLiterals, type FrenchLiteral } from "./support/french-literals.ts";

const ROOT = join(import.meta.dirname, "../..");

/** Literals that are data, not messages: matched against input or written as data. */
const DATA_TABLES: Record<string, { names: string[]; why: string }> = {
  "src/core/directory/extraction.ts": { names: ["OFFICIAL_COLUMNS", "COLUMNS"], why: "the ANS extraction's own header, read by name" },
  "src/core/directory/fhir-bundle.ts": { names: ["PROFESSIONS"], why: "TRE_G15 labels, the directory's own data (the extraction's rows carry the same French labels)" },
  "src/core/directory/normalize.ts": { names: ["SPECIAL_FOLDS"], why: "letters folded for search" },
  "src/core/trust/domains.ts": { names: ["CONFUSABLES"], why: "look-alike letters of domains" },
  "src/core/text.ts": { names: ["CP1252_HIGH"], why: "the Windows-1252 code table" },
};

/**
 * French still written in code, file by file, with why it is not moved yet. The counts can only go
 * down: a new French literal anywhere fails, and so does a count left higher than what remains.
 */
const REMAINING: Record<string, { count: number; why: string }> = {
  "src/core/mail/characters.ts": {
    count: 9,
    why: "the French quotes « » around a character in describeChar, a string parameter of trust reasons (the trust verdict's translate would have to say the character's description too)",
  },
};

function* files(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

function scan(): FrenchLiteral[] {
  const found: FrenchLiteral[] = [];
  for (const f of files(join(ROOT, "src"))) {
    const rel = relative(ROOT, f).split(sep).join("/");
    // The CLI is a French command-line tool (see support/french-literals.ts).
    if (rel.startsWith("src/cli/")) continue;
    const text = readFileSync(f, "utf8");
    if (/\.(ts|mts|js|mjs)$/.test(f)) found.push(...frenchLiterals(rel, text, DATA_TABLES[rel]?.names));
    else if (f.endsWith(".html")) found.push(...frenchInHtml(rel, text));
  }
  return found;
}

describe("user-visible French comes from _locales", () => {
  it("the scanner sees literals and template parts, not comments, developer logs or data tables", () => {
    const sample = [
      `// Un commentaire accentué : ignoré.`,
      `/* « bloc » */`,
      `const a = "Le certificat a expiré";`,
      "const b = `Révoqué le ${date}`;",
      "const c = `${n} fichier${s} annoncé${s}`;",
      `console.warn("[mssante] échec :", err);`,
      `console.warn("échec visible ?", err);`,
      `const TABLE = { x: "é" };`,
      `const d = "MSSanté";`,
      `const e = /[àé]"/;`,
      `const f = "après la regex";`,
    ].join("\n");
    const got = frenchLiterals("sample.ts", sample, ["TABLE"]).map((x) => `${x.line}:${x.text}`);
    expect(got).toEqual(["3:Le certificat a expiré", "4:Révoqué le ", "5: annoncé", "7:échec visible ?", "11:après la regex"]);
    expect(frenchInHtml("p.html", `<!-- é -->\n<p data-i18n="x"></p>\n<p>Fermer la fenêtre</p>`).map((x) => x.line)).toEqual([3]);
  });

  it("no French literal in src/ outside _locales, the CLI, developer logs and data tables", () => {
    const found = scan();
    const perFile = new Map<string, FrenchLiteral[]>();
    for (const x of found) perFile.set(x.file, [...(perFile.get(x.file) ?? []), x]);
    const unexpected = [...perFile].filter(([file]) => !REMAINING[file]).flatMap(([, list]) => list.map((x) => `${x.file}:${x.line}: ${x.text}`));
    expect(unexpected, "move these to _locales (fr, then en) and pass a Text or a translate").toEqual([]);
    const counts = Object.fromEntries(Object.keys(REMAINING).map((f) => [f, perFile.get(f)?.length ?? 0]));
    expect(counts, "REMAINING lists what is left, exactly: lower a count when literals move").toEqual(Object.fromEntries(Object.entries(REMAINING).map(([f, r]) => [f, r.count])));
  });

  it("the data tables named exist (a renamed table must not silently allow anything)", () => {
    for (const [file, { names }] of Object.entries(DATA_TABLES)) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const name of names) expect(text, `${file}: ${name}`).toMatch(new RegExp(`\\bconst ${name}\\b`));
    }
  });
});
