// IHE XDM reading (issue 14) on fixtures made by test/fixtures/xdm/make-xdm.ts: the real-world
// shapes (prefixes, several documents), and each missing or contradictory field as a problem.
import { describe, expect, it } from "vitest";
import { strToU8 } from "fflate";
import { cdaCode } from "../../src/core/xdm/xdm.ts";
import { readXdmMessage, readXdmZip, xdmSendHeaders, hl7Time, insKeyValid, subjectPatient, type XdmResult } from "../../src/core/xdm/index.ts";
import { cda, cx, defaultDocuments, JEANNE, makeEml, makeXdm, matricule, OID, PAUL, PDF, xdmSubject, type DocSpec } from "../fixtures/xdm/make-xdm.ts";

const codes = (r: XdmResult) => r.problems.map((p) => p.code);
const docs = (change: (d: DocSpec[]) => void): DocSpec[] => {
  const d = defaultDocuments();
  change(d);
  return d;
};

describe("XDM ZIP: a real-world submission", () => {
  it.each(["rim", "ns2", "default"] as const)("%s namespace prefixes: patient, submission, two documents, no problem", async (prefix) => {
    const r = await readXdmZip(makeXdm({ prefix }));
    expect(r.found).toBe(true);
    expect(r.status).toBe("ok");
    expect(r.problems).toEqual([]);
    expect(r.patient).toMatchObject({
      lastName: "DUPONT",
      firstNames: "Jeanne Marie",
      birthDate: "1962-03-15",
      sex: "F",
      ins: { value: JEANNE.ins, oid: OID.NIR, kind: "NIR", test: false },
      qualified: true,
      localIds: ["123456^^^&1.2.250.1.71.4.2.7&ISO^PI"],
    });
    expect(r.submission).toMatchObject({
      title: "Résultats de biologie",
      submissionTime: "2025-01-10T09:45:00Z",
      author: { name: "Sophie MARTIN", institution: "Laboratoire de biologie médicale du Centre" },
      uniqueId: "1.2.250.1.999.2.1",
    });
    expect(r.documents.map((d) => [d.title, d.typeCode, d.typeCodeSystem, d.creationTime, d.uri, d.mediaType, d.sizeOk, d.hashOk])).toEqual([
      ["CR d'examens biologiques", "11502-2", "2.16.840.1.113883.6.1", "2025-01-10T09:30:00Z", "DOC0001.XML", "text/xml", true, true],
      ["Prescription d'actes de biologie", "PRESC-BIO", "1.2.250.1.213.1.1.4.12", "2025-01-09", "DOC0002.PDF", "application/pdf", true, true],
    ]);
    expect(r.documents[0]).toMatchObject({ classCode: "10", formatCode: "urn:ihe:lab:xd-lab:2008", languageCode: "fr-FR", author: { name: "Sophie MARTIN" } });
  });

  it("send headers: distinct typeCodes in document order, INS qualified → O", async () => {
    const d = defaultDocuments();
    d.push({ ...d[0]!, uri: "DOC0003.XML" });
    expect(xdmSendHeaders(await readXdmZip(makeXdm({ documents: d })))).toEqual({ "X-MSS-CODECDA": "11502-2,PRESC-BIO", "X-MSS-INS": "O" });
  });

  it("another SUBSET folder and a lower-case URI for an upper-case file are read", async () => {
    const d = docs((x) => (x[0]!.uri = "DOC0001.XML"));
    const zip = makeXdm({ subset: "SUBSET02", documents: d });
    const r = await readXdmZip(zip);
    expect(r.status).toBe("ok");
    expect(r.metadataPath).toBe("IHE_XDM/SUBSET02/METADATA.XML");
  });
});

