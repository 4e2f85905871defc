// The add-on's tags explained where the user looks for them. Thunderbird 153's default card view
// shows a tag only as a small coloured icon (its name on hover), so each tag is listed here with
// its colour, its name and what it means, and the way to see the names in the list is said.
import { TAGS } from "../../core/trust/marking.ts";

const MEANING: Record<keyof typeof TAGS, string> = {
  impersonation: "optionsTagImpersonationMeaning",
  signature: "optionsTagSignatureMeaning",
  outside: "optionsTagOutsideMeaning",
  patient: "optionsTagPatientMeaning",
};

export function renderTagLegend(list: HTMLElement, t: (key: string) => string): void {
  const order: (keyof typeof TAGS)[] = ["impersonation", "signature", "outside", "patient"];
  list.replaceChildren(
    ...order.map((kind) => {
      const tag = TAGS[kind];
      const li = document.createElement("li");
      li.dataset.tag = tag.key;
      const swatch = document.createElement("span");
      swatch.className = "tag-swatch";
      swatch.style.backgroundColor = tag.color;
      swatch.setAttribute("aria-hidden", "true");
      const name = document.createElement("strong");
      name.textContent = t(tag.label);
      li.append(swatch, name, ` — ${t(MEANING[kind])}`);
      return li;
    }),
  );
}
