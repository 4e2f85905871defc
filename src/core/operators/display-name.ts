// The sender name of an MSSanté identity as the client rules want it: title, first name, NAME in
// capitals, then the entity (practice, department, hospital), e.g. "Dr Jean DUPONT - CHU de Lyon".

export interface NameParts {
  /** Civilité d'exercice / title: "Dr", "Pr", "M.", "Mme"… */
  title?: string;
  firstName?: string;
  lastName: string;
  entity?: string;
}

const clean = (s: string | undefined) => (s ?? "").replace(/[\s\u00a0]+/g, " ").replace(/[<>"\\@]/g, "").trim();

/** Capitalises each part of a first name, keeping hyphens: "jean-pierre" → "Jean-Pierre". */
export function capitaliseFirstName(name: string): string {
  return clean(name)
    .toLocaleLowerCase("fr")
    .replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toLocaleUpperCase("fr"));
}

export function formatDisplayName(parts: NameParts): string {
  const person = [clean(parts.title), capitaliseFirstName(parts.firstName ?? ""), clean(parts.lastName).toLocaleUpperCase("fr")].filter(Boolean).join(" ");
  const entity = clean(parts.entity);
  return entity ? `${person} - ${entity}` : person;
}
