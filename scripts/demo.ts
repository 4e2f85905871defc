// Demo: local MSSanté-like servers (Dovecot IMAP STARTTLS + SMTP) holding sample mail, and
// Thunderbird with the add-on on a throw-away profile connected to them. With a display,
// Thunderbird opens and the servers run until you close it; without one, the same setup runs
// headless, checks that the add-on loaded and read the mailbox, and says so.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT } from "./testbed/index.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "demo" };
const FIXTURES = join(PROJECT_ROOT, "test/e2e/fixtures/mail");
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

const bed = await startTestbed("demo", [GP]);
let ok = false;
const stop = async () => {
  await bed.stop({ keep: !ok });
};
process.once("SIGINT", () => void stop().then(() => process.exit(130)));
try {
  for (const f of readdirSync(FIXTURES).sort()) await bed.deliverFile(GP.address, join(FIXTURES, f));
  const tb = await bed.launch({ headless: !hasDisplay });
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  const inbox = await tb.call<{ subject: string; author: string }[]>("waitForInbox", { accountId, atLeast: 1, timeoutMs: 30000 });
  console.log(`\nCompte de démonstration ${GP.address} (mot de passe « ${GP.password} ») : ${inbox.length} messages dans la boîte de réception`);
  for (const m of inbox) console.log(`  • ${m.author} — ${m.subject}`);
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
