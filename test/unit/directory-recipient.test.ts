// The recipient that leaves the machine after a directory suggestion was picked.
import { describe, expect, it } from "vitest";
import { cleanRecipient, recipientAddress, recipientName, suggestedFor, type Suggested } from "../../src/core/directory/recipient.ts";
import type { DirectoryEntry } from "../../src/core/directory/search.ts";

const entry = (over: Partial<DirectoryEntry>): DirectoryEntry => ({
  email: "jean.dupont@medecin.mssante.fr",
  lastName: "DUPONT",
  firstName: "JEAN",
  civility: "DR",
  profession: "Médecin",
  specialty: "Cardiologie et maladies vasculaires",
  organisation: "",
  tradeName: "",
  service: "",
  postalCode: "75011",
  city: "PARIS",
  mailboxType: "PER",
  ppIdentifier: "810001234567",
  ...over,
});

const lookupOf = (...entries: DirectoryEntry[]) => {
  const map = new Map<string, Suggested[]>();
  for (const e of entries) map.set(e.email.toLowerCase(), [...(map.get(e.email.toLowerCase()) ?? []), suggestedFor(e)]);
  return (a: string) => map.get(a);
};

describe("clean recipients", () => {
  const jean = entry({});
  const shown = suggestedFor(jean);

  it("the description shown in the dropdown is not the name sent", () => {
    expect(shown.description).toContain("Cardiologie");
    expect(shown.name).toBe("Jean DUPONT");
    expect(recipientName(entry({ firstName: "", lastName: "", service: "Secrétariat de cardiologie" }))).toBe("Secrétariat de cardiologie");
  });

  it("replaces our description, quoted or not, by « Prénom NOM »", () => {
    const lookup = lookupOf(jean);
    expect(cleanRecipient(`${shown.description} <jean.dupont@medecin.mssante.fr>`, lookup)).toBe("Jean DUPONT <jean.dupont@medecin.mssante.fr>");
    expect(cleanRecipient(`"${shown.description}" <Jean.Dupont@medecin.mssante.fr>`, lookup)).toBe("Jean DUPONT <Jean.Dupont@medecin.mssante.fr>");
  });

  it("leaves alone what the user typed or took from their own address book", () => {
    const lookup = lookupOf(jean);
    for (const r of ["Jeannot <jean.dupont@medecin.mssante.fr>", "jean.dupont@medecin.mssante.fr", "Jean DUPONT <jean.dupont@medecin.mssante.fr>"]) {
      expect(cleanRecipient(r, lookup)).toBe(r);
    }
    // Our description, but for another address: not ours to change.
    expect(cleanRecipient(`"${shown.description}" <autre@medecin.mssante.fr>`, lookup)).toBe(`"${shown.description}" <autre@medecin.mssante.fr>`);
  });

  it("quotes a clean name that holds specials", () => {
    const org = entry({ email: "cardio@chu-lyon.mssante.fr", firstName: "", lastName: "", service: "Cardiologie, bâtiment A", mailboxType: "ORG" });
    const s = suggestedFor(org);
    expect(cleanRecipient(`"${s.description.replace(/"/g, '\\"')}" <cardio@chu-lyon.mssante.fr>`, lookupOf(org))).toBe('"Cardiologie, bâtiment A" <cardio@chu-lyon.mssante.fr>');
  });

  it("a mailbox with no name at all is sent as the bare address", () => {
    const app = entry({ email: "lab@bio.mssante.fr", firstName: "", lastName: "", service: "", organisation: "", mailboxType: "APP" });
    const s = suggestedFor(app);
    expect(cleanRecipient(`"${s.description}" <lab@bio.mssante.fr>`, lookupOf(app))).toBe("lab@bio.mssante.fr");
  });
});

describe("recipientAddress (what the usual-correspondents count keeps of a recipient)", () => {
  it("only the address, lower case, whatever the shape of the recipient", () => {
    expect(recipientAddress("Marie DUPONT <Marie.Dupont@Medecin.MSSante.fr>")).toBe("marie.dupont@medecin.mssante.fr");
    expect(recipientAddress('"DUPONT, Marie — Médecin" <marie.dupont@medecin.mssante.fr>')).toBe("marie.dupont@medecin.mssante.fr");
    expect(recipientAddress("  marie.dupont@medecin.mssante.fr ")).toBe("marie.dupont@medecin.mssante.fr");
  });
  it("nothing for what is not one address", () => {
    for (const r of ["Équipe de garde", "a@b.fr, c@d.fr", "", "<>", "Marie <pas une adresse>"]) expect(recipientAddress(r), r).toBeUndefined();
  });
});
