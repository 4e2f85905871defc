// Sending health documents from a real Thunderbird: a message composed from the MSSanté identity
// with an IHE_XDM.ZIP attached goes through the add-on's confirmation window (read and clicked
// as a user does), leaves through the bench's SMTP server, and its X-MSS headers are read back
// over IMAP from the recipient's Dovecot mailbox. Fixtures made by test/fixtures/xdm/make-xdm.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { readInbox, type Delivered } from "../../scripts/testbed/imap.ts";
import { JEANNE, makeXdm, PAUL } from "../fixtures/xdm/make-xdm.ts";
import { useTestbed } from "./support.ts";
import { translator, type Translate } from "../../src/core/i18n.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mdp-gp" };
const MARIE = { address: "marie.martin@chu-lyon.mssante.fr", password: "mdp-marie" };
const PATIENT = { address: `${JEANNE.ins}@patient.mssante.fr`, password: "mdp-patient" };
const ORD = { address: "jean.dupont@messagerie.example", password: "mdp-ordinaire" };
const testbed = useTestbed("xdm-send", [GP, MARIE, PATIENT, ORD]);

let tb: Thunderbird;
let files: FileServer;
let gpIdentity: string;
let ordIdentity: string;
let tr: Translate;

interface Sent {
  order: string[];
  shown: { title: string; blocked: boolean; patient: string; documents: string[]; headers: string[]; reasons: string[]; warnings: string[]; patientRecipients: string | null; sendLabel: string; window: boolean } | null;
  sent?: unknown;
  error?: string;
}

const zip = (bytes: Uint8Array) => [{ name: "IHE_XDM.ZIP", base64: Buffer.from(bytes).toString("base64") }];