describe("XDM ZIP: the patient", () => {
  it("missing INS: ins null, ins-missing, X-MSS-INS N", async () => {
    const r = await readXdmZip(makeXdm({ patientId: null }));
    expect(r.status).toBe("ok");
    expect(r.patient?.ins).toBeNull();
    expect(r.patient?.qualified).toBe(false);
    expect(codes(r)).toContain("ins-missing");
    expect(xdmSendHeaders(r)["X-MSS-INS"]).toBe("N");
  });

  it("NIA: kind NIA, qualified", async () => {
    const r = await readXdmZip(makeXdm({ patientId: cx(JEANNE.ins, OID.NIA) }));
    expect(r.patient?.ins).toEqual({ value: JEANNE.ins, oid: OID.NIA, kind: "NIA", test: false });
    expect(r.patient?.qualified).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it.each([
    [OID.TEST_NIR, "test-NIR"],
    [OID.TEST_NIA, "test-NIA"],
  ])("test OID %s: kind %s, flagged as test", async (oid, kind) => {
    const r = await readXdmZip(makeXdm({ patientId: cx(JEANNE.ins, oid) }));
    expect(r.patient?.ins).toMatchObject({ kind, test: true });
    expect(codes(r)).toEqual(["ins-test"]);
  });

  it("a local identifier instead of an INS: kind unknown, not qualified", async () => {
    const r = await readXdmZip(makeXdm({ patientId: cx("123456", "1.2.250.1.71.4.2.7") }));
    expect(r.patient?.ins).toMatchObject({ value: "123456", kind: "unknown" });
    expect(r.patient?.qualified).toBe(false);
    expect(codes(r)).toContain("ins-unknown-oid");
  });

  it("an INS with a wrong key is flagged ins-invalid", async () => {
    const bad = JEANNE.ins.slice(0, 13) + (JEANNE.ins.endsWith("00") ? "01" : "00");
    expect(codes(await readXdmZip(makeXdm({ patientId: cx(bad, OID.NIR) })))).toContain("ins-invalid");
    expect(insKeyValid(matricule("262032A123456"))).toBe(true);
    expect(insKeyValid("12345")).toBe(false);
  });

  it("missing identity traits: not qualified, patient-traits-missing, never guessed", async () => {
    const p = { ...JEANNE, birth: "", sex: "" };
    const r = await readXdmZip(makeXdm({ patient: p }));
    expect(r.patient).toMatchObject({ birthDate: null, sex: null, qualified: false });
    expect(codes(r)).toContain("patient-traits-missing");
  });

  it("two patients in one submission: several-patients and document-patient-mismatch", async () => {
    const d = defaultDocuments();
    d[1] = { ...defaultDocuments(PAUL)[1]!, patientId: cx(PAUL.ins, OID.NIR) };
    const r = await readXdmZip(makeXdm({ documents: d }));
    expect(codes(r)).toContain("several-patients");
    expect(r.problems.find((p) => p.code === "document-patient-mismatch")?.document).toBe("DOC0002.PDF");
    expect(r.patient?.lastName).toBe("DUPONT");
  });

  it("same patientId, different traits: several-patients", async () => {
    const d = defaultDocuments();
    d[1] = { ...d[1]!, patient: { ...JEANNE, birth: "19620316" } };
    expect(codes(await readXdmZip(makeXdm({ documents: d })))).toContain("several-patients");
  });
});

describe("XDM ZIP: each document checked against its file", () => {
  it("bad hash: hashOk false, sizeOk true, document-hash-mismatch", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => (d[0]!.hash = "0".repeat(40))) }));
    expect(r.documents[0]).toMatchObject({ present: true, sizeOk: true, hashOk: false });
    expect(r.problems).toEqual([expect.objectContaining({ code: "document-hash-mismatch", document: "DOC0001.XML" })]);
  });

  it("bad size: sizeOk false, document-size-mismatch", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => (d[1]!.size = 12)) }));
    expect(r.documents[1]).toMatchObject({ sizeOk: false, hashOk: true });
    expect(codes(r)).toEqual(["document-size-mismatch"]);
  });

  it("missing file: present, sizeOk and hashOk false, document-missing", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => (d[1]!.omitFile = true)) }));
    expect(r.documents[1]).toMatchObject({ present: false, sizeOk: false, hashOk: false, path: null });
    expect(codes(r)).toEqual(["document-missing"]);
  });

  it("size and hash not declared: false, with their problems", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => Object.assign(d[0]!, { size: null, hash: null })) }));
    expect(r.documents[0]).toMatchObject({ present: true, sizeOk: false, hashOk: false });
    expect(codes(r)).toEqual(["document-size-missing", "document-hash-missing"]);
  });

  it("missing title, type and creation time are problems; an impossible date is not converted", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => Object.assign(d[0]!, { title: null, typeCode: null, creationTime: null }) && (d[1]!.creationTime = "20251341")) }));
    expect(codes(r)).toEqual(expect.arrayContaining(["document-title-missing", "document-type-missing", "document-creation-time-missing", "document-creation-time-invalid"]));
    expect(r.documents[1]!.creationTime).toBeNull();
    expect(xdmSendHeaders(r)["X-MSS-CODECDA"]).toBe("PRESC-BIO");
  });

  it("a URI leaving the archive is not followed", async () => {
    const r = await readXdmZip(makeXdm({ documents: docs((d) => Object.assign(d[0]!, { uri: "../../../etc/passwd", omitFile: true })) }));
    expect(codes(r)).toContain("document-uri-unsafe");
    expect(r.documents[0]!.present).toBe(false);
  });

  it("a URI to the folder above METADATA.XML, still inside the archive, is read", async () => {
    const d = docs((x) => Object.assign(x[1]!, { uri: "../DOC0002.PDF", omitFile: true }));
    const r = await readXdmZip(makeXdm({ documents: d, extra: { "IHE_XDM/DOC0002.PDF": d[1]!.content } }));
    expect(r.documents[1]).toMatchObject({ present: true, hashOk: true, path: "IHE_XDM/DOC0002.PDF" });
  });
});

