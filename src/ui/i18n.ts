// Fills every element carrying a data-i18n attribute with that message from _locales: pages hold no
// user-visible text of their own, so French and English stay in one place.
import { t, uiLanguage } from "../addon/platform/page.ts";

export function localizePage(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const key = el.dataset.i18n ?? "";
    const text = t(key);
    if (text) el.textContent = text;
  }
  document.documentElement.lang = uiLanguage().split("-")[0] ?? "fr";
}
