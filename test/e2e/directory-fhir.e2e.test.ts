// The directory's optional live source in a real Thunderbird: the Annuaire Santé FHIR API, played by
// a local HTTPS mock. Off by default (nothing reaches the API); on with the right key, an entry the
// extraction lacks (an APP mailbox) comes after the local results, listeRouge mailboxes and
// addresses already shown left out; a late answer does not hold the local one back; with a refused
// key the local results still come, and the options page says the key was refused.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { startFhirServer, type FhirMock, type FhirResource } from "../../scripts/testbed/fhir-server.ts";
import { extractionBytes, per, referenceRows } from "../fixtures/directory/extraction.ts";
import { useTestbed } from "./support.ts";

const GP = { address: "secretariat@medecin.mssante.fr", password: "mdp" };
const testbed = useTestbed("directory-fhir", [GP]);

const API_KEY = "cle-de-test-0123456789";
const rows = [...referenceRows(), ...Array.from({ length: 300 }, (_, i) => per(`Synthèse${i}`, "Paul", `paul.synthese${i}@medecin.mssante.fr`, { city: "NANTES", postalCode: "44000" }))];

const META = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
const mailbox = (email: string, type: string, more: { listeRouge?: boolean; description?: string } = {}) => ({
  system: "email",
  value: email,
  extension: [
    {
      url: META,
      extension: [
        { url: "type", valueCodeableConcept: { coding: [{ system: "https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL", code: type }] } },
        ...(more.description ? [{ url: "description", valueString: more.description }] : []),
        { url: "listeRouge", valueBoolean: more.listeRouge ?? false },
      ],
    },
  ],
});

const LIVE_ONLY = "dpi@ch-dupont-lyon.mssante.fr";
const RESOURCES: FhirResource[] = [
  // Also in the extraction: must not show twice.
  {
    resourceType: "Practitioner",
    id: "810001234567",
    identifier: [{ system: "urn:oid:1.2.250.1.71.4.2.1", value: "810001234567" }],
    name: [{ use: "official", family: "DUPONT", given: ["Marie"], prefix: ["DR"] }],
    telecom: [mailbox("marie.dupont@medecin.mssante.fr", "PER")],
  },
  {
    resourceType: "PractitionerRole",
    id: "role-1",
    practitioner: { reference: "Practitioner/810001234567" },
    organization: { reference: "Organization/cab-lilas" },
    code: [{ coding: [{ system: "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante", code: "10", display: "Médecin" }] }],
    specialty: [{ coding: [{ system: "https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale", code: "SM54", display: "Médecine Générale" }] }],
  },
  { resourceType: "Organization", id: "cab-lilas", name: "CABINET DES LILAS", address: [{ city: "LYON", postalCode: "69003" }] },
  // Not in the extraction (no APP mailbox there): what the live source is for.
  {
    resourceType: "Organization",
    id: "ch-dupont",
    name: "CENTRE HOSPITALIER DUPONT",
    address: [{ use: "work", line: ["1 PLACE DE L'HOPITAL"], city: "LYON", postalCode: "69008" }],
    telecom: [mailbox(LIVE_ONLY, "APP", { description: "Logiciel DPI" }), mailbox("direction@ch-dupont-lyon.mssante.fr", "ORG", { listeRouge: true })],
  },
];

let files: FileServer;
let fhir: FhirMock;
let tb: Thunderbird;

type Found = { name: string; email: string; remote: boolean };
const query = async (searchString: string) => (await tb.call<Found[]>("directoryQuery", { searchString, includeLocal: false })).map((f) => f.email);

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/Extraction_Correspondance_MSSante.txt", { body: Buffer.from(extractionBytes(rows)), contentType: "text/plain; charset=utf-8" });
  fhir = await startFhirServer({ certFile: bed.pki.serverChain, keyFile: bed.pki.serverKey, apiKey: API_KEY, resources: RESOURCES });
  tb = await bed.launch();
  // Only the API's URL is set: on/off and the key stay at their defaults (off, none).
  await tb.call("configure", { directoryUrl: files.url("/Extraction_Correspondance_MSSante.txt"), whitelistMirrorUrl: "", directoryApiUrl: fhir.baseUrl });
  const status = await tb.call<{ outcome: string }>("directoryRefresh");
  expect(status.outcome).toBe("updated");
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
  await fhir?.close();
});

describe("directory live source (Annuaire Santé FHIR API)", () => {
  let localOnly: string[] = [];

  it("is off by default: local results only, no request leaves Thunderbird", async () => {
    localOnly = await query("dupont lyon");
    expect(localOnly[0]).toBe("marie.dupont@medecin.mssante.fr");
    expect(localOnly).toContain("dupont@cabinet-dupont.mssante.fr");
    expect(localOnly).not.toContain(LIVE_ONLY);
    expect(await query("dpi")).toEqual([]);
    expect(fhir.requests).toEqual([]);
    expect(await tb.call<string>("directoryOptionsLiveStatus")).toMatch(/Aucune clé|No API key/);
  });

  it("on with the right key: the live-only entry comes after the local ones, nothing twice", async () => {
    await tb.call("configure", { directoryLiveEnabled: true, directoryApiKey: API_KEY });
    const found = await tb.call<Found[]>("directoryQuery", { searchString: "dupont lyon", includeLocal: false });
    expect(found.map((f) => f.email)).toEqual([...localOnly, LIVE_ONLY]);
    const live = found.find((f) => f.email === LIVE_ONLY)!;
    // The kind of mailbox in the user's language (vcardMailboxAPP).
    expect(live.name).toMatch(/Logiciel DPI.*Lyon.*CENTRE HOSPITALIER DUPONT.*\[(boîte applicative|applicative mailbox)\]/);
    expect(found.map((f) => f.email)).not.toContain("direction@ch-dupont-lyon.mssante.fr");

    expect(fhir.requests.length).toBeGreaterThan(0);
    expect(fhir.requests.every((r) => r.authorized && r.status === 200)).toBe(true);
    expect(fhir.requests.map((r) => r.resource)).toEqual(expect.arrayContaining(["Practitioner", "Organization"]));
    expect(await tb.call<string>("directoryOptionsLiveStatus")).toMatch(/Dernière recherche en ligne|Last online search/);
  });

  it("a late live answer is left out: the local answer waits 1.5 s at most", async () => {
    fhir.setDelay(3000);
    const t0 = Date.now();
    expect(await query("centre hospitalier dupont")).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2800);
    // The late answer is kept for the next time the same search is typed.
    await new Promise((r) => setTimeout(r, 3500));
    fhir.setDelay(0);
    const sent = fhir.requests.length;
    expect(await query("centre hospitalier dupont")).toEqual([LIVE_ONLY]);
    expect(fhir.requests.length).toBe(sent);
  });

  it("with a refused key: local results still come, the options page says the key was refused", async () => {
    const before = fhir.requests.length;
    await tb.call("configure", { directoryApiKey: "mauvaise-cle" });
    expect(await query("dupont lyon")).toEqual(localOnly);
    const sent = fhir.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => !r.authorized && r.status === 401)).toBe(true);
    expect(await tb.call<string>("directoryOptionsLiveStatus")).toMatch(/Clé API refusée|API key refused/);
    // Said without the key: neither the right one nor the refused one is in Thunderbird's output.
    const log = readFileSync(tb.logFile, "utf8");
    expect(log).toMatch(/annuaire en ligne : .*API refus.*\(HTTP 401\)/);
    expect(log).not.toContain(API_KEY);
    expect(log).not.toContain("mauvaise-cle");
  });
});
