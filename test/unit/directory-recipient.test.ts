// The recipient that leaves the machine after a directory suggestion was picked.
import { describe, expect, it } from "vitest";
import { cleanRecipient, recipientAddress, recipientName, suggestedFor, type Suggested } from "../../src/core/directory/recipient.ts";
import type { DirectoryEntry } from "../../src/core/directory/search.ts";
import { thunderbirdMailboxes } from "../../src/core/mail/thunderbird-view.ts";

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

// A directory file is not trusted text: what Thunderbird makes of a suggestion (it parses the
// dropdown's « description <address> » as a header, RFC 2047 words decoded, invisible
// characters cleaned: thunderbird-view.ts is its parser) must be the entry's one address, and
// the description must still be recognised, so that only the clean name leaves the machine.
describe("hostile directory text", () => {
  const b64 = (t: string) => Buffer.from(t).toString("base64");
  const picked = (e: DirectoryEntry) => thunderbirdMailboxes(`${suggestedFor(e).description} <${e.email}>`);
  const hostile: [string, Partial<DirectoryEntry>][] = [
    ["an address and a comma in a service", { firstName: "", lastName: "", mailboxType: "ORG", service: "Pirate <pirate@evil.example>, Accueil" }],
    ["an encoded word in a service", { firstName: "", lastName: "", mailboxType: "ORG", service: `=?UTF-8?B?${b64("Pirate <pirate@evil.example>")}?=` }],
    ["an open parenthesis in an organisation", { organisation: "CLINIQUE (SITE" }],
    ["an open bracket in a last name", { lastName: "DUPONT [" }],
    ["a colon in a first name", { firstName: "Jean: x" }],
    ["a semicolon and quotes in a civility", { civility: 'DR"; <x@evil.example>' }],
    ["a right-to-left override in a last name", { lastName: "DUPONT\u202eNOYL" }],
    ["a zero-width space in a city", { city: "LY\u200bON" }],
  ];
  it("a mailbox known only by its address: Thunderbird drops « (Lyon) » after the « @ » of the description, which is still recognised", () => {
    const app = entry({ email: "lab@bio.mssante.fr", firstName: "", lastName: "", civility: "", specialty: "", profession: "", service: "", organisation: "", mailboxType: "APP", city: "LYON" });
    const shown = picked(app);
    expect(shown).toHaveLength(1);
    expect(shown![0]!.name).not.toBe(suggestedFor(app).description);
    expect(cleanRecipient(`"${shown![0]!.name}" <lab@bio.mssante.fr>`, lookupOf(app))).toBe("lab@bio.mssante.fr");
  });

  it.each(hostile)("%s: one recipient, the entry's address, and its clean name sent", (_name, over) => {
    const e = entry(over);
    const shown = picked(e);
    expect(shown).toHaveLength(1);
    expect(shown![0]!.email).toBe(e.email);
    // Whatever the file wrote stays text: no angle address, no encoded word left to decode.
    expect(shown![0]!.name).not.toMatch(/[<>]|=\?/);
    // As Thunderbird gives the recipient back to onBeforeSend, quoted.
    const back = `"${shown![0]!.name.replace(/(["\\])/g, "\\$1")}" <${e.email}>`;
    const sent = cleanRecipient(back, lookupOf(e));
    const clean = thunderbirdMailboxes(sent);
    expect(clean).toHaveLength(1);
    expect(clean![0]!.email).toBe(e.email);
    expect(clean![0]!.name).not.toMatch(/—|=\?/);
    expect(clean![0]!.name).toBe(thunderbirdMailboxes(`"${recipientName(e).replace(/(["\\])/g, "\\$1")}" <${e.email}>`)![0]!.name);
  });
});
