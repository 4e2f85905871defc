// A real SMTP submission server on 127.0.0.1 (smtp-server, STARTTLS, AUTH PLAIN/LOGIN) that
// delivers every accepted message into Dovecot over LMTP, so that sent mail is readable over IMAP.
import { SMTPServer } from "smtp-server";
import nodemailer from "nodemailer";
import { appendFileSync, readFileSync } from "node:fs";
import { freePort } from "./net.ts";
import type { MailUser } from "./dovecot.ts";

export interface SmtpRelay {
  port: number;
  logFile: string;
  /** Raw messages accepted, in order: what Thunderbird really sent. */
  received: { from: string; to: string[]; raw: string }[];
  stop(): Promise<void>;
}

/** Delivers one raw message to local mailboxes through Dovecot's LMTP listener. */
export async function deliverLmtp(lmtpPort: number, from: string, to: string[], raw: string | Buffer): Promise<void> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: lmtpPort, lmtp: true, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from, to }, raw });
    if (info.rejected.length > 0) throw new Error(`LMTP a refusé ${info.rejected.join(", ")}`);
  } finally {
    transport.close();
  }
}

export async function startSmtpRelay(opts: {
  users: MailUser[];
  certFile: string;
  keyFile: string;
  lmtpPort: number;
  logFile: string;
  /** Also accept AUTH XOAUTH2: returns the subject of an active token, else undefined. */
  oauth2?: { introspect(token: string): Promise<string | undefined> };
}): Promise<SmtpRelay> {
  const port = await freePort();
  const log = (line: string) => appendFileSync(opts.logFile, `${new Date().toISOString()} ${line}\n`);
  const received: SmtpRelay["received"] = [];
  const server = new SMTPServer({
    secure: false,
    key: readFileSync(opts.keyFile),
    cert: readFileSync(opts.certFile),
    minVersion: "TLSv1.2",
    authMethods: opts.oauth2 ? ["PLAIN", "LOGIN", "XOAUTH2"] : ["PLAIN", "LOGIN"],
    // Credentials only after STARTTLS, as a real submission server would require.
    allowInsecureAuth: false,
    banner: "MSSanté testbed submission",
    size: 30 * 1024 * 1024,
    logger: false,
    onConnect(session, cb) {
      log(`connect ${session.remoteAddress}`);
      cb();
    },
    onAuth(auth, session, cb) {
      if (auth.method === "XOAUTH2" && opts.oauth2) {
        opts.oauth2.introspect(auth.accessToken ?? "").then(
          (sub) => {
            const ok = sub !== undefined && sub === auth.username;
            log(`auth XOAUTH2 ${auth.username} tls=${Boolean(session.secure)} ${ok ? "ok" : "refused"}`);
            if (ok) cb(null, { user: auth.username });
            else cb(null, { data: { status: "401", schemes: "bearer", scope: "mail" } });
          },
          (err: Error) => cb(err),
        );
        return;
      }
      const user = opts.users.find((u) => u.address === auth.username && u.password === auth.password);
      log(`auth ${auth.method} ${auth.username} tls=${Boolean(session.secure)} ${user ? "ok" : "refused"}`);
      if (!user) return cb(new Error("Identifiants refusés"));
      cb(null, { user: user.address });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        log(`data from=${from} to=${to.join(",")} bytes=${raw.length} user=${String(session.user)}`);
        received.push({ from, to, raw: raw.toString("utf8") });
        const local = to.filter((a) => opts.users.some((u) => u.address === a));
        if (local.length === 0) return cb();
        deliverLmtp(opts.lmtpPort, from, local, raw).then(
          () => cb(),
          (err: Error) => {
            log(`lmtp error ${err.message}`);
            cb(err);
          },
        );
      });
    },
  });
  server.on("error", (err) => log(`error ${err.message}`));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  log(`listening 127.0.0.1:${port}`);
  return {
    port,
    logFile: opts.logFile,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
