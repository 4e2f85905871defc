// What leaves the machine when a secretary picks a directory suggestion: the suggestion is taken
// from Thunderbird's own compose autocomplete, the message is sent through the real SMTP relay,
// and the To: header is read back over IMAP from the recipient's Dovecot mailbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { readInbox } from "../../scripts/testbed/imap.ts";
import { extractionBytes, referenceRows } from "../fixtures/directory/extraction.ts";
import { useTestbed } from "./support.ts";

// The user is Jean DUPONT, himself in the directory; he writes to Marie DUPONT.
const JEAN = { address: "jean.dupont@medecin.mssante.fr", password: "mdp-jean" };
const MARIE = { address: "marie.dupont@medecin.mssante.fr", password: "mdp-marie" };
const testbed = useTestbed("directory-compose", [JEAN, MARIE]);

let files: FileServer;
let tb: Thunderbird;
let identityId: string;

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(extractionBytes(referenceRows())), contentType: "text/plain; charset=utf-8" });
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
    let delivered: Awaited<ReturnType<typeof readInbox>> = [];
    for (let i = 0; i < 50 && delivered.length === 0; i++) {
      delivered = (await readInbox({ port: bed.dovecot.imapPort, user: MARIE.address, password: MARIE.password, caFile: bed.pki.caCert })).filter((m) => m.subject === "Adressage patient");
      if (delivered.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(delivered).toHaveLength(1);
    const to = /^To:(.*(?:\r?\n[ \t].*)*)/im.exec(delivered[0]!.headers)?.[1]?.replace(/\r?\n[ \t]/g, " ").trim();
    // …but only her name and address reach her.
    expect(to).toBe("Marie DUPONT <marie.dupont@medecin.mssante.fr>");
    expect(delivered[0]!.headers).not.toMatch(/Médecine|Lyon|—/);
  });

  it("Collected Addresses keep the person's name, not the description", async () => {
    const found = await tb.call<{ name: string; email: string; remote: boolean }[]>("directoryQuery", { searchString: "marie.dupont@medecin.mssante.fr", includeLocal: true });
    const collected = found.filter((f) => !f.remote && f.email === "marie.dupont@medecin.mssante.fr");
    expect(collected.length).toBeGreaterThan(0);
    for (const c of collected) expect(c.name).toBe("Marie DUPONT");
  });
});