describe("CDA code", () => {
  it("the CDA's own code is read and compared with the typeCode", async () => {
    const ok = await readXdmZip(makeXdm());
    expect(ok.documents.map((d) => d.cdaCode)).toEqual(["11502-2", null]);
    const d = docs((x) => (x[0]!.content = strToU8(cda("34112-3", "Autre document"))));
    const r = await readXdmZip(makeXdm({ documents: d }));
    expect(r.problems).toEqual([expect.objectContaining({ code: "cda-code-mismatch", document: "DOC0001.XML" })]);
    expect(cdaCode(strToU8('<x:ClinicalDocument xmlns:x="urn:hl7-org:v3"><x:code codeSystem="1" code="PRESC-BIO"/>'))).toBe("PRESC-BIO");
    expect(cdaCode(strToU8("<html><code code='x'/></html>"))).toBeNull();
  });
});

describe("the CDA's own patient (recordTarget) against the metadata's", () => {
  it("the same patient: no problem, and the CDA's patient is reported", async () => {
    const r = await readXdmZip(makeXdm());
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.cdaPatient).toEqual({ ids: [{ value: JEANNE.ins, oid: OID.NIR }], birthDate: "1962-03-15", birthDates: ["1962-03-15"], complete: true });
    expect(r.documents[1]!.cdaPatient).toBeNull();
  });

  it("a CDA about another patient in an XDM labelled for this one is flagged, with both identities", async () => {
    const d = docs((x) => (x[0]!.content = strToU8(cda("11502-2", "CR d'examens biologiques", PAUL))));
    const r = await readXdmZip(makeXdm({ documents: d }));
    expect(r.status).toBe("ok");
    const p = r.problems.find((x) => x.code === "cda-patient-mismatch");
    expect(p).toMatchObject({ document: "DOC0001.XML" });
    expect(p!.message).toContain(`INS ${PAUL.ins} au lieu de ${JEANNE.ins}`);
    expect(p!.message).toContain("né(e) le 1980-01-01 au lieu du 1962-03-15");
  });

  it("another birth date alone is another patient; an id of another authority alone proves nothing", async () => {
    const twin = { ...JEANNE, birth: "19620316" };
    const r1 = await readXdmZip(makeXdm({ documents: docs((x) => (x[0]!.content = strToU8(cda("11502-2", "CR", twin)))) }));
    expect(r1.problems.map((p) => p.code)).toEqual(["cda-patient-mismatch"]);
    const local = cda("11502-2", "CR").replace(`extension="${JEANNE.ins}" root="${OID.NIR}"`, 'extension="IPP-998877" root="1.2.250.1.71.4.2.7"');
    const r2 = await readXdmZip(makeXdm({ documents: docs((x) => (x[0]!.content = strToU8(local))) }));
    expect(r2.problems).toEqual([]);
  });

  it("prefixed CDA elements are read; a CDA without recordTarget is not guessed at", async () => {
    const prefixed = cda("11502-2", "CR", PAUL).replace(/<(\/?)(\w+)/g, "<$1hl7:$2").replace('xmlns="urn:hl7-org:v3"', 'xmlns:hl7="urn:hl7-org:v3"');
    const r = await readXdmZip(makeXdm({ documents: docs((x) => (x[0]!.content = strToU8(prefixed))) }));
    expect(r.problems.map((p) => p.code)).toEqual(["cda-patient-mismatch"]);
    const none = cda("11502-2", "CR", PAUL).replace(/<recordTarget>[\s\S]*<\/recordTarget>/, "");
    const r2 = await readXdmZip(makeXdm({ documents: docs((x) => (x[0]!.content = strToU8(none))) }));
    expect(r2.problems).toEqual([]);
    expect(r2.documents[0]!.cdaPatient).toBeNull();
  });
});

