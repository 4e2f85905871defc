// The warning shown before sending from an MSSanté identity to recipients outside the trust space.
import { localizePage } from "../i18n.ts";
import { call } from "../../addon/platform/rpc.ts";
import { guarded, showPageError } from "../errors.ts";
import { t } from "../../addon/platform/page.ts";

const params = new URLSearchParams(location.search);
const id = params.get("id") ?? "";
const error = params.get("error");

/** The recipients could not be checked: the message did not leave, and the user reads why. */
function showCheckFailed(message: string): void {
  document.getElementById("warning")!.hidden = true;
  const failed = document.getElementById("failed")!;
  failed.hidden = false;
  document.getElementById("failed-text")!.textContent = t("warningCheckFailed", [message]);
  const close = document.getElementById("failed-close")!;
  close.addEventListener("click", () => window.close());
  close.focus();
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") window.close();
  });
}

async function init(): Promise<void> {
  localizePage();
  if (error !== null) {
    showCheckFailed(error);
    return;
  }
  const warning = await call("compose:warning", { id });
  const list = document.getElementById("recipients")!;
  for (const r of warning?.recipients ?? []) {
    const li = document.createElement("li");
    li.textContent = t(r.problem === "outside" ? "warningRecipientOutside" : "warningRecipientUnreadable", [r.address]);
    list.append(li);
  }
  const cancel = guarded(() => call("compose:answer", { id, send: false }));
  document.getElementById("cancel")!.addEventListener("click", cancel);
  // Escape is "no", as in any dialog: the message is not sent.
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  document.getElementById("send")!.addEventListener("click", guarded(() => call("compose:answer", { id, send: true })));
}

init().catch(showPageError);
