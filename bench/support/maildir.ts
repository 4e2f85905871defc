// Fills a bench user's Maildir straight on disk (as Dovecot would have), so that a mailbox of
// thousands of messages exists before Thunderbird first connects.
import { chownSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Testbed } from "../../scripts/testbed/index.ts";

/** Writes `count` messages, cycling through `samples`, each with a unique Message-ID and subject. */
export function fillMaildir(bed: Testbed, address: string, count: number, samples: string[]): void {
  const maildir = join(bed.dir, "dovecot/mail", address, "Maildir");
  const uid = Number(execFileSync("id", ["-u", "nobody"]).toString());
  const gid = Number(execFileSync("id", ["-g", "nobody"]).toString());
  for (const sub of ["", "cur", "new", "tmp"]) {
    mkdirSync(join(maildir, sub), { recursive: true });
    chownSync(join(maildir, sub), uid, gid);
  }
  chownSync(join(bed.dir, "dovecot/mail", address), uid, gid);
  for (let i = 0; i < count; i++) {
    const raw = samples[i % samples.length]!.replace(/Message-ID: <([^>]+)>/, `Message-ID: <bench-${i}-$1>`).replace(/^Subject: (.*)$/m, `Subject: $1 #${i}`);
    const file = join(maildir, "new", `${1795000000 + i}.M${i}P1.bench,S=${Buffer.byteLength(raw)}`);
    writeFileSync(file, raw);
    chownSync(file, uid, gid);
  }
}

/** A GP's usual message: a short text and a PDF report of `kib` KiB attached (base64). */
export function withAttachment(sample: string, kib: number): string {
  const split = sample.search(/\r?\n\r?\n/);
  const head = sample.slice(0, split).replace(/^Content-Type:.*(\r?\n[ \t].*)*\r?\n/im, "").replace(/^MIME-Version:.*\r?\n/im, "");
  const body = sample.slice(split).trim();
  const pdf = Buffer.alloc(kib * 1024, 0x25).toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    head,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "--b1",
    'Content-Type: application/pdf; name="compte-rendu.pdf"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="compte-rendu.pdf"',
    "",
    pdf,
    "--b1--",
    "",
  ].join("\r\n");
}