describe("XDM ZIP: a CDA hiding its patient (review2)", () => {
  const read = async (content: Uint8Array | string) =>
    readXdmZip(makeXdm({ documents: docs((x) => (x[0]!.content = typeof content === "string" ? strToU8(content) : content)) }));
  const paul = cda("11502-2", "CR", PAUL);
  const jeanneId = `<id extension="${JEANNE.ins}" root="${OID.NIR}"/>`;

  it("the metadata's INS and birth date in a comment, a CDATA section or a processing instruction are not the CDA's patient", async () => {
    for (const hidden of [`<!-- ${jeanneId} <birthTime value="19620315"/> -->`, `<![CDATA[ ${jeanneId} <birthTime value="19620315"/> ]]>`, `<?note ${jeanneId} <birthTime value="19620315"/> ?>`]) {
      const r = await read(paul.replace("<patientRole>", `<patientRole>${hidden}`));
      const p = r.problems.find((x) => x.code === "cda-patient-mismatch");
      expect(p?.message, hidden).toContain(`INS ${PAUL.ins} au lieu de ${JEANNE.ins}`);
      expect(p?.message, hidden).toContain("né(e) le 1980-01-01 au lieu du 1962-03-15");
    }
  });

  it("the metadata's INS beside another of the same authority is still another patient", async () => {
    const r = await read(cda("11502-2", "CR", { ...PAUL, birth: JEANNE.birth }).replace("<patientRole>", `<patientRole>${jeanneId}`));
    expect(r.problems.find((x) => x.code === "cda-patient-mismatch")?.message).toContain(`INS ${PAUL.ins} au lieu de ${JEANNE.ins}`);
  });

  it("a second recordTarget about another patient is read too", async () => {
    const second = /<recordTarget>[\s\S]*<\/recordTarget>/.exec(paul)![0];
    const r = await read(cda("11502-2", "CR").replace("<component>", `${second}<component>`));
    const p = r.problems.find((x) => x.code === "cda-patient-mismatch");
    expect(p?.message).toContain(`INS ${PAUL.ins} au lieu de ${JEANNE.ins}`);
    expect(p?.message).toContain("né(e) le 1980-01-01 au lieu du 1962-03-15");
  });

  it("a CDA in UTF-16 is read as well", async () => {
    for (const le of [true, false]) {
      const text = paul.replace('encoding="UTF-8"', 'encoding="UTF-16"');
      const bytes = new Uint8Array(2 + text.length * 2);
      const view = new DataView(bytes.buffer);
      view.setUint16(0, 0xfeff, le);
      for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), le);
      const r = await read(bytes);
      expect(r.documents[0]!.cdaCode, le ? "LE" : "BE").toBe("11502-2");
      expect(r.problems.map((x) => x.code), le ? "LE" : "BE").toContain("cda-patient-mismatch");
    }
  });

  it("a recordTarget pushed past the part read (64 KiB) is said unread, not taken as agreeing", async () => {
    const r = await read(paul.replace("<title>", `<!-- ${"x".repeat(70_000)} --><title>`));
    expect(r.problems.map((x) => x.code)).toEqual(["cda-patient-unread"]);
    expect(r.problems[0]!.message).toMatch(/DOC0001\.XML.*patient/);
  });
});