/** The delivered message with this subject in `user`'s INBOX, read over IMAP (waits for LMTP). */
async function delivered(user: { address: string; password: string }, subject: string): Promise<Delivered> {
  const bed = testbed();
  for (let i = 0; i < 50; i++) {
    const found = (await readInbox({ port: bed.dovecot.imapPort, user: user.address, password: user.password, caFile: bed.pki.caCert })).filter((m) => m.subject === subject);
    if (found.length > 0) {
      expect(found).toHaveLength(1);
      return found[0]!;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`« ${subject} » n'est pas arrivé chez ${user.address}`);
}

/** Every value of a header in a raw header block (unfolded), in order. */
function header(headers: string, name: string): string[] {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, " ");
  return [...unfolded.matchAll(new RegExp(`^${name}:[ \\t]*(.*)$`, "gim"))].map((m) => m[1]!.trim());
}

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/liste.xml", { body: readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8"), contentType: "application/xml" });
  tb = await bed.launch();
  tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "" });
  await tb.call("refreshWhitelist");
  const gp = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"))).accountId;
  const ord = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(ORD, "Jean Dupont"))).accountId;
  // Created after the list arrived: the GP's account is marked MSSanté by hand, as the wizard does.
  await tb.call("configure", { mssanteAccounts: [gp] });
  const ids = await tb.call<{ accountId: string; identityId: string }[]>("identities");
  gpIdentity = ids.find((i) => i.accountId === gp)!.identityId;
  ordIdentity = ids.find((i) => i.accountId === ord)!.identityId;
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("sending health documents from the MSSanté identity", () => {
  it("the window shows the patient and the headers; the delivered message carries exactly them", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962";
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [MARIE.address], subject, attachments: zip(makeXdm()), answer: "send" });
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual(["xdm"]);
    const shown = r.shown!;
    expect(shown).toMatchObject({ title: tr("xdmSendTitle"), blocked: false, patientRecipients: null, sendLabel: tr("xdmSendSend"), window: true, reasons: [] });
    expect(shown.patient).toContain("DUPONT Jeanne");
    expect(shown.patient).toContain(JEANNE.ins);
    expect(shown.documents).toHaveLength(2);
    expect(shown.headers).toEqual(["X-MSS-CODECDA: 11502-2,PRESC-BIO", "X-MSS-INS: O"]);

    const m = await delivered(MARIE, subject);
    expect(header(m.headers, "X-MSS-CODECDA")).toEqual(["11502-2,PRESC-BIO"]);
    expect(header(m.headers, "X-MSS-INS")).toEqual(["O"]);
    expect(header(m.headers, "X-MSS-MES")).toEqual([]);
  });

  it("to a patient with « pas de réponse »: X-MSS-MES: FIN arrives with the document headers", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962 (patiente)";
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [`Jeanne DUPONT <${PATIENT.address}>`], subject, attachments: zip(makeXdm()), answer: "send", noReply: true });
    expect(r.error).toBeUndefined();
    expect(r.shown!.patientRecipients).toBe(PATIENT.address);
    // The list redrawn after the box was ticked: what the user sees is what is added.
    expect(r.shown!.headers).toEqual(["X-MSS-CODECDA: 11502-2,PRESC-BIO", "X-MSS-INS: O", "X-MSS-MES: FIN"]);
    const m = await delivered(PATIENT, subject);
    expect(header(m.headers, "X-MSS-MES")).toEqual(["FIN"]);
    expect(header(m.headers, "X-MSS-CODECDA")).toEqual(["11502-2,PRESC-BIO"]);
    expect(header(m.headers, "X-MSS-INS")).toEqual(["O"]);
  });

  it("to a patient without ticking « pas de réponse »: no X-MSS-MES", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962 (réponse permise)";
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [PATIENT.address], subject, attachments: zip(makeXdm()), answer: "send" });
    expect(r.error).toBeUndefined();
    const m = await delivered(PATIENT, subject);
    expect(header(m.headers, "X-MSS-MES")).toEqual([]);
    expect(header(m.headers, "X-MSS-INS")).toEqual(["O"]);
  });

  it("a subject naming another patient than the documents: the window says so before anything leaves", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962";
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [MARIE.address], subject, attachments: zip(makeXdm({ patient: PAUL })), answer: "cancel" });
    expect(r.order).toEqual(["xdm"]);
    expect(r.shown!.patient).toContain("MARTIN Paul");
    expect(r.shown!.warnings).toContain(tr("xdmSubjectPatientMismatch", ["CR d'examens biologiques DUPONT Jeanne 15/03/1962", "MARTIN Paul 01/01/1980"]));
  });

  it("Cancel in the window: nothing leaves", async () => {
    const bed = testbed();
    const before = bed.smtp.received.length;
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [MARIE.address], subject: "XDM annulé", attachments: zip(makeXdm()), answer: "cancel" });
    expect(r.order).toEqual(["xdm"]);
    expect(r.error).toBeDefined();
    expect(bed.smtp.received.length).toBe(before);
  });

  it("an XDM that does not read: said in the window; sent without the headers only when the user says so", async () => {
    const bed = testbed();
    const before = bed.smtp.received.length;
    const bad = zip(new TextEncoder().encode("ceci n'est pas une archive"));
    const stopped = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [MARIE.address], subject: "XDM illisible annulé", attachments: bad, answer: "cancel" });
    expect(stopped.shown).toMatchObject({ title: tr("xdmSendBlockedTitle"), blocked: true, headers: [], sendLabel: tr("xdmSendWithoutHeaders") });
    // In the user's language, from _locales (xdmStatus_not_zip).
    expect(stopped.shown!.reasons).toContain(tr("xdmStatus_not_zip"));
    expect(bed.smtp.received.length).toBe(before);

    const subject = "XDM illisible envoyé sans en-têtes";
    const sent = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: [MARIE.address], subject, attachments: bad, answer: "send" });
    expect(sent.error).toBeUndefined();
    const m = await delivered(MARIE, subject);
    expect(m.headers).not.toMatch(/^X-MSS-/im);
  });

  it("with an outside recipient: the trust-space warning first, then the documents; both answered, the headers arrive", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962 (copie hors espace)";
    const r = await tb.call<Sent>("composeXdmAndSend", {
      identityId: gpIdentity,
      to: [MARIE.address, "inconnu@evil.example"],
      subject,
      attachments: zip(makeXdm()),
      guard: "send",
      answer: "send",
    });
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual(["guard", "xdm"]);
    const m = await delivered(MARIE, subject);
    expect(header(m.headers, "X-MSS-CODECDA")).toEqual(["11502-2,PRESC-BIO"]);
    expect(header(m.headers, "X-MSS-INS")).toEqual(["O"]);
  });

  it("the warning answered « cancel »: the documents window never opens, nothing leaves", async () => {
    const bed = testbed();
    const before = bed.smtp.received.length;
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: gpIdentity, to: ["inconnu@evil.example"], subject: "XDM hors espace annulé", attachments: zip(makeXdm()), guard: "cancel", answer: "send" });
    expect(r.order).toEqual(["guard"]);
    expect(r.error).toBeDefined();
    expect(bed.smtp.received.length).toBe(before);
  });
});

describe("sending from an ordinary identity", () => {
  it("no window and no X-MSS header, even with an IHE_XDM.ZIP to a patient", async () => {
    const subject = "XDM/1.0/DDM+CR d'examens biologiques DUPONT Jeanne 15/03/1962 (compte ordinaire)";
    const r = await tb.call<Sent>("composeXdmAndSend", { identityId: ordIdentity, to: [MARIE.address, PATIENT.address], subject, attachments: zip(makeXdm()), answer: "send", noReply: true });
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual([]);
    expect(r.shown).toBeNull();
    const m = await delivered(MARIE, subject);
    expect(m.headers).not.toMatch(/^X-MSS-/im);
  });
});
