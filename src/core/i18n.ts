// Messages for core results come from the add-on's own _locales files (one source of truth for
// French and English). In Thunderbird the add-on passes messenger.i18n.getMessage; in Node
// (CLI, tests) these files are read through formatMessage, with the same placeholder rules.
import fr from "../../_locales/fr/messages.json" with { type: "json" };
import en from "../../_locales/en/messages.json" with { type: "json" };

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
