// « Placer en premier mes correspondants habituels », end to end: two exact homonyms in the
// directory, the user writes twice to the one who sorts second (picked in Thunderbird's real
// compose autocomplete, sent through the SMTP relay, read back over IMAP); typing the shared name
// then lists her first. Switched off in the real options page, the directory order comes back;
// forgetting the counts keeps it so when switched on again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { extractionBytes, per, referenceRows } from "../fixtures/directory/extraction.ts";
import { deliveredTo, useTestbed } from "./support.ts";

const PAUL = { address: "paul.durand@medecin.mssante.fr", password: "mdp-paul" };
// Marie DUPONT of Lyon (in referenceRows) sorts first: same name, address "medecin" < "sage-femme".
const LYON = { address: "marie.dupont@medecin.mssante.fr", password: "mdp-marie-lyon" };
const NANTES = { address: "marie.dupont@sage-femme.mssante.fr", password: "mdp-marie-nantes" };
const testbed = useTestbed("directory-frequent", [PAUL, LYON, NANTES]);

let files: FileServer;
let tb: Thunderbird;
let identityId: string;
let paulAccount: string;

type Usual = { checked: boolean; status: string; forgetShown: boolean; pageError: string | null };

const first = async (q: string) => (await tb.call<string[]>("autocomplete", { searchString: q }))[0] ?? "";
/** The first suggestion once it holds `address` (the count is written after the send completes). */
async function firstBecomes(q: string, address: string): Promise<string> {
  let value = "";
  for (let i = 0; i < 30; i++) {
    value = await first(q);
    if (value.includes(`<${address}>`)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  return value;
}

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  const rows = [...referenceRows(), per("Dupont", "Marie", NANTES.address, { profession: "Sage-femme", city: "NANTES", postalCode: "44000" })];
  files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(extractionBytes(rows)), contentType: "text/plain; charset=utf-8" });
  tb = await bed.launch();
  await tb.call("configure", { directoryUrl: files.url("/Extraction_Correspondance_MSSante.txt"), whitelistMirrorUrl: "" });
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(PAUL, "Paul Durand"));
  identityId = (await tb.call<{ accountId: string; identityId: string }[]>("identities")).find((i) => i.accountId === accountId)!.identityId;
  paulAccount = accountId;
  expect(await tb.call<{ outcome: string }>("directoryRefresh")).toMatchObject({ outcome: "updated" });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("usual correspondents first", () => {
  it("a colleague written to twice comes before her exact homonym; off in the options, the order reverts", async () => {
    // The option is on by default, and nothing is counted yet: the directory's own order.
    const initially = await tb.call<Usual>("optionsUsual", {});
    expect(initially.checked).toBe(true);
    expect(initially.forgetShown).toBe(false);
    const before = await tb.call<string[]>("autocomplete", { searchString: "dupont marie" });
    expect(before[0]).toContain(`<${LYON.address}>`);
    const nantes = before.find((v) => v.includes(`<${NANTES.address}>`));
    expect(nantes, JSON.stringify(before)).toBeDefined();

    for (const subject of ["Suivi de grossesse 1", "Suivi de grossesse 2"]) {
      const picked = (await tb.call<string[]>("autocomplete", { searchString: "dupont marie" })).find((v) => v.includes(`<${NANTES.address}>`))!;
      const sent = await tb.call<{ sent?: unknown; error?: string }>("composeAndSend", { identityId, to: [picked], subject, answer: "send" });
      expect(sent.error).toBeUndefined();
    }
    const bed = testbed();
    const delivered = await deliveredTo(bed, NANTES, (m) => m.subject.startsWith("Suivi de grossesse"), 2);
    expect(delivered).toHaveLength(2);

    // Thunderbird's Collected Addresses now hold her too, and would list her on their own (the
    // directory then leaves her out, as every contact of the user's books): removed, so that what
    // is checked is the directory's order, as for a user who does not collect addresses.
    expect(await tb.call<number>("forgetContact", { email: NANTES.address })).toBeGreaterThan(0);
    expect(await firstBecomes("dupont marie", NANTES.address)).toContain(`<${NANTES.address}>`);
    expect(await first("marie dupont")).toContain(`<${NANTES.address}>`);
    const counted = await tb.call<Usual>("optionsUsual", {});
    // The bench's Thunderbird may run in English: either locale's sentence.
    expect(counted.status).toMatch(/^1 (correspondant\(s\) habituel\(s\)|usual correspondent\(s\)) .* 1 (adresse|address)/);
    expect(counted.forgetShown).toBe(true);

    // Off: the directory's order again, and the page offers to forget the counts.
    const off = await tb.call<Usual>("optionsUsual", { toggle: true });
    expect(off).toMatchObject({ checked: false, forgetShown: true, pageError: null });
    expect(off.status).toMatch(/^(Désactivé :|Off:) .* 1 (adresse|address)/);
    expect(await first("dupont marie")).toContain(`<${LYON.address}>`);

    // Forgotten, then on again: nothing left to lift her.
    const forgotten = await tb.call<Usual>("optionsUsual", { forget: true });
    expect(forgotten).toMatchObject({ forgetShown: false, pageError: null });
    expect(forgotten.status).toMatch(/(oubliés|forgotten)/);
    const on = await tb.call<Usual>("optionsUsual", { toggle: true });
    expect(on.checked).toBe(true);
    expect(await first("dupont marie")).toContain(`<${LYON.address}>`);
  });

  it("replying to all of someone's message does not make the colleagues they copied usual correspondents", async () => {
    // The sender of a message chooses its Cc: counted, two reply-alls would rank the homonym of
    // their choice first in this user's suggestions. Only whom the reply answers is counted.
    const bed = testbed();
    const author = "cabinet@cabinet-roux.mssante.fr";
    const subject = "Avis sur une patiente commune";
    const raw = [`From: Dr Paul Roux <${author}>`, `To: ${PAUL.address}`, `Cc: Marie DUPONT <${NANTES.address}>`, `Subject: ${subject}`, "Message-ID: <avis-1@cabinet-roux.mssante.fr>", "Date: Mon, 30 Nov 2026 09:00:00 +0100", "", "Votre avis ?", ""].join("\r\n");
    await bed.deliver(PAUL.address, raw);
    for (let n = 0; n < 2; n++) {
      const reply = await tb.call<{ to: string[]; cc: string[]; sent?: unknown; error?: string }>("replyAllAndSend", { accountId: paulAccount, subject }, 90000);
      expect(reply.error).toBeUndefined();
      // A real reply-all: the author in To, the copied colleague in Cc.
      expect(JSON.stringify(reply.to)).toContain(author);
      expect(JSON.stringify(reply.cc)).toContain(NANTES.address);
    }
    // Both replies were delivered to her: she was written to twice.
    const delivered = await deliveredTo(bed, NANTES, (m) => m.subject.endsWith(subject), 2);
    expect(delivered).toHaveLength(2);
    // The author is counted (once the sends are recorded), she is not: the directory's order stays.
    let status = "";
    for (let i = 0; i < 30 && !/ 1 (adresse|address)/.test(status); i++) {
      status = (await tb.call<Usual>("optionsUsual", {})).status;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toMatch(/^1 (correspondant\(s\) habituel\(s\)|usual correspondent\(s\)) .* 1 (adresse|address)/);
    await tb.call<number>("forgetContact", { email: NANTES.address });
    expect(await first("dupont marie")).toContain(`<${LYON.address}>`);
  });
});
