// The Quick Filter text that finds a patient's other messages: the birth name and the first first
// name, as the subject convention writes them (`… <NOM> <prénom> <JJ/MM/AAAA>`, ECO.2.1.3), or
// the INS, which is the local part of the patient's own address (`<INS>@patient.mssante.fr`).
// Thunderbird's Quick Filter keeps messages holding every space-separated group (in subject,
// sender or recipients) and reads `a|b` as "a or b" inside a group: `NOM|INS prénom|INS` is
// "the name, or the INS". `"` and `|` from the archive are its syntax and are left out.
import type { Patient } from "./xdm.ts";

export interface PatientSearch {
  /** What is typed in the Quick Filter. */
  text: string;
  name: string;
  ins: string | null;
}

const clean = (s: string) => s.replace(/["|]/g, " ").replace(/\s+/g, " ").trim();

export function patientSearch(patient: Patient | null): PatientSearch | null {
  if (!patient?.lastName) return null;
  const first = (patient.firstNames ?? "").trim().split(/\s+/)[0] ?? "";
  const words = clean(`${patient.lastName} ${first}`).split(" ").filter(Boolean);
  if (words.length === 0) return null;
  // An INS is 15 characters (digits, 2A/2B for Corsica): anything else is not put in the filter.
  const ins = patient.ins && patient.ins.kind !== "unknown" && /^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/i.test(patient.ins.value) ? patient.ins.value : null;
  return { text: words.map((w) => (ins ? `${w}|${ins}` : w)).join(" "), name: words.join(" "), ins };
}
