// A page's failures are shown on the page itself (role="alert", top of the page) and logged:
// an event handler's rejected promise would otherwise vanish, leaving a button that does nothing.
import { t } from "../addon/platform/page.ts";

export function showPageError(err: unknown): void {
  console.error("[mssante]", err);
  let box = document.getElementById("page-error");
  if (!box) {
    box = document.createElement("p");
    box.id = "page-error";
    box.className = "error";
    box.setAttribute("role", "alert");
    document.body.prepend(box);
  }
  box.hidden = false;
  box.textContent = t("pageError", [err instanceof Error ? err.message : String(err)]);
}

/** Wraps an event handler so that its failure reaches the page. */
export function guarded<A extends unknown[]>(handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    Promise.resolve()
      .then(() => handler(...args))
      .catch(showPageError);
  };
}
