// Health documents (IHE XDM) in a real Thunderbird: a delivered message carrying IHE_XDM.ZIP shows
// its patient and documents in the popup opened from the button, with the clean title; a message
// whose subject names another patient gets a warning. Fixtures made by test/fixtures/xdm/make-xdm.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { useTestbed } from "./support.ts";
import { strToU8 } from "fflate";
import { cda, defaultDocuments, makeEml, makeXdm, OID, xdmSubject, JEANNE, PAUL } from "../fixtures/xdm/make-xdm.ts";
import { translator, type Translate } from "../../src/core/i18n.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mdp" };
// The generator's sender, moved to a domain of the bench's white list, and a Message-ID of its own.
const withFrom = (eml: Uint8Array, id: string) =>
  `Message-ID: <${id}@test.invalid>\r\n` + Buffer.from(eml).toString("latin1").replace("labo@labo.mssante.fr", "labo@chu-lyon.mssante.fr");

const testbed = useTestbed("xdm", [GP], async (bed) => {
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: xdmSubject("CR de biologie") }), "xdm-ok"), "latin1"));
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: xdmSubject("CR de biologie", PAUL) }), "xdm-autre"), "latin1"));
  // For « Autres messages de ce patient »: another of Jeanne DUPONT's, one of Paul MARTIN's, one about nobody.
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: xdmSubject("Ordonnance") }), "xdm-ordonnance"), "latin1"));
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: xdmSubject("CR d'imagerie", PAUL), zip: makeXdm({ patient: PAUL }) }), "xdm-paul"), "latin1"));
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: "Réunion de service", zip: null }), "sans-xdm"), "latin1"));
  // Labelled Jeanne DUPONT's, its CDA is Paul MARTIN's, with Jeanne's INS and birth date in a comment (review2).
  const hidden = cda("11502-2", "CR d'examens biologiques", PAUL).replace("<patientRole>", `<patientRole><!-- <id extension="${JEANNE.ins}" root="${OID.NIR}"/> <birthTime value="${JEANNE.birth}"/> -->`);
  const disguised = defaultDocuments();
  disguised[0]!.content = strToU8(hidden);
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: xdmSubject("CR déguisé"), zip: makeXdm({ documents: disguised }) }), "xdm-cda-deguise"), "latin1"));
  // From the patient herself (Mon espace santé), her INS as address and no name anywhere.
  await bed.deliver(GP.address, Buffer.from(withFrom(makeEml({ subject: "Question sur mes résultats", zip: null }), "de-la-patiente").replace("From: Laboratoire <labo@chu-lyon.mssante.fr>", `From: <${JEANNE.ins}@patient.mssante.fr>`), "latin1"));
});

let tb: Thunderbird;
let files: FileServer;
let accountId: string;
let tr: Translate;
type Popup = { header: { level: string; title: string }; documents: { title: string | null; patient: string | null; documents: string[]; problems: string[] } | null };

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/liste.xml", { body: readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8"), contentType: "application/xml" });
  tb = await bed.launch();
  tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "" });
  await tb.call("refreshWhitelist");
  accountId = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"))).accountId;
  // Created after the list arrived: marked MSSanté by hand, as the wizard or the options page do.
  await tb.call("configure", { mssanteAccounts: [accountId] });
  await tb.call("waitForInbox", { accountId, atLeast: 7, timeoutMs: 45000 });
  await tb.call("seedServerCheck", { accountId });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("health documents in the popup", () => {
  it("shows the patient, the INS, the documents and the title without the XDM/1.0/DDM+ prefix", async () => {
    const subject = xdmSubject("CR de biologie");
    const popup = await tb.call<Popup>("popupOf", { accountId, subject });
    expect(popup.documents).not.toBeNull();
    const d = popup.documents!;
    expect(d.title).toBe(tr("popupXdmSubject", [subject.replace("XDM/1.0/DDM+", "")]));
    expect(d.patient).toContain("DUPONT Jeanne");
    expect(d.patient).toContain("15/03/1962");
    expect(d.patient).toContain(tr("popupXdmInsQualified", ["262037512345651", "NIR"]).split(" (")[0]!);
    expect(d.documents.length).toBeGreaterThanOrEqual(2);
    expect(d.problems).toEqual([]);
    expect(popup.header.level).toBe("level-ok");
  });

  it("a subject naming another patient: a warning, in the popup and on the button", async () => {
    const popup = await tb.call<Popup>("popupOf", { accountId, subject: xdmSubject("CR de biologie", PAUL) });
    // In the user's language: the sentence of xdmSubjectPatientMismatch, from _locales.
    const start = tr("xdmSubjectPatientMismatch", ["", ""]).split("(")[0]!;
    expect(popup.documents!.problems.some((p) => p.startsWith(start))).toBe(true);
    expect(popup.header).toMatchObject({ level: "level-warning", title: tr("stateDocumentsWarning") });
  });

  it("a CDA about another patient, the metadata's identity in a comment: the popup says whose it is", async () => {
    const popup = await tb.call<Popup>("popupOf", { accountId, subject: xdmSubject("CR déguisé") });
    const what = tr("xdmTwoDetails", [tr("xdmCdaOtherIns", [PAUL.ins, JEANNE.ins]), tr("xdmCdaOtherBirth", ["1980-01-01", "1962-03-15"])]);
    expect(popup.documents!.problems).toContain(tr("xdmCdaPatientMismatch", ["DOC0001.XML", what]));
    expect(popup.header).toMatchObject({ level: "level-warning", title: tr("stateDocumentsWarning") });
  });

  it("« Autres messages de ce patient »: the message list then shows this patient's messages only", async () => {
    await tb.call<Popup>("popupOf", { accountId, subject: xdmSubject("CR de biologie") });
    try {
      const r = await tb.call<{ label: string; done: string; subjects: string[] }>("patientSearchFromPopup");
      expect(r.label).toBe(tr("popupXdmSearch"));
      expect(r.done).toBe(tr("popupXdmSearchDoneIns", ["DUPONT Jeanne", JEANNE.ins]));
      // Thunderbird's own Quick Filter: by name in the subject, by INS in the patient's address;
      // Paul MARTIN's messages and the one about nobody are gone.
      expect(r.subjects).toEqual([xdmSubject("CR de biologie"), xdmSubject("Ordonnance"), xdmSubject("CR déguisé"), "Question sur mes résultats"].sort());
    } finally {
      await tb.call("clearQuickFilter");
    }
  });
});
