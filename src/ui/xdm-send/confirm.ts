// Shown before a message with health documents leaves an MSSanté identity: for which patient,
// which documents, and exactly which headers the add-on will add; « pas de réponse » for patient
// recipients. Nothing is sent without the user's click (features/xdm-send.ts).
import { localizePage } from "../i18n.ts";
import { call } from "../../addon/platform/rpc.ts";
import { guarded, showPageError } from "../errors.ts";
import { t } from "../../addon/platform/page.ts";

const id = new URLSearchParams(location.search).get("id") ?? "";

function text(elId: string, value: string): void {
  document.getElementById(elId)!.textContent = value;
}

function list(elId: string, lines: string[]): void {
  const ul = document.getElementById(elId)!;
  ul.replaceChildren();
  for (const line of lines) {
    const li = document.createElement("li");
    // textContent only: names, titles and codes come from the archive.
    li.textContent = line;
    ul.append(li);
  }
}

async function init(): Promise<void> {
  localizePage();
  const data = await call("xdm-send:plan", { id });
  if (!data) throw new Error(t("xdmSendGone"));
  const { plan } = data;
  const blocked = plan.kind === "blocked";
  const title = document.getElementById("title")!;
  title.textContent = t(blocked ? "xdmSendBlockedTitle" : "xdmSendTitle");
  title.className = blocked ? "blocked" : "";
  text("subject", t("popupXdmSubject", [data.subject]));
  const p = plan.patient;
  if (p) {
    const birth = p.birthDate ? p.birthDate.split("-").reverse().join("/") : "?";
    const ins = p.ins ? t(p.qualified ? "popupXdmInsQualified" : "popupXdmInsNotQualified", [p.ins.value, p.ins.kind]) : t("popupXdmNoIns");
    text("patient", t("popupXdmPatient", [[p.lastName, p.firstNames].filter(Boolean).join(" ") || "?", birth, p.sex ?? "?", ins]));
  }
  list(
    "documents",
    plan.documents.map((d) => t("popupXdmDocument", [d.title ?? d.uri ?? "?", d.creationTime ? d.creationTime.slice(0, 10).split("-").reverse().join("/") : "?", d.typeLabel ?? d.typeCode ?? "?"])),
  );
  list("warnings", plan.warnings);
  if (plan.kind === "blocked") {
    document.getElementById("blocked")!.hidden = false;
    list("reasons", plan.reasons);
  }
  const noReply = document.getElementById("no-reply") as HTMLInputElement;
  if (plan.patientRecipients.length > 0) {
    document.getElementById("patient-recipients")!.hidden = false;
    text("patient-addresses", plan.patientRecipients.join(", "));
  }
  // The list of headers is what will really be added, redrawn when « pas de réponse » changes.
  const showHeaders = () => {
    const headers = [...(plan.kind === "confirm" ? plan.headers : []), ...(noReply.checked ? [{ name: "X-MSS-MES", value: "FIN" }] : [])];
    document.getElementById("adding")!.hidden = headers.length === 0 && !(plan.kind === "confirm" && plan.noCda);
    text("headers-intro", t(headers.length > 0 ? "xdmSendHeadersIntro" : "xdmSendNoCda"));
    list("headers", headers.map((h) => `${h.name}: ${h.value}`));
  };
  noReply.addEventListener("change", showHeaders);
  showHeaders();
  const send = document.getElementById("send")!;
  send.textContent = t(blocked ? "xdmSendWithoutHeaders" : "xdmSendSend");
  // false: nobody waits for this answer any more (the send was already answered or abandoned).
  const answer = async (a: { send: boolean; noReply?: boolean }) => {
    if (!(await call("xdm-send:answer", { id, ...a }))) throw new Error(t("xdmSendGone"));
  };
  const cancel = guarded(() => answer({ send: false }));
  document.getElementById("cancel")!.addEventListener("click", cancel);
  // Escape is "no", as in any dialog: the message is not sent.
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  send.addEventListener("click", guarded(() => answer({ send: true, noReply: noReply.checked })));
}

init().catch(showPageError);
