// The bench itself, end to end: the add-on inside a real headless Thunderbird reads an IMAP account
// on a real Dovecot over STARTTLS; failures inside Thunderbird fail fast, with the logs.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/testbed/index.ts";
import { useTestbed } from "./support.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mot-de-passe-de-test" };
const FIXTURES = join(PROJECT_ROOT, "test/e2e/fixtures/mail");

const testbed = useTestbed("foundation", [GP], async (bed) => {
  for (const f of readdirSync(FIXTURES).sort()) await bed.deliverFile(GP.address, join(FIXTURES, f));
});

describe("Thunderbird headless + add-on + Dovecot", () => {
  it("the add-on lists the INBOX of an IMAP account synced over STARTTLS", async () => {
    const bed = testbed();
    const tb = await bed.launch();
    const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
    const t0 = Date.now();
    const messages = await tb.call<{ subject: string; author: string }[]>(
      "waitForInbox",
      { accountId, atLeast: 2, timeoutMs: 45000 },
      60000,
    );
    bed.progress(`INBOX synchronisée en ${Date.now() - t0} ms`);
    expect(messages.map((m) => m.author).sort()).toEqual([
      "Assistance MSSanté <support@secu-messagerie.example>",
      "Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>",
    ]);
    expect(messages.map((m) => m.subject)).toContain("Compte rendu d'hospitalisation — M. Lefèvre");
    await tb.quit();
    bed.progress(`pic mémoire de Thunderbird : ${tb.peakPssMiB()} Mio (PSS)`);
    // The session really was encrypted: Dovecot logs the TLS login.
    expect(readFileSync(bed.dovecot.logFile, "utf8")).toMatch(/imap-login: Info: Login: user=<jean\.dupont@medecin\.mssante\.fr>.*TLS/);
  });

  it("an untrusted server certificate fails the run quickly, with Thunderbird's log", async () => {
    const bed = testbed();
    const tb = await bed.launch({ trustedCas: [] });
    const t0 = Date.now();
    // The account's first connection (folder discovery, then the INBOX) meets the certificate:
    // whichever call is pending then fails at once.
    const err = await tb
      .call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"))
      .then(({ accountId }) => tb.call("waitForInbox", { accountId, atLeast: 1, timeoutMs: 45000 }, 60000))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toMatch(/SEC_ERROR_UNKNOWN_ISSUER|MOZILLA_PKIX_ERROR|SSL_ERROR/);
    expect(err?.message).toContain("journal de Thunderbird");
    expect(Date.now() - t0).toBeLessThan(40000);
    await tb.quit();
  });

  it("an error raised inside the add-on reaches the test with its message", async () => {
    const tb = await testbed().launch();
    await expect(tb.call("fail", { message: "échec volontaire dans le module" })).rejects.toThrow(
      /échec volontaire dans le module[\s\S]*journal de Thunderbird/,
    );
    await tb.call("crashLater", { message: "erreur non rattrapée volontaire" });
    // The uncaught error aborts every later call at once.
    await expect(tb.call("waitForInbox", { accountId: "account-inexistant", atLeast: 1, timeoutMs: 30000 })).rejects.toThrow(
      /erreur non rattrapée volontaire/,
    );
    await tb.quit();
  });
});
