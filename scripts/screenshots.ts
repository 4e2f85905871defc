// `npm run screenshots`: the demo, in French, in a real window under Xvfb, and a PNG of each screen
// a user meets (message list with tags, the popup at each level, a signed and an altered message,
// compose autocomplete, the compose warning, sending health documents, the wizard, the options page) in
// test-results/screenshots/. Look at them before calling a UI change done.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT } from "./testbed/index.ts";
import { startFileServer } from "./testbed/https-files.ts";
import { extractionBytes, referenceRows } from "../test/fixtures/directory/extraction.ts";
import { JEANNE, makeEml, makeXdm, xdmSubject } from "../test/fixtures/xdm/make-xdm.ts";

const OUT = join(PROJECT_ROOT, "test-results/screenshots");
const GP = { address: "jean.dupont@medecin.mssante.fr", password: "demo" };
const PKI = join(PROJECT_ROOT, "test/fixtures/pki");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const tool of ["Xvfb", "openbox", "import"]) {
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
  } catch {
    console.error(`${tool} est introuvable : lancez « bash scripts/install-system-deps.sh » (paquets xvfb, openbox, imagemagick).`);
    process.exit(1);
  }
}

// A display number nobody uses.
let display = 90;
while (existsSync(`/tmp/.X11-unix/X${display}`) || existsSync(`/tmp/.X${display}-lock`)) display++;
const DISPLAY = `:${display}`;
const children: ChildProcess[] = [];
children.push(spawn("Xvfb", [DISPLAY, "-screen", "0", "1400x900x24", "-nolisten", "tcp"], { stdio: "ignore" }));
for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await sleep(100);
process.env.DISPLAY = DISPLAY;
children.push(spawn("openbox", [], { stdio: "ignore", env: { ...process.env, DISPLAY } }));

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const shot = async (name: string) => {
  await sleep(1200);
  execFileSync("import", ["-display", DISPLAY, "-window", "root", join(OUT, `${name}.png`)]);
  console.log(`  ${name}.png`);
};