describe("XDM ZIP: a file no metadata describes (review2)", () => {
  it("another document in METADATA.XML's folder (or below) is said, by name; README.TXT, INDEX.HTM and other subsets are not", async () => {
    const r = await readXdmZip(makeXdm({ extra: { "IHE_XDM/SUBSET01/DOC0003.PDF": PDF, "IHE_XDM/SUBSET01/IMAGES/IMG1.JPG": PDF, "IHE_XDM/SUBSET02/DOC0001.PDF": PDF } }));
    expect(r.status).toBe("ok");
    expect(codes(r)).toEqual(["document-unlisted", "document-unlisted"]);
    expect(r.problems[1]).toMatchObject({ document: "IHE_XDM/SUBSET01/IMAGES/IMG1.JPG" });
    expect(r.problems[0]).toMatchObject({ document: "IHE_XDM/SUBSET01/DOC0003.PDF" });
    expect(r.problems[0]!.message).toContain("« IHE_XDM/SUBSET01/DOC0003.PDF »");
    expect(codes(await readXdmZip(makeXdm()))).toEqual([]);
  });
});

describe("HL7 times", () => {
  it.each([
    ["20250110093000", "2025-01-10T09:30:00Z"],
    ["202501100930", "2025-01-10T09:30:00Z"],
    ["20250110", "2025-01-10"],
    ["20250110103000+0100", "2025-01-10T09:30:00Z"],
    ["20250230", null],
    ["2025-01-10", null],
    ["20250110250000", null],
  ])("%s → %s", (v, iso) => expect(hl7Time(v)).toBe(iso));
});

describe("XDM in a message", () => {
  it("finds IHE_XDM.ZIP beside the PDF, decodes the RFC 2047 subject, exposes the clean title", async () => {
    const r = await readXdmMessage(makeEml({ encodeSubject: true, subject: xdmSubject("Résultats d'analyses") }));
    expect(r).toMatchObject({ found: true, status: "ok", attachment: "IHE_XDM.ZIP" });
    expect(r.subject).toMatchObject({ xdm: true, title: "Résultats d'analyses DUPONT Jeanne 15/03/1962", birthDate: "1962-03-15", matches: true });
    expect(r.problems).toEqual([]);
    expect(r.documents).toHaveLength(2);
  });

  it("subject naming another patient: subject-patient-mismatch", async () => {
    const r = await readXdmMessage(makeEml({ subject: xdmSubject("CR de biologie", PAUL) }));
    expect(r.status).toBe("ok");
    expect(r.subject?.matches).toBe(false);
    expect(codes(r)).toEqual(["subject-patient-mismatch"]);
    expect(r.problems[0]!.message).toMatch(/autre patient/);
  });

  it("subject with the right name but another birth date: mismatch", async () => {
    expect(codes(await readXdmMessage(makeEml({ subject: "XDM/1.0/DDM+CR de biologie DUPONT Jeanne 16/03/1962" })))).toEqual(["subject-patient-mismatch"]);
  });

  it("accents and case in the subject do not make a mismatch", async () => {
    const r = await readXdmMessage(makeEml({ subject: "XDM/1.0/DDM+CR Dupont JEANNE 15/03/1962", encodeSubject: true }));
    expect(r.problems).toEqual([]);
  });

  it("a reply keeps the XDM prefix after « RE: »; a subject without it is flagged", async () => {
    expect((await readXdmMessage(makeEml({ subject: `RE: ${xdmSubject("CR")}` }))).subject?.xdm).toBe(true);
    expect(codes(await readXdmMessage(makeEml({ subject: "Résultats" })))).toEqual(["subject-without-xdm-prefix"]);
    expect(subjectPatient("XDM/1.0/DDM+CR sans date", null)).toMatchObject({ xdm: true, title: "CR sans date", birthDate: null, matches: null });
  });

  it("inside a multipart/signed wrapper, and under another name when it holds IHE_XDM/", async () => {
    expect((await readXdmMessage(makeEml({ signedWrapper: true }))).status).toBe("ok");
    expect(await readXdmMessage(makeEml({ attachmentName: "documents.zip" }))).toMatchObject({ found: true, status: "ok", attachment: "documents.zip" });
  });

  it("no XDM: found false, status not-found", async () => {
    const r = await readXdmMessage(makeEml({ zip: null }));
    expect(r).toMatchObject({ found: false, status: "not-found", documents: [], patient: null });
    expect(r.subject?.xdm).toBe(true);
  });

  it("a zip attachment without IHE_XDM/ is not an XDM", async () => {
    const { zipSync } = await import("fflate");
    expect((await readXdmMessage(makeEml({ zip: zipSync({ "a.txt": strToU8("x") }), attachmentName: "autre.zip" }))).found).toBe(false);
  });
});
