// What leaves the machine when a secretary picks a directory suggestion: the suggestion is taken
// from Thunderbird's own compose autocomplete, the message is sent through the real SMTP relay,
// and the To: header is read back over IMAP from the recipient's Dovecot mailbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { extractionBytes, org, per, referenceRows } from "../fixtures/directory/extraction.ts";
import { deliveredTo, useTestbed } from "./support.ts";

// The user is Jean DUPONT, himself in the directory; he writes to Marie DUPONT.
const JEAN = { address: "jean.dupont@medecin.mssante.fr", password: "mdp-jean" };
const MARIE = { address: "marie.dupont@medecin.mssante.fr", password: "mdp-marie" };
// Two rows of a hostile directory file: a service name that decodes (RFC 2047) to another
// address, and a surname holding a right-to-left override, which Thunderbird cleans.
const ZETA = { address: "accueil.zeta@medecin.mssante.fr", password: "mdp-zeta" };
const PAUL = { address: "paul.rtl@medecin.mssante.fr", password: "mdp-paul" };
const HOSTILE = [
  org(ZETA.address, "CLINIQUE ZETA", { service: `=?UTF-8?B?${Buffer.from("Pirate <pirate@evil.example>").toString("base64")}?=` }),
  per("Rtlnom\u202eerdna", "Paul", PAUL.address),
];
const testbed = useTestbed("directory-compose", [JEAN, MARIE, ZETA, PAUL]);

let files: FileServer;
let tb: Thunderbird;
let identityId: string;

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(extractionBytes([...referenceRows(), ...HOSTILE])), contentType: "text/plain; charset=utf-8" });
  tb = await bed.launch();
  await tb.call("configure", { directoryUrl: files.url("/Extraction_Correspondance_MSSante.txt"), whitelistMirrorUrl: "" });
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(JEAN, "Jean Dupont"));
  identityId = (await tb.call<{ accountId: string; identityId: string }[]>("identities")).find((i) => i.accountId === accountId)!.identityId;
  expect(await tb.call<{ outcome: string }>("directoryRefresh")).toMatchObject({ outcome: "updated" });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("sending to a directory suggestion", () => {
  it("the user's own address is not suggested, so never pre-filled", async () => {
    const values = await tb.call<string[]>("autocomplete", { searchString: "dup" });
    expect(values.some((v) => v.includes("marie.dupont@medecin.mssante.fr"))).toBe(true);
    expect(values.some((v) => v.toLowerCase().includes(JEAN.address))).toBe(false);
  });

  it("the delivered To: holds « Prénom NOM <adresse> », never the dropdown's description", async () => {
    const values = await tb.call<string[]>("autocomplete", { searchString: "dup mar" });
    const picked = values[0]!;
    // What the dropdown shows (and what Thunderbird inserts on selection) describes Marie…
    expect(picked).toMatch(/Marie DUPONT.*Médecine générale.*<marie\.dupont@medecin\.mssante\.fr>$/);
    const sent = await tb.call<{ sent?: unknown; error?: string }>("composeAndSend", { identityId, to: [picked], subject: "Adressage patient", answer: "send" });
    expect(sent.error).toBeUndefined();

    const bed = testbed();
    const delivered = await deliveredTo(bed, MARIE, (m) => m.subject === "Adressage patient");
    expect(delivered).toHaveLength(1);
    const to = /^To:(.*(?:\r?\n[ \t].*)*)/im.exec(delivered[0]!.headers)?.[1]?.replace(/\r?\n[ \t]/g, " ").trim();
    // …but only her name and address reach her.
    expect(to).toBe("Marie DUPONT <marie.dupont@medecin.mssante.fr>");
    expect(delivered[0]!.headers).not.toMatch(/Médecine|Lyon|—/);
  });

  it("a hostile directory row adds no recipient, and its description does not leave either", async () => {
    const zeta = (await tb.call<string[]>("autocomplete", { searchString: "zeta" })).find((v) => v.includes(ZETA.address));
    const paul = (await tb.call<string[]>("autocomplete", { searchString: "rtlnom" })).find((v) => v.includes(PAUL.address));
    expect(zeta).toBeDefined();
    expect(paul).toBeDefined();
    const sent = await tb.call<{ sent?: { messages: { recipients: string[] }[] }; error?: string }>("composeAndSend", { identityId, to: [zeta!, paul!], subject: "Annuaire piégé", answer: "send" });
    expect(sent.error).toBeUndefined();
    // Before the fix: « Pirate <pirate@evil.example> » was a third recipient, and Paul's
    // description went out (Thunderbird cleaned the override, so it was no longer recognised).
    expect(sent.sent!.messages[0]!.recipients.join(" ")).not.toMatch(/evil\.example|—|Médecin/);
    expect(sent.sent!.messages[0]!.recipients).toHaveLength(2);
    const bed = testbed();
    const delivered = await deliveredTo(bed, PAUL, (m) => m.subject === "Annuaire piégé");
    expect(delivered).toHaveLength(1);
    const to = /^To:(.*(?:\r?\n[ \t].*)*)/im.exec(delivered[0]!.headers)?.[1]?.replace(/\r?\n[ \t]/g, " ").trim();
    expect(to).toMatch(/<accueil\.zeta@medecin\.mssante\.fr>, Paul RTLNOM ERDNA <paul\.rtl@medecin\.mssante\.fr>$/);
    expect(to).not.toMatch(/evil|Médecin|=\?UTF-8\?B\?UGly[^ ]*\?=/);
  });

  it("Collected Addresses keep the person's name, not the description", async () => {
    const found = await tb.call<{ name: string; email: string; remote: boolean }[]>("directoryQuery", { searchString: "marie.dupont@medecin.mssante.fr", includeLocal: true });
    const collected = found.filter((f) => !f.remote && f.email === "marie.dupont@medecin.mssante.fr");
    expect(collected.length).toBeGreaterThan(0);
    for (const c of collected) expect(c.name).toBe("Marie DUPONT");
  });
});
