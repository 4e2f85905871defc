// The national directory in a real Thunderbird: the extraction served over local HTTPS is imported
// by the add-on, the address book answers addressBooks.contacts.query and the compose window's
// autocomplete, the user's own contacts keep precedence, and a corrupt refresh keeps the old data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { extractionBytes, per, referenceRows } from "../fixtures/directory/extraction.ts";
import { useTestbed } from "./support.ts";

const GP = { address: "secretariat@medecin.mssante.fr", password: "mdp" };
const testbed = useTestbed("directory", [GP]);

// The reference population plus enough synthetic rows to look like a real file.
const rows = [...referenceRows(), ...Array.from({ length: 300 }, (_, i) => per(`Synthèse${i}`, "Paul", `paul.synthese${i}@medecin.mssante.fr`, { city: "NANTES", postalCode: "44000" }))];
const EXTRACTION = extractionBytes(rows);

let files: FileServer;
let tb: Thunderbird;

type Found = { name: string; email: string; remote: boolean };
const emails = (found: Found[]) => found.map((f) => f.email);

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(EXTRACTION), contentType: "text/plain; charset=utf-8" });
  tb = await bed.launch();
  await tb.call("configure", { directoryUrl: files.url("/Extraction_Correspondance_MSSante.txt"), whitelistMirrorUrl: "" });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("national directory in Thunderbird", () => {
  it("imports the extraction served over HTTPS", async () => {
    const status = await tb.call<{ outcome: string; manifest: { entries: number; rows: { read: number } } }>("directoryRefresh");
    expect(status.outcome).toBe("updated");
    expect(status.manifest.rows.read).toBe(rows.length);
    expect(status.manifest.entries).toBe(rows.length);
  });

  it.each([
    ["dup mar lyon", "marie.dupont@medecin.mssante.fr"],
    ["le gall", "jean-francois.le-gall@medecin.mssante.fr"],
    ["legall", "jean-francois.le-gall@medecin.mssante.fr"],
    ["helene", "helene.martin@infirmier.mssante.fr"],
    ["kiné saint-étienne", "zoe.martinez@masseur-kinesitherapeute.mssante.fr"],
    ["martin-dupont", "anne.martin-dupont@sage-femme.mssante.fr"],
  ])("addressBooks.contacts.query(%j) finds the right colleague first", async (q, expected) => {
    const found = await tb.call<Found[]>("directoryQuery", { searchString: q, includeLocal: false });
    expect(found[0]?.email).toBe(expected);
    expect(found[0]?.remote).toBe(true);
  });

  it("each suggestion shows enough to tell homonyms apart", async () => {
    const found = await tb.call<Found[]>("directoryQuery", { searchString: "dupont", includeLocal: false });
    const marie = found.find((f) => f.email === "marie.dupont@medecin.mssante.fr")!;
    const jean = found.find((f) => f.email === "jean.dupont@medecin.mssante.fr")!;
    expect(marie.name).toMatch(/Marie DUPONT — Médecine générale \(Lyon/);
    expect(jean.name).toMatch(/Jean DUPONT — Cardiologie.*\(Paris/);
    const cabinet = found.find((f) => f.email === "dupont@cabinet-dupont.mssante.fr")!;
    expect(cabinet.name).toMatch(/CABINET DUPONT/);
  });

  it("the compose window's autocomplete offers directory entries", async () => {
    const values = await tb.call<string[]>("autocomplete", { searchString: "dup mar" });
    expect(values[0]).toMatch(/Marie DUPONT.*<marie\.dupont@medecin\.mssante\.fr>$/);
  });

  it("the user's own contact keeps precedence and is not duplicated", async () => {
    await tb.call("addContact", { name: "Marie Dupont (ma généraliste)", email: "marie.dupont@medecin.mssante.fr" });
    const remoteOnly = await tb.call<Found[]>("directoryQuery", { searchString: "dupont", includeLocal: false });
    expect(emails(remoteOnly)).not.toContain("marie.dupont@medecin.mssante.fr");
    expect(emails(remoteOnly)).toContain("jean.dupont@medecin.mssante.fr");
    const values = await tb.call<string[]>("autocomplete", { searchString: "dupont" });
    expect(values.filter((v) => v.includes("marie.dupont@medecin.mssante.fr"))).toEqual(["Marie Dupont (ma généraliste) <marie.dupont@medecin.mssante.fr>"]);
    expect(values[0]).toContain("ma généraliste");
  });

  it("a corrupt or truncated refresh keeps the previous directory", async () => {
    files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(EXTRACTION.subarray(0, 200)), contentType: "text/plain" });
    let status = await tb.call<{ outcome: string; error?: { key: string }; manifest: { entries: number } }>("directoryRefresh");
    expect(status.outcome).toBe("failed");
    expect(status.error?.key).toBe("dirErrorRejected");
    expect(status.manifest.entries).toBe(rows.length);

    files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(Array.from({ length: 50000 }, (_, i) => (i * 131) % 256)) });
    status = await tb.call("directoryRefresh");
    expect(status).toMatchObject({ outcome: "failed", error: { key: "dirErrorRejected" } });

    files.set("/Extraction_Correspondance_MSSante.txt", { body: "trop de requêtes", status: 429 });
    status = await tb.call("directoryRefresh");
    expect(status).toMatchObject({ outcome: "failed", error: { key: "dirErrorTooMany" } });

    const found = await tb.call<Found[]>("directoryQuery", { searchString: "helene", includeLocal: false });
    expect(found[0]?.email).toBe("helene.martin@infirmier.mssante.fr");
  });
});
