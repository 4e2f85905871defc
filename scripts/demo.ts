// Demo: local MSSanté-like servers (Dovecot IMAP STARTTLS + SMTP) holding sample mail, a local
// HTTPS server publishing a sample white list and directory extraction, and Thunderbird with the
// add-on on a throw-away profile connected to them. With a display, Thunderbird opens and the
// servers run until you close it; without one, the same setup runs headless, checks that the add-on
// loaded, read the mailbox, tagged it and answers directory searches, and says so.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT } from "./testbed/index.ts";
import { startFileServer } from "./testbed/https-files.ts";
import { extractionBytes, referenceRows } from "../test/fixtures/directory/extraction.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "demo" };
const MAIL = [join(PROJECT_ROOT, "test/e2e/fixtures/mail"), join(PROJECT_ROOT, "test/fixtures/trust/messages")];
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const bed = await startTestbed("demo", [GP]);
const files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
let ok = false;
const stop = async () => {
  await files.close();
  await bed.stop({ keep: !ok });
};
process.once("SIGINT", () => void stop().then(() => process.exit(130)));
try {
  for (const dir of MAIL) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".eml")).sort()) await bed.deliverFile(GP.address, join(dir, f));
  }
  files.set("/liste.xml", { body: readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml")), contentType: "application/xml" });
  files.set("/annuaire.txt", { body: Buffer.from(extractionBytes(referenceRows())), contentType: "text/plain; charset=utf-8" });

  // In French, as the users are (thunderbird-l10n-fr).
  const tb = await bed.launch({ headless: !hasDisplay, prefs: { "intl.locale.requested": "fr" } });
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "", directoryUrl: files.url("/annuaire.txt") });
  await tb.call("refreshWhitelist");
  await tb.call("directoryRefresh");
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("configure", { mssanteAccounts: [accountId] });
  const inbox = await tb.call<{ subject: string; author: string }[]>("waitForInbox", { accountId, atLeast: 8, timeoutMs: 60000 });
  console.log(`\nCompte de démonstration ${GP.address} (mot de passe « ${GP.password} ») : ${inbox.length} messages`);
  // Give the add-on a moment to tag what just arrived, then show what Thunderbird displays.
  await new Promise((r) => setTimeout(r, 3000));
  for (const m of await tb.call<{ subject: string; author: string; tags: string[] }[]>("inboxTags", { accountId })) {
    console.log(`  • ${m.author} — ${m.subject}${m.tags.length ? `   [${m.tags.join(", ")}]` : ""}`);
  }
  const found = await tb.call<{ name: string; email: string }[]>("directoryQuery", { searchString: "dup", includeLocal: false });
  console.log(`\nAnnuaire : « dup » propose ${found.length} adresses, dont :`);
  for (const f of found.slice(0, 3)) console.log(`  • ${f.name} <${f.email}>`);
  if (hasDisplay) {
    console.log("\nThunderbird est ouvert avec le module MSSanté. Fermez Thunderbird pour arrêter la démonstration.");
    await tb.exited;
  } else {
    console.log(
      "\nAucun affichage graphique (ni DISPLAY ni WAYLAND_DISPLAY) : Thunderbird a tourné en mode headless," +
        "\nle module a été construit, chargé et vérifié ci-dessus. Lancez `npm run demo` dans une session graphique" +
        "\npour ouvrir Thunderbird.",
    );
    await tb.quit();
  }
  ok = true;
} catch (err) {
  console.error(`\nLa démonstration a échoué : ${(err as Error).message}\n${bed.logs()}`);
  process.exitCode = 1;
} finally {
  await stop();
}
