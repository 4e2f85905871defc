// The decision table behind sending health documents (core/xdm/send-plan.ts): which X-MSS headers
// an MSSanté message gets from its IHE_XDM.ZIP, when nothing can be added safely, and when « pas
// de réponse » (X-MSS-MES: FIN) may be offered. Fixtures made by test/fixtures/xdm/make-xdm.ts.
import { describe, expect, it } from "vitest";
import { strFromU8, strToU8, zipSync } from "fflate";
import { failedPlan, mergeHeaders, noReplyHeader, patientRecipients, patientSearch, readXdmZip, sendPlan, type SendPlan } from "../../src/core/xdm/index.ts";
import { cda, cx, defaultDocuments, JEANNE, makeXdm, OID, PAUL, PDF, xdmEntries, type DocSpec } from "../fixtures/xdm/make-xdm.ts";

const PRO = "Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>";
const PATIENT = `Jeanne DUPONT <${JEANNE.ins}@patient.mssante.fr>`;

async function plan(zip: Uint8Array, recipients: string[] = [PRO]): Promise<SendPlan> {
  return sendPlan([{ name: "IHE_XDM.ZIP", xdm: await readXdmZip(zip) }], recipients);
}
const docs = (change: (d: DocSpec[]) => void): DocSpec[] => {
  const d = defaultDocuments();
  change(d);
  return d;
};
const reasons = (p: SendPlan) => (p.kind === "blocked" ? p.reasons.join(" | ") : `not blocked: ${p.kind}`);

describe("sending health documents: the headers", () => {
  it("no IHE_XDM.ZIP: nothing to add, nothing to ask", () => {
    expect(sendPlan([], [PATIENT])).toEqual({ kind: "none" });
  });

  it("a qualified INS and two documents: X-MSS-CODECDA lists their codes in order, X-MSS-INS: O", async () => {
    const p = await plan(makeXdm());
    expect(p).toMatchObject({ kind: "confirm", noCda: false, patientRecipients: [], warnings: [] });
    expect(p.kind === "confirm" && p.headers).toEqual([
      { name: "X-MSS-CODECDA", value: "11502-2,PRESC-BIO" },
      { name: "X-MSS-INS", value: "O" },
    ]);
  });

  it("the same code twice is listed once", async () => {
    const d = docs((x) => {
      x[1]!.typeCode = "11502-2";
    });
    const p = await plan(makeXdm({ documents: d }));
    expect(p.kind === "confirm" && p.headers[0]).toEqual({ name: "X-MSS-CODECDA", value: "11502-2" });
  });

  it("an INS without the identity traits is not qualified: X-MSS-INS: N, with the missing traits as a warning", async () => {
    const noSex = { ...JEANNE, sex: "" };
    const p = await plan(makeXdm({ patient: noSex, documents: defaultDocuments(noSex) }));
    expect(p.kind).toBe("confirm");
    expect(p.kind === "confirm" && p.headers[1]).toEqual({ name: "X-MSS-INS", value: "N" });
    expect(p.kind === "confirm" && p.warnings.join(" ")).toMatch(/sexe/);
  });

  it("only PDFs, no CDA: no header (the rule asks them only with CDA), said to the user", async () => {
    const d = docs((x) => {
      x[0]!.content = PDF;
      x[0]!.mimeType = "application/pdf";
    });
    const p = await plan(makeXdm({ documents: d }));
    expect(p).toMatchObject({ kind: "confirm", headers: [], noCda: true });
  });

  it("a document hash that does not match is a warning; the headers are still right", async () => {
    const d = docs((x) => (x[1]!.hash = "0".repeat(40)));
    const p = await plan(makeXdm({ documents: d }));
    expect(p.kind).toBe("confirm");
    expect(p.kind === "confirm" && p.warnings.join(" ")).toMatch(/SHA-1/);
  });
});

