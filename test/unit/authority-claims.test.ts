// Display names claiming an MSSanté authority from outside the trust space (issue 11): the phishing
// shape « Assistance MSSanté <support@secu-messagerie.example> », and the false alarms to avoid.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict, type AccountKind } from "../../src/core/trust/verdict.ts";
import { claimedAuthority, operatorName } from "../../src/core/trust/authority-claims.ts";

const wl = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../fixtures/trust/liste-blanche-test.xml"), "utf8"));
const verdict = (from: string, account: AccountKind = "mssante", extra: Partial<Parameters<typeof computeVerdict>[0]> = {}) =>
  computeVerdict({ headers: `From: ${from}\r\nSubject: x\r\n\r\nbody\r\n`, whitelist: wl, account, ...extra });
const codes = (v: ReturnType<typeof verdict>) => v.reasons.map((r) => r.code);

describe("a display name claiming an authority from outside the space is an impersonation", () => {
  it.each([
    ["Assistance MSSanté <support@secu-messagerie.example>", "claims-mssante"],
    ["\"MS Santé - Sécurité\" <alerte@secu-messagerie.example>", "claims-mssante"],
    ["=?utf-8?Q?=D0=9CSSant=C3=A9_support?= <x@phish.example>", "claims-mssante"],
    ["\"Messagerie Sécurisée de Santé\" <noreply@mail.example>", "claims-mssante"],
    ["\"Service MSS\" <it@mail.example>", "claims-mssante"],
    ["\"ANS - Agence du Numérique en Santé\" <contact@ans-sante.example>", "claims-ans"],
    ["\"Agence du numérique en santé\" <contact@mail.example>", "claims-ans"],
    ["\"Pro Santé Connect\" <connexion@psc-login.example>", "claims-ans"],
    ["\"Votre e-CPS\" <renouvellement@mail.example>", "claims-ans"],
    ["\"Conseil national de l'Ordre des médecins\" <cotisation@mail.example>", "claims-ordre"],
    ["\"Ordre des Pharmaciens\" <info@mail.example>", "claims-ordre"],
    ["\"CNOM\" <info@mail.example>", "claims-ordre"],
    ["support@mail.example (Équipe MSSanté)", "claims-mssante"],
  ])("%s → %s", (from, code) => {
    for (const account of ["mssante", "other"] as const) {
      const v = verdict(from, account);
      expect(v.category, account).toBe("impersonation");
      expect(v.trusted).toBe(false);
      expect(codes(v), account).toContain(code);
      const reason = v.reasons.find((r) => r.code === code)!;
      expect(reason.severity).toBe("danger");
      expect(reason.message).toMatch(/hameçonnage probable/);
    }
  });

  it("the message names the display name and the real address", () => {
    const v = verdict("Assistance MSSanté <support@secu-messagerie.example>");
    expect(v.reasons.find((r) => r.code === "claims-mssante")!.message).toBe(
      "Le nom affiché « Assistance MSSanté » se présente comme MSSanté, mais l'adresse support@secu-messagerie.example est hors de l'espace de confiance : hameçonnage probable.",
    );
  });
});

// Header bytes that are not UTF-8: Thunderbird lists « Assistance MSSant\xe9 » as « Assistance
// MSSanté » (the message's Latin-1 charset) where the UTF-8 reading has U+FFFD: the review found the
// claim unseen, the message untagged in an ordinary account.
describe("a claim written in Latin-1 bytes is read as Thunderbird shows it", () => {
  const latin = (from: string, account: AccountKind) =>
    computeVerdict({ headers: Buffer.from(`From: ${from}\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nbody\r\n`, "latin1"), whitelist: wl, account });
  it.each(["mssante", "other"] as const)("in an %s account: the same verdict as its UTF-8 spelling, the name as shown", (account) => {
    const v = latin('"Assistance MSSant\xe9" <support@assistance-messagerie.example>', account);
    expect(v).toMatchObject({ trusted: false, category: "impersonation" });
    expect(v.reasons.find((r) => r.code === "claims-mssante")?.params[0]).toBe("Assistance MSSanté");
    expect(v.category).toBe(verdict('"Assistance MSSanté" <support@assistance-messagerie.example>', account).category);
    // Unquoted, and as a name reading like an MSSanté address.
    expect(latin("Assistance MSSant\xe9 <support@assistance-messagerie.example>", account).category).toBe("impersonation");
    expect(latin('"secretariat@m\xe9decin.mssante.fr" <x@evil.example>', account).category).toBe("impersonation");
  });
  it("in the charset the Content-Type declares, Latin or not (« Ordre des \\xededecins » is « Ordre des Мedecins » in KOI8-R)", () => {
    const bytes = (charset: string) =>
      Buffer.concat([Buffer.from('From: "Ordre des '), Buffer.from([0xed]), Buffer.from(`edecins" <contact@ordre-info.example>\r\nContent-Type: text/plain; charset="${charset}"\r\n\r\nx\r\n`)]);
    const v = computeVerdict({ headers: bytes("koi8-r"), whitelist: wl, account: "other" });
    expect(v.category).toBe("impersonation");
    expect(codes(v)).toContain("claims-ordre");
    // In windows-1252 the byte is « í »: no claim, as Thunderbird shows it then.
    expect(computeVerdict({ headers: bytes("windows-1252"), whitelist: wl, account: "other" }).category).toBe("outside");
    // A label no decoder knows changes nothing.
    expect(computeVerdict({ headers: bytes("x-inconnu"), whitelist: wl, account: "other" }).category).toBe("outside");
  });

  it("a colleague's Latin-1 name inside the space stays as it was; an ordinary one claims nothing", () => {
    const colleague = latin('"Dr H\xe9l\xe8ne Martin" <marie.martin@chu-lyon.mssante.fr>', "mssante");
    expect(colleague.category).toBe(verdict('"Dr H\uFFFDl\uFFFDne Martin" <marie.martin@chu-lyon.mssante.fr>').category);
    expect(latin('"Ren\xe9e Lef\xe8vre" <renee@gmail.example>', "other")).toMatchObject({ category: "outside" });
  });
});

