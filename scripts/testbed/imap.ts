// Reads what arrived in a bench mailbox over IMAP (STARTTLS to the bench's Dovecot), as a mail
// client would: the test checks the delivered headers, not what Thunderbird believes it sent.
import { readFileSync } from "node:fs";
import { ImapFlow } from "imapflow";

export interface Delivered {
  uid: number;
  subject: string;
  /** The raw header block, unfolded lines kept as received. */
  headers: string;
  /** IMAP flags and keywords the server holds (Thunderbird's tags are keywords). */
  flags: string[];
}

export async function readInbox(opts: { port: number; user: string; password: string; caFile: string }): Promise<Delivered[]> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: opts.port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca: [readFileSync(opts.caFile)] },
    auth: { user: opts.user, pass: opts.password },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const out: Delivered[] = [];
      for await (const m of client.fetch("1:*", { uid: true, envelope: true, headers: true, flags: true })) {
        out.push({ uid: m.uid, subject: m.envelope?.subject ?? "", headers: m.headers?.toString("utf8") ?? "", flags: [...(m.flags ?? [])] });
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
