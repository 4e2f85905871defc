// The words that find a patient's other messages in Thunderbird's Quick Filter: the birth name and
// the first first name, as the subject convention writes them (`… <NOM> <prénom> <JJ/MM/AAAA>`,
// ECO.2.1.3). The Quick Filter keeps messages holding every word (subject, sender, recipients);
// `"` and `|` are its own syntax (phrases, alternatives) and are left out.
import type { Patient } from "./xdm.ts";

export function patientSearchText(patient: Patient | null): string | null {
  if (!patient?.lastName) return null;
  const first = (patient.firstNames ?? "").trim().split(/\s+/)[0] ?? "";
  const text = `${patient.lastName} ${first}`.replace(/["|]/g, " ").replace(/\s+/g, " ").trim();
  return text || null;
}