describe("no false alarms on ordinary names", () => {
  // Names seen in a GP's ordinary mail: they mention health, orders, years, but claim nothing.
  const ORDINARY = [
    "Dr Jean Dupont", "Cabinet médical Santé Plus", "Santé Magazine", "Ordre du jour du conseil municipal",
    "Joyeux 50 ans Marie", "Les ans passent", "GIP e-santé Occitanie", "Mutuelle Santé", "Amazon.fr",
    "La Poste", "Ameli - Assurance Maladie", "Pharmacie du centre", "Samsung", "Hans Müller", "Transmission",
    "Messagerie Orange", "Doctolib", "Laboratoire Cerballiance", "Ordre et Beauté", "CPS Électricité",
    "Dance 2 ANSWERS", "Centre hospitalier de Nantes", "Mme Sansonetti", "Mass Santé Nutrition",
  ];
  it.each(ORDINARY)("%s claims no authority", (name) => {
    expect(claimedAuthority(name)).toBeUndefined();
    expect(verdict(`"${name}" <someone@ordinary.example>`, "other").category).toBe("outside");
    expect(verdict(`"${name}" <someone@ordinary.example>`, "mssante").category).toBe("outside");
  });
});

describe("who may use the name", () => {
  it("a white-listed sender is not flagged for its own name", () => {
    const v = verdict("\"Équipe MSSanté du CHU\" <dsi@chu-lyon.mssante.fr>");
    expect(v).toMatchObject({ trusted: true, category: "professional" });
  });

  it("the ANS's own domain may say ANS (documented official domains)", () => {
    const v = verdict("\"ANS - Agence du Numérique en Santé\" <communication@esante.gouv.fr>", "other");
    expect(v.category).toBe("outside");
    expect(codes(v).some((c) => c.startsWith("claims-"))).toBe(false);
  });

  it("a look-alike of the official domain is not official", () => {
    expect(verdict("\"ANS\" <communication@esante-gouv.fr.example>", "other").category).toBe("impersonation");
    expect(verdict("\"ANS\" <communication@esante.gouv.fr.example>", "other").category).toBe("impersonation");
  });

  it("the user's per-domain exception lifts the claim (they said who that sender is)", () => {
    const v = verdict("\"Ordre des médecins\" <info@ordre-medecins.example>", "mssante", { overrides: { "ordre-medecins.example": "trusted" } });
    expect(v.trusted).toBe(true);
    expect(codes(v)).toContain("user-override-trusted");
  });
});

describe("the user's own operator", () => {
  it("reads the operator from the white list's usual descriptions", () => {
    expect(operatorName("Domaine de messagerie MSSanté de ENOVACOM")).toBe("ENOVACOM");
    expect(operatorName("Domaine de messagerie MSSanté d'Inovelan")).toBe("Inovelan");
    expect(operatorName("Domaine de messagerie Mssanté géré par le GRADeS SESAN pour SSIAD Pays de France")).toBe("GRADeS SESAN");
    expect(operatorName("Mailiz - Ordres des professions de santé")).toBe("Mailiz");
    // Free text that does not name an operator, or too short a name: no guess.
    expect(operatorName("Hospices Civils de Lyon")).toBeUndefined();
    expect(operatorName("Domaine de messagerie MSSanté du CH")).toBeUndefined();
  });

  it("a name claiming the user's operator from outside is an impersonation in that user's account only", () => {
    // medecin.mssante.fr is described « Mailiz - Ordres des professions de santé » in the test list.
    const from = "\"Support Mailiz\" <aide@mailiz-support.example>";
    const mine = verdict(from, "mssante", { accountDomain: "medecin.mssante.fr" });
    expect(mine.category).toBe("impersonation");
    expect(mine.reasons.find((r) => r.code === "claims-operator")?.params).toEqual(["Support Mailiz", "aide@mailiz-support.example", "Mailiz"]);
    // Another operator's user: an outside "Mailiz" name is outside, not their operator.
    expect(verdict(from, "mssante", { accountDomain: "chu-lyon.mssante.fr" }).category).toBe("outside");
  });
});
