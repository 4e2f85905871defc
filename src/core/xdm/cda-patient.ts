// The patient a CDA R2 document is about (its recordTarget), to compare with the patient
// METADATA.XML announces. An XDM whose metadata names one patient while a document inside is
// another's is the dangerous case: the GP files a result in the wrong patient's record.
//
// Read from the document's first 64 KiB (characters: UTF-8/Latin-1 bytes, or UTF-16 by its byte
// order mark or its first `<`), where the CDA header (recordTarget comes before the body) always
// is. Comments, CDATA sections and processing instructions are dropped first: what sits in them
// is not the document's markup, and the metadata's identity written there must not pass for the
// CDA's. Each pass is one scan: the openers by one regular expression, each closer by indexOf from
// there; the recordTargets are cut at the next one's start; regular expressions without nested
// quantifiers, each stopping at a tag's `>`: linear in those 64 KiB, whatever the document's size.

export interface CdaPatient {
  /** The patientRole ids of every recordTarget: `extension` (the identifier) and `root` (its OID). */
  ids: { value: string; oid: string }[];
  /** The first recordTarget's birthTime as YYYY-MM-DD, when it has a day. */
  birthDate: string | null;
  /** Every recordTarget's birthTime (distinct, in order): more than one is more than one patient. */
  birthDates: string[];
  /**
   * False when the part read ends before the recordTarget does (or before any recordTarget, in a
   * document longer than that part): what the CDA says about its patient is then unknown.
   */
  complete: boolean;
}

const HEAD = 64 * 1024;

/** The first HEAD characters of a CDA as text, without comments, CDATA and processing instructions. */
export function cdaHead(bytes: Uint8Array): { text: string; truncated: boolean } {
  let chars: string;
  let truncated: boolean;
  const le = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0);
  const be = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0x3c);
  if (le || be) {
    chars = new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes.subarray(0, 2 * HEAD));
    truncated = bytes.length > 2 * HEAD;
  } else {
    chars = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD));
    truncated = bytes.length > HEAD;
  }
  let text = "";
  let at = 0;
  const opener = /<!--|<!\[CDATA\[|<\?/g;
  for (let m = opener.exec(chars); m; m = opener.exec(chars)) {
    text += chars.slice(at, m.index);
    const closer = m[0] === "<!--" ? "-->" : m[0] === "<?" ? "?>" : "]]>";
    const end = chars.indexOf(closer, m.index + m[0].length);
    // Unclosed: the rest is not markup either (and the head may have cut it).
    if (end < 0) return { text, truncated };
    at = end + closer.length;
    opener.lastIndex = at;
  }
  return { text: text + chars.slice(at), truncated };
}

/** The recordTarget's patient, or null when the bytes are not a CDA or have no recordTarget. */
export function cdaPatient(bytes: Uint8Array): CdaPatient | null {
  const { text: head, truncated } = cdaHead(bytes);
  if (!/<(?:[\w.-]+:)?ClinicalDocument[\s>]/.test(head)) return null;
  const starts = [...head.matchAll(/<(?:[\w.-]+:)?recordTarget[\s>]/g)].map((m) => m.index);
  if (starts.length === 0) return truncated ? { ids: [], birthDate: null, birthDates: [], complete: false } : null;
  const ids: CdaPatient["ids"] = [];
  const birthDates: string[] = [];
  let complete = true;
  starts.forEach((start, i) => {
    const segment = head.slice(start, starts[i + 1] ?? head.length);
    const endMatch = /<\/(?:[\w.-]+:)?recordTarget\s*>/.exec(segment);
    if (!endMatch && i === starts.length - 1 && truncated) complete = false;
    const target = endMatch ? segment.slice(0, endMatch.index) : segment;
    // The patientRole's own ids come before its <patient> element.
    const patientAt = target.search(/<(?:[\w.-]+:)?patient[\s>]/);
    const roleIds = patientAt >= 0 ? target.slice(0, patientAt) : target;
    for (const m of roleIds.matchAll(/<(?:[\w.-]+:)?id\s[^<>]*>/g)) {
      const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"'<>]*)["']`).exec(m[0])?.[1]?.trim() ?? "";
      const value = attr("extension");
      if (value) ids.push({ value, oid: attr("root") });
    }
    const birth = /<(?:[\w.-]+:)?birthTime\s[^<>]*\bvalue\s*=\s*["'](\d{4})(\d{2})(\d{2})/.exec(target);
    const date = birth ? `${birth[1]}-${birth[2]}-${birth[3]}` : null;
    if (date && !birthDates.includes(date)) birthDates.push(date);
  });
  return { ids, birthDate: birthDates[0] ?? null, birthDates, complete };
}