describe("sending health documents: fail closed", () => {
  it("not a ZIP: blocked, with the reader's reason", async () => {
    const p = await plan(strToU8("ceci n'est pas un zip"));
    expect(p.kind).toBe("blocked");
    // Said once (the reader's detail repeated its status message).
    expect(p.kind === "blocked" && p.reasons).toEqual(["La pièce jointe IHE_XDM.ZIP n'est pas une archive ZIP."]);
  });

  it("an attachment that cannot be read at all: blocked, saying so", () => {
    const p = sendPlan([{ name: "IHE_XDM.ZIP", error: "fichier introuvable" }], [PRO]);
    expect(reasons(p)).toMatch(/IHE_XDM\.ZIP n'a pas pu être lue : fichier introuvable/);
  });

  it("the add-on itself failing (attachments not listable…): blocked, saying why, « pas de réponse » still offered", () => {
    const p = failedPlan("listAttachments a échoué", [PATIENT]);
    expect(p).toMatchObject({ kind: "blocked", patientRecipients: [`${JEANNE.ins}@patient.mssante.fr`] });
    expect(reasons(p)).toMatch(/n'ont pas pu être examinés : listAttachments a échoué/);
  });

  it("two IHE_XDM.ZIP: blocked (one patient per message, ECO.2.1.1)", async () => {
    const xdm = await readXdmZip(makeXdm());
    const p = sendPlan([{ name: "IHE_XDM.ZIP", xdm }, { name: "ihe_xdm.zip", xdm }], [PRO]);
    expect(reasons(p)).toMatch(/2 pièces jointes IHE_XDM\.ZIP.*ECO\.2\.1\.1/);
  });

  it("documents of two patients: blocked", async () => {
    const d = docs((x) => {
      x[1]!.patient = PAUL;
      x[1]!.patientId = cx(PAUL.ins, OID.NIR);
    });
    const p = await plan(makeXdm({ documents: d }));
    expect(reasons(p)).toMatch(/plusieurs patients/);
  });

  it("no INS at all: blocked, not a silent X-MSS-INS: N", async () => {
    const p = await plan(makeXdm({ patientId: null }));
    expect(reasons(p)).toMatch(/INS/);
  });

  it("an identifier that is not an INS (unknown authority): blocked", async () => {
    const p = await plan(makeXdm({ patientId: cx("123456", "1.2.250.1.71.4.2.7") }));
    expect(reasons(p)).toMatch(/n'est pas un INS/);
  });

  it("a CDA whose own code differs from the metadata: blocked (which code is right is not guessed)", async () => {
    const d = docs((x) => (x[0]!.typeCode = "34112-3"));
    const p = await plan(makeXdm({ documents: d }));
    expect(reasons(p)).toMatch(/34112-3|11502-2/);
  });

  it("a CDA about another patient than the metadata's: blocked (X-MSS-INS: O would vouch for the wrong patient's INS)", async () => {
    const d = docs((x) => (x[0]!.content = strToU8(cda("11502-2", "CR d'examens biologiques", PAUL))));
    const p = await plan(makeXdm({ documents: d }));
    expect(p.kind).toBe("blocked");
    expect(reasons(p)).toContain(`INS ${PAUL.ins} au lieu de ${JEANNE.ins}`);
  });

  it("a subject naming another patient than the documents: said before sending (the recipient's client files by the subject too)", async () => {
    const xdm = await readXdmZip(makeXdm({ patient: PAUL }));
    const p = sendPlan([{ name: "IHE_XDM.ZIP", xdm }], [PRO], undefined, "XDM/1.0/DDM+CR de biologie DUPONT Jeanne 15/03/1962");
    expect(p.kind).toBe("confirm");
    expect(p.kind !== "none" && p.warnings.join(" | ")).toContain("L'objet du message désigne un autre patient (« CR de biologie DUPONT Jeanne 15/03/1962 ») que les documents joints (MARTIN Paul 01/01/1980)");
    const same = sendPlan([{ name: "IHE_XDM.ZIP", xdm }], [PRO], undefined, "XDM/1.0/DDM+CR de biologie MARTIN Paul 01/01/1980");
    expect(same.kind !== "none" && same.warnings).toEqual([]);
  });

  it("a document whose identity traits (PID-3) give another INS of the same authority: blocked, both named", async () => {
    const entries = xdmEntries();
    const path = "IHE_XDM/SUBSET01/METADATA.XML";
    entries[path] = strToU8(strFromU8(entries[path] as Uint8Array).replaceAll(`PID-3|${JEANNE.ins}^^^&amp;${OID.NIR}`, `PID-3|${PAUL.ins}^^^&amp;${OID.NIR}`));
    const p = await plan(zipSync(entries));
    expect(p.kind).toBe("blocked");
    expect(reasons(p)).toContain(`l'INS ${PAUL.ins}, autre que son identifiant patient (${JEANNE.ins})`);
  });

  it("a document without type: blocked (X-MSS-CODECDA would be incomplete)", async () => {
    const d = docs((x) => (x[1]!.typeCode = null));
    expect(reasons(await plan(makeXdm({ documents: d })))).toMatch(/typeCode/);
  });

  it("a code that would break the header (spaces, comma, line break): blocked, never written", async () => {
    for (const bad of ["A B", "A,B", "X\r\nBcc: evil@example.com"]) {
      const d = docs((x) => {
        x[1]!.typeCode = bad;
      });
      const p = await plan(makeXdm({ documents: d }));
      expect(p.kind, bad).toBe("blocked");
      expect(reasons(p)).not.toMatch(/\r|\n/);
    }
  });
});

describe("sending health documents: patients and « pas de réponse »", () => {
  it("patient recipients are those at @patient.mssante.fr (exact domain, any case)", () => {
    expect(patientRecipients([PRO, PATIENT, "x@PATIENT.MSSANTE.FR", "y@faux-patient.mssante.fr", "z@patient.mssante.fr.evil.example"])).toEqual([
      `${JEANNE.ins}@patient.mssante.fr`,
      "x@patient.mssante.fr",
    ]);
  });

  it("X-MSS-MES: FIN only to a patient, only when chosen, also when the XDM is blocked", async () => {
    const toPatient = await plan(makeXdm(), [PATIENT]);
    expect(noReplyHeader(toPatient, true)).toEqual([{ name: "X-MSS-MES", value: "FIN" }]);
    expect(noReplyHeader(toPatient, false)).toEqual([]);
    expect(noReplyHeader(await plan(makeXdm(), [PRO]), true)).toEqual([]);
    const blocked = await plan(makeXdm({ patientId: null }), [PATIENT]);
    expect(blocked.kind).toBe("blocked");
    expect(noReplyHeader(blocked, true)).toEqual([{ name: "X-MSS-MES", value: "FIN" }]);
  });
});

describe("custom headers", () => {
  it("ours replace ours (an earlier failed send), others are kept", () => {
    const existing = [
      { name: "X-Other-Addon", value: "1" },
      { name: "X-Mss-Codecda", value: "OLD" },
      { name: "x-mss-mes", value: "FIN" },
    ];
    expect(mergeHeaders(existing, [{ name: "X-MSS-INS", value: "O" }])).toEqual([
      { name: "X-Other-Addon", value: "1" },
      { name: "X-MSS-INS", value: "O" },
    ]);
    expect(mergeHeaders(undefined, [])).toEqual([]);
  });
});

describe("patient search text", () => {
  it("birth name and first first name, each or the INS; Quick Filter syntax from the archive left out", async () => {
    const r = await readXdmZip(makeXdm());
    expect(patientSearch(r.patient)).toEqual({ text: `DUPONT|${JEANNE.ins} Jeanne|${JEANNE.ins}`, name: "DUPONT Jeanne", ins: JEANNE.ins });
    expect(patientSearch({ ...r.patient!, lastName: 'DE "LA"|FONTAINE', ins: null })).toEqual({ text: "DE LA FONTAINE Jeanne", name: "DE LA FONTAINE Jeanne", ins: null });
    // Not an INS (unknown authority, or not 15 characters): the name only.
    expect(patientSearch({ ...r.patient!, ins: { value: "123456", oid: "1.2.3", kind: "unknown", test: false } })?.ins).toBeNull();
    expect(patientSearch({ ...r.patient!, ins: { value: "12|34", oid: "1.2.250.1.213.1.4.8", kind: "NIR", test: false } })?.text).toBe("DUPONT Jeanne");
    expect(patientSearch(null)).toBeNull();
  });
});