const bed = await startTestbed("screenshots", [GP], { quiet: true });
const files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
let failed = false;
try {
  const mail = [join(PROJECT_ROOT, "test/e2e/fixtures/mail"), join(PROJECT_ROOT, "test/fixtures/trust/messages")];
  for (const dir of mail) for (const f of readdirSync(dir).filter((f) => f.endsWith(".eml")).sort()) await bed.deliverFile(GP.address, join(dir, f));
  const signed: Record<string, string> = { "good-rsa-detached.eml": "Compte rendu signé", "altered.eml": "Compte rendu modifié après signature" };
  for (const [file, subject] of Object.entries(signed)) {
    const raw = readFileSync(join(PKI, "mail", file), "utf8").replace(/^Subject: .*$/m, `Subject: ${subject}`).replace(/^Message-I[Dd]: <([^>]*)>/m, `Message-ID: <${file}-$1>`);
    await bed.deliver(GP.address, raw);
  }
  // A laboratory's result with its health documents (IHE_XDM.ZIP), from a listed domain.
  const xdm = Buffer.from(makeEml({ subject: xdmSubject("CR de biologie") })).toString("latin1").replace("labo@labo.mssante.fr", "labo@chu-lyon.mssante.fr");
  await bed.deliver(GP.address, Buffer.from(xdm, "latin1"));
  files.set("/liste.xml", { body: readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml")), contentType: "application/xml" });
  files.set("/annuaire.txt", { body: Buffer.from(extractionBytes(referenceRows())), contentType: "text/plain; charset=utf-8" });

  // French UI (thunderbird-l10n-fr), table view in the wide layout so that the list has room.
  const tb = await bed.launch({ headless: false, prefs: { "intl.locale.requested": "fr", "mail.threadpane.listview": 1, "mail.pane_config.dynamic": 1 } });
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "", directoryUrl: files.url("/annuaire.txt") });
  await tb.call("refreshWhitelist");
  await tb.call("directoryRefresh");
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("configure", { mssanteAccounts: [accountId] });
  await tb.call("waitForInbox", { accountId, atLeast: 11, timeoutMs: 60000 });
  await tb.call("setAnchors", { pems: [readFileSync(join(PKI, "ca/racine.pem"), "utf8")] });
  await tb.call("seedCrl", { url: "http://igc-sante.test/CRL/ACI-EL-PER-TEST.crl", der: readFileSync(join(PKI, "crl/personnes.crl")).toString("base64") });
  // The demo's servers have a test CA, not IGC-Santé: their check is passed so that levels show.
  await tb.call("seedServerCheck", { accountId });
  await tb.call("scan");
  console.log(`Captures d'écran dans ${OUT} :`);

  const popups: [string, string][] = [
    ["02-popup-ok-professionnel", "Compte rendu de consultation — Mme Léa Roux"],
    ["03-popup-ok-usager", "Question sur mon traitement"],
    ["04-popup-avertissement-exterieur", "Votre boite va expirer"],
    ["05-popup-danger-usurpation", "Resultats urgents"],
    ["06-popup-signe-valide", "Compte rendu signé"],
    ["07-popup-signe-modifie", "Compte rendu modifié après signature"],
    ["07b-popup-documents-de-sante", xdmSubject("CR de biologie")],
  ];
  for (const [name, subject] of popups) {
    await tb.call("popupOf", { accountId, subject, keepOpen: true });
    if (name === popups[0]![0]) {
      await tb.call("closePopups");
      await shot("01-liste-des-messages");
      // Thunderbird 153's default card view: a tag is only a small coloured icon there.
      await tb.call("setIntPref", { name: "mail.threadpane.listview", value: 0 });
      await shot("01b-liste-vue-cartes");
      await tb.call("setIntPref", { name: "mail.threadpane.listview", value: 1 });
      await tb.call("popupOf", { accountId, subject, keepOpen: true });
    }
    await shot(name);
    await tb.call("closePopups");
  }

  const ids = await tb.call<{ accountId: string; identityId: string }[]>("identities");
  const identityId = ids.find((i) => i.accountId === accountId)!.identityId;
  const typed = await tb.call<{ composeTabId: number; rows: string[] }>("composeTypeTo", { identityId, text: "dup" });
  await shot("07c-autocompletion-annuaire");
  await tb.call("closeTab", { tabId: typed.composeTabId });
  const warning = await tb.call<{ id: string; composeTabId: number }>("composeWarningOpen", { identityId, to: ["Inconnu <inconnu@evil.example>"], subject: "Envoi hors espace" });
  await shot("08-avertissement-envoi");
  await tb.call("composeWarningAnswer", warning);
  // Sending health documents: to a colleague and the patient, « pas de réponse » ticked; then an
  // archive that does not read.
  const zip = (bytes: Uint8Array) => [{ name: "IHE_XDM.ZIP", base64: Buffer.from(bytes).toString("base64") }];
  const docs = await tb.call<{ id: string; composeTabId: number }>("composeXdmOpen", {
    identityId,
    to: ["marie.martin@chu-lyon.mssante.fr", `Jeanne DUPONT <${JEANNE.ins}@patient.mssante.fr>`],
    subject: xdmSubject("CR d'examens biologiques"),
    attachments: zip(makeXdm()),
    noReply: true,
  });
  await shot("08b-envoi-documents-de-sante");
  await tb.call("composeXdmCancel", docs);
  const bad = await tb.call<{ id: string; composeTabId: number }>("composeXdmOpen", {
    identityId,
    to: ["marie.martin@chu-lyon.mssante.fr"],
    subject: xdmSubject("CR d'examens biologiques"),
    attachments: zip(new TextEncoder().encode("pas une archive")),
  });
  await shot("08c-envoi-documents-illisibles");
  await tb.call("composeXdmCancel", bad);

  await tb.call("openOptions");
  await shot("09-options");
  await tb.call("openOptionsAt", { anchor: "tag-legend" });
  await shot("09b-options-etiquettes");
  // A finished pass in which some messages could not be read (the server timed out): its line.
  const scanBefore = await tb.call("scanStatePut", {
    state: { running: false, startedAt: "2026-12-01T08:00:00.000Z", finishedAt: "2026-12-01T08:01:10.000Z", foldersDone: ["INBOX"], foldersTotal: 1, examined: 10000, classified: 9961, tagged: 8300, unread: 39, waitingForList: false },
  });
  await tb.call("openOptionsAt", { anchor: "scan" });
  await shot("09c-options-analyse-messages-non-lus");
  await tb.call("scanStatePut", { state: scanBefore });
  await tb.call("accountOpenWizard").catch(() => undefined);
  await shot("10-assistant-compte");
  await tb.quit();
} catch (err) {
  failed = true;
  console.error(`Les captures ont échoué : ${(err as Error).message}\n${bed.logs()}`);
} finally {
  await files.close();
  await bed.stop({ keep: failed });
  for (const c of children.reverse()) c.kill();
}
process.exitCode = failed ? 1 : 0;
