// The patient a CDA R2 document is about (its recordTarget), to compare with the patient
// METADATA.XML announces. An XDM whose metadata names one patient while a document inside is
// another's is the dangerous case: the GP files a result in the wrong patient's record.
//
// Read from the document's first 64 KiB, where the CDA header (recordTarget comes before the body)
// always is; regular expressions without nested quantifiers, each stopping at a tag's `>`: linear
// in those 64 KiB, whatever the document's size.

export interface CdaPatient {
  /** The patientRole ids: `extension` (the identifier) and `root` (its OID). */
  ids: { value: string; oid: string }[];
  /** birthTime as YYYY-MM-DD, when it has a day. */
  birthDate: string | null;
}

const HEAD = 64 * 1024;

/** The recordTarget's patient, or null when the bytes are not a CDA or have no recordTarget. */
export function cdaPatient(bytes: Uint8Array): CdaPatient | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD));
  if (!/<(?:[\w.-]+:)?ClinicalDocument[\s>]/.test(head)) return null;
  const start = /<(?:[\w.-]+:)?recordTarget[\s>]/.exec(head);
  if (!start) return null;
  const endMatch = /<\/(?:[\w.-]+:)?recordTarget\s*>/.exec(head.slice(start.index));
  const target = head.slice(start.index, endMatch ? start.index + endMatch.index : undefined);
  // The patientRole's own ids come before its <patient> element.
  const patientAt = target.search(/<(?:[\w.-]+:)?patient[\s>]/);
  const roleIds = patientAt >= 0 ? target.slice(0, patientAt) : target;
  const ids: CdaPatient["ids"] = [];
  for (const m of roleIds.matchAll(/<(?:[\w.-]+:)?id\s[^<>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"'<>]*)["']`).exec(m[0])?.[1]?.trim() ?? "";
    const value = attr("extension");
    if (value) ids.push({ value, oid: attr("root") });
  }
  const birth = /<(?:[\w.-]+:)?birthTime\s[^<>]*\bvalue\s*=\s*["'](\d{4})(\d{2})(\d{2})/.exec(target);
  return { ids, birthDate: birth ? `${birth[1]}-${birth[2]}-${birth[3]}` : null };
}
