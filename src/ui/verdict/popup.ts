// The message display action's popup: the verdict's reasons, in Thunderbird's own UI.
import { localizePage } from "../i18n.ts";
import { call } from "../../addon/platform/rpc.ts";
import { guarded, showPageError } from "../errors.ts";
import { patientSearch } from "../../core/xdm/patient-search.ts";
import { readableDn } from "../../core/pki/display-dn.ts";
import type { DisplayedVerdict } from "../../addon/platform/contract.ts";
import { activeTabId, t } from "../../addon/platform/page.ts";

function text(id: string, value: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

function showSignature(shown: DisplayedVerdict | undefined): void {
  const section = document.getElementById("signature")!;
  if (shown?.smimeError) {
    section.hidden = false;
    text("sig-status", t("popupSignatureError", [shown.smimeError]));
    return;
  }
  const sig = shown?.smime;
  // Unsigned mail is the norm in MSSanté: nothing to say about it.
  if (!sig || sig.status === "not-signed") return;
  section.hidden = false;
  const status = document.getElementById("sig-status")!;
  status.textContent = t(`smime_${sig.status.replace(/-/g, "_")}`) || sig.status;
  // Revocation unknown is said in amber: the signature holds, one check could not be made.
  status.className = sig.status === "revocation-unknown" ? "warn" : sig.valid ? "ok" : "bad";
  if (sig.signer) {
    text("sig-signer", t("popupSigner", [`${readableDn(sig.signer.subject)}${sig.signer.email ? ` <${sig.signer.email}>` : ""}`]));
    text("sig-issuer", t("popupSignerIssuer", [readableDn(sig.signer.issuer)]));
    // The technical names, for whoever needs them, behind a toggle.
    const details = document.getElementById("sig-details")!;
    details.hidden = false;
    text("sig-subject-dn", sig.signer.subject);
    text("sig-issuer-dn", sig.signer.issuer);
    if (sig.signer.rppsOrIdNat) {
      const id = document.getElementById("sig-id")!;
      id.hidden = false;
      id.textContent = t("popupSignerId", [sig.signer.rppsOrIdNat]);
    }
  }
  const list = document.getElementById("sig-reasons")!;
  for (const reason of sig.reasons.filter((r) => r.severity !== "info")) {
    const li = document.createElement("li");
    li.className = reason.severity;
    li.textContent = reason.message;
    list.append(li);
  }
}

/** « Documents de santé »: for which patient and which documents, before anything is opened. */
function showDocuments(shown: DisplayedVerdict | undefined, tabId: number | undefined): void {
  const xdm = shown?.xdm;
  if (!xdm) return;
  document.getElementById("xdm")!.hidden = false;
  if (xdm.subject?.xdm) text("xdm-title", t("popupXdmSubject", [xdm.subject.title]));
  const p = xdm.patient;
  if (p) {
    const birth = p.birthDate ? p.birthDate.split("-").reverse().join("/") : "?";
    const ins = p.ins
      ? t(p.qualified ? "popupXdmInsQualified" : "popupXdmInsNotQualified", [p.ins.value, p.ins.kind])
      : t("popupXdmNoIns");
    text("xdm-patient", t("popupXdmPatient", [[p.lastName, p.firstNames].filter(Boolean).join(" ") || "?", birth, p.sex ?? "?", ins]));
  }
  // « Autres messages de ce patient »: Thunderbird's Quick Filter on the patient's name.
  const search = patientSearch(xdm.patient);
  if (search && tabId !== undefined) {
    const button = document.getElementById("xdm-search")!;
    button.hidden = false;
    button.addEventListener(
      "click",
      guarded(async () => {
        await call("xdm:search-patient", { tabId, text: search.text });
        const done = document.getElementById("xdm-search-done")!;
        done.hidden = false;
        done.textContent = search.ins ? t("popupXdmSearchDoneIns", [search.name, search.ins]) : t("popupXdmSearchDone", [search.name]);
      }),
    );
  }
  const docs = document.getElementById("xdm-documents")!;
  for (const d of xdm.documents) {
    const li = document.createElement("li");
    li.className = d.sizeOk && d.hashOk ? "info" : "warning";
    li.textContent = t("popupXdmDocument", [d.title ?? d.uri ?? "?", d.creationTime ? d.creationTime.slice(0, 10).split("-").reverse().join("/") : "?", d.typeLabel ?? d.typeCode ?? "?"]);
    docs.append(li);
  }
  const problems = document.getElementById("xdm-problems")!;
  const lines = xdm.status === "ok" ? xdm.problems.map((pr) => pr.message) : [xdm.statusMessage, ...xdm.problems.map((pr) => pr.message)];
  for (const line of lines) {
    const li = document.createElement("li");
    li.className = "warning";
    // textContent only: titles and names come from the sender's archive.
    li.textContent = line;
    problems.append(li);
  }
}

async function render(): Promise<void> {
  localizePage();
  const tabId = await activeTabId();
  const shown = tabId !== undefined ? await call("verdict:displayed", { tabId }) : undefined;
  const verdict = shown?.verdict;
  // The header follows the message's one state (trust, signature, server), as the button does.
  if (shown) {
    (document.getElementById("icon") as HTMLImageElement).src = `../../${shown.look.icon}`;
    text("title", t(shown.look.title));
    document.getElementById("header")!.className = `level-${shown.look.level}`;
  }
  if (verdict) {
    if (verdict.sender) text("sender", `${verdict.sender.displayName} <${verdict.sender.address}>`.trim());
    const list = document.getElementById("reasons")!;
    for (const reason of verdict.reasons) {
      const li = document.createElement("li");
      li.className = reason.severity;
      // textContent only: reasons quote header text written by the sender.
      li.textContent = reason.message;
      list.append(li);
    }
  } else {
    const p = document.getElementById("unavailable")!;
    p.hidden = false;
    p.textContent = shown?.unavailable ?? t("verdictNoMessage");
  }
  showDocuments(shown, tabId);
  showSignature(shown);
  text(
    "whitelist",
    shown?.whitelistDate
      ? t("popupWhitelistDate", [new Date(shown.whitelistDate).toLocaleString()])
      : t("popupNoWhitelist"),
  );
}

render().catch(showPageError);
