// The end-to-end bench: one run directory holding a test PKI, a real Dovecot (IMAP STARTTLS + LMTP),
// a real SMTP submission server delivering into it, and the Thunderbird runs made against them.
// The directory is removed when everything passed and kept, with every log, when something failed.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { makeTestPki, type TestPki } from "./pki.ts";
import { startDovecot, type Dovecot, type MailUser } from "./dovecot.ts";
import { deliverLmtp, startSmtpRelay, type SmtpRelay } from "./smtp.ts";
import { launchThunderbird, type Thunderbird, type ThunderbirdOptions } from "./thunderbird.ts";
import { tail } from "./logs.ts";

export type { Thunderbird, MailUser };
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
export const TEST_ADDON_DIR = join(PROJECT_ROOT, "dist/test-addon");
export const ADDON_DIR = join(PROJECT_ROOT, "dist/addon");

export interface Testbed {
  dir: string;
  pki: TestPki;
  dovecot: Dovecot;
  smtp: SmtpRelay;
  users: MailUser[];
  progress(line: string): void;
  /** Delivers a raw message to a mailbox through LMTP, as a real MTA would. */
  deliver(to: string, raw: string | Buffer, from?: string): Promise<void>;
  /** Delivers an .eml fixture file. */
  deliverFile(to: string, emlPath: string, from?: string): Promise<void>;
  /** Settings Thunderbird needs to reach this bench as `user`. */
  accountOptions(user: MailUser, fullName: string): messengerAccountOptions;
  launch(opts?: Partial<ThunderbirdOptions>): Promise<Thunderbird>;
  /** Tails of every log, for failure messages. */
  logs(): string;
  stop(opts: { keep: boolean }): Promise<void>;
}

export interface messengerAccountOptions {
  email: string;
  fullName: string;
  username: string;
  password: string;
  imapHost: string;
  imapPort: number;
  smtpHost: string;
  smtpPort: number;
  socketType: number;
}

export async function startTestbed(name: string, users: MailUser[], opts: { quiet?: boolean } = {}): Promise<Testbed> {
  const t0 = Date.now();
  const progress = (line: string) => {
    if (!opts.quiet) process.stderr.write(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${name}: ${line}\n`);
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = join(PROJECT_ROOT, "test-results", "e2e", `${name}-${stamp}`);
  mkdirSync(dir, { recursive: true });
  const pki = makeTestPki(join(dir, "pki"));
  progress("PKI de test créée");
  const dovecot = await startDovecot({ dir: join(dir, "dovecot"), users, certFile: pki.serverChain, keyFile: pki.serverKey });
  progress(`Dovecot prêt (IMAP ${dovecot.imapPort}, LMTP ${dovecot.lmtpPort}, pid ${dovecot.pid})`);
  const smtp = await startSmtpRelay({
    users,
    certFile: pki.serverChain,
    keyFile: pki.serverKey,
    lmtpPort: dovecot.lmtpPort,
    logFile: join(dir, "smtp.log"),
  });
  progress(`SMTP prêt (port ${smtp.port})`);
  const runs: Thunderbird[] = [];
  let runCount = 0;
  const bed: Testbed = {
    dir,
    pki,
    dovecot,
    smtp,
    users,
    progress,
    async deliver(to, raw, from = "expediteur@bench.invalid") {
      await deliverLmtp(dovecot.lmtpPort, from, [to], raw);
    },
    async deliverFile(to, emlPath, from) {
      await bed.deliver(to, readFileSync(emlPath), from);
    },
    accountOptions(user, fullName) {
      return {
        email: user.address,
        fullName,
        username: user.address,
        password: user.password,
        imapHost: "127.0.0.1",
        imapPort: dovecot.imapPort,
        smtpHost: "127.0.0.1",
        smtpPort: smtp.port,
        socketType: 2, // STARTTLS, as MSSanté's client rules require
      };
    },
    async launch(o = {}) {
      const tb = await launchThunderbird({
        dir: join(dir, `thunderbird-${++runCount}`),
        addonDir: TEST_ADDON_DIR,
        trustedCas: [pki.caCert],
        progress,
        ...o,
      });
      runs.push(tb);
      return tb;
    },
    logs() {
      const parts = [
        `--- Dovecot (${dovecot.logFile}) ---\n${tail(dovecot.logFile, 15)}`,
        `--- SMTP (${smtp.logFile}) ---\n${tail(smtp.logFile, 10)}`,
        ...runs.map((r) => `--- Thunderbird (${r.logFile}) ---\n${tail(r.logFile, 30)}`),
      ];
      return parts.join("\n");
    },
    async stop({ keep }) {
      for (const r of runs) await r.quit().catch(() => {});
      await smtp.stop();
      await dovecot.stop();
      if (keep) progress(`journaux conservés dans ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
  return bed;
}
