// Messages for core results come from the add-on's own _locales files (one source of truth for
// French and English). In Thunderbird the add-on passes messenger.i18n.getMessage; in Node
// (CLI, tests) these files are read through formatMessage, with the same placeholder rules.
import fr from "../../../../../_locales/fr/messages.json" with { type: "json" };
import en from "../../../../../_locales/en/messages.json" with { type: "json" };

export type Translate = (key: string, substitutions?: string[]) => string;

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type LocaleFile = Record<string, LocaleMessage>;

const LOCALES: Record<string, LocaleFile> = { fr: fr as LocaleFile, en: en as LocaleFile };

/** WebExtension i18n semantics: named $PLACEHOLDER$ → its content, $1…$9 → substitutions. */
export function formatMessage(file: LocaleFile, key: string, subs: string[] = []): string {
  const entry = file[key];
  if (!entry) return "";
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? "");
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const ph = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return ph ? positional(ph[1].content) : whole;
  }).replace(/\$\$/g, "$");
}

export function translator(lang: "fr" | "en" = "fr"): Translate {
  const file = LOCALES[lang]!;
  return (key, subs) => formatMessage(file, key, subs) || formatMessage(LOCALES.fr!, key, subs) || key;
}

export function localeKeys(lang: "fr" | "en"): string[] {
  return Object.keys(LOCALES[lang]!);
}

/**
 * A message of core code before it is put in words: a _locales key and its parameters. A parameter
 * may itself be a Text (a detail that completes the sentence, such as why a signature could not be
 * verified), put in words with the same translator. Core results carry the Text (codes and
 * parameters) next to the French words, so the add-on can say it again in the user's language.
 */
export type Param = string | Text;
export interface Text {
  key: string;
  params?: Param[];
}

/** The CLI and the tests read French: the default for core results. */
export const french: Translate = translator("fr");

export function msg(key: string, ...params: Param[]): Text {
  return params.length ? { key, params } : { key };
}

// Nesting is at most a few levels (a detail inside a sentence): recursion bounded by the Texts core builds.
export function render(t: Text, translate: Translate = french): string {
  return translate(t.key, (t.params ?? []).map((p) => (typeof p === "string" ? p : render(p, translate))));
}

/** The words of an error in `translate`'s language when core code said it as a Text, else its message. */
export function errorMessage(err: unknown, translate: Translate = french): string {
  const t = (err as { text?: unknown } | null)?.text;
  if (err instanceof Error && t && typeof t === "object" && typeof (t as Text).key === "string") return render(t as Text, translate);
  return err instanceof Error ? err.message : String(err);
}

/**
 * « a », « b », « c » in the translator's quotes and list separator. Each name nests one level
 * deeper (render recurses once per name): callers pass short lists (missing columns, at most five
 * file names).
 */
export function quotedList(names: readonly string[]): Text {
  if (names.length === 0) return msg("textNone");
  return names.map((n) => msg("textQuoted", n)).reduce((list, next) => msg("textList", list, next));
}

/** An Error whose message is a Text: thrown by parsers, caught and reported by the checks above them. */
export class TextError extends Error {
  constructor(readonly text: Text) {
    super(render(text));
  }
}
