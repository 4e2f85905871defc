// Operator server certificates of an MSSanté account, read by the add-on in a real Thunderbird from
// the local Dovecot and SMTP server, checked against the pinned root and the white list: a server
// whose certificate DN is not listed for the domain raises a notification, once; listed, it passes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { useTestbed } from "./support.ts";
import { render, translator, type Param } from "../../src/core/i18n.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mdp" };
const testbed = useTestbed("servers", [GP]);

function whitelist(date: string, dn: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>${date}</DateDeGeneration><ListeDomaines><Domaine><Nom>medecin.mssante.fr</Nom><Description>Banc</Description><DNCertificatOperateur>${dn}</DNCertificatOperateur><DateMAJ>${date}</DateMAJ></Domaine><Domaine><Nom>chu-test.mssante.fr</Nom><Description>CHU</Description><DNCertificatOperateur>CN=mss.chu-test.fr,O=CHU,C=FR</DNCertificatOperateur><DateMAJ>${date}</DateMAJ></Domaine></ListeDomaines></ListeBlancheMSSante>`;
}

interface Notified {
  accountId: string;
  signature: string;
  message: string;
}

interface Check {
  servers: { protocol: string; host: string; ok: boolean; subject?: string; problems: { code: string; message: string; key: string; params?: Param[] }[]; warnings: { code: string }[] }[];
  unavailable?: string;
}

let files: FileServer;
let tb: Thunderbird;
let accountId: string;

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/liste.xml", { body: whitelist("2026-11-20T06:00:00Z", "CN=mss.autre-operateur.fr,OU=1,O=AUTRE OPERATEUR,C=FR"), contentType: "application/xml" });
  tb = await bed.launch();
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "" });
  await tb.call("refreshWhitelist");
  // The bench's root stands for the pinned IGC-Santé root, and issues the server certificate itself.
  const ca = new X509Certificate(readFileSync(bed.pki.caCert));
  const sha256 = createHash("sha256").update(ca.raw).digest("hex").toUpperCase().replace(/(..)(?!$)/g, "$1:");
  await tb.call("accountOverrides", { pins: [{ name: "MSSANTE TEST ROOT", sha256 }], issuerCn: "^MSSANTE TEST ROOT$", discovery: {} });
  // By name, as operators' servers are reached (the bench's certificate names "localhost").
  const options = { ...bed.accountOptions(GP, "Dr Jean Dupont"), imapHost: "localhost", smtpHost: "localhost" };
  accountId = (await tb.call<{ accountId: string }>("createAccount", options)).accountId;
  await tb.call("configure", { mssanteAccounts: [accountId] });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("operator server certificates", () => {
  it("a server certificate whose DN is not listed for the domain raises a notification", async () => {
    const checks = await tb.call<Record<string, Check>>("serversCheck");
    const check = checks[accountId]!;
    expect(check.unavailable).toBeUndefined();
    expect(check.servers.map((s) => s.protocol)).toEqual(["imap", "smtp"]);
    // Each problem in the user's language, from _locales (the add-on passes Thunderbird's translator).
    const tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
    for (const s of check.servers) {
      expect(s.ok).toBe(false);
      expect(s.problems.map((p) => p.code)).toContain("not-whitelisted");
      for (const p of s.problems) expect(p.message).toBe(render(p, tr));
    }
    const notified = await tb.call<Notified[]>("serversNotified");
    expect(notified.filter((n) => n.accountId === accountId)).toHaveLength(1);
    // In the user's language (the bench's Thunderbird may run in English): from _locales.
    expect(notified[0]!.message).toMatch(/liste blanche|white list/);
  });

  it("the same problem is not notified twice", async () => {
    await tb.call("serversCheck");
    expect((await tb.call<Notified[]>("serversNotified")).filter((n) => n.accountId === accountId)).toHaveLength(1);
  });

  it("listed in the white list, the certificate passes (with its expiry warning)", async () => {
    const first = (await tb.call<Record<string, Check>>("serversCheck"))[accountId]!;
    const subject = first.servers[0]!.subject!;
    files.set("/liste.xml", { body: whitelist("2026-11-21T06:00:00Z", subject), contentType: "application/xml" });
    const refreshed = await tb.call<{ status: { outcome: string } }>("refreshWhitelist");
    expect(refreshed.status.outcome).toBe("updated");
    const check = (await tb.call<Record<string, Check>>("serversCheck"))[accountId]!;
    for (const s of check.servers) {
      expect(s.problems).toEqual([]);
      expect(s.ok).toBe(true);
      // The bench's server certificate lives 30 days: within the 30-day warning.
      expect(s.warnings.map((w) => w.code)).toContain("expires-soon");
    }
    // A new situation (now only the expiry warning) is notified, once.
    const notified = (await tb.call<Notified[]>("serversNotified")).filter((n) => n.accountId === accountId);
    expect(notified).toHaveLength(2);
    expect(notified[1]!.signature).not.toMatch(/not-whitelisted/);
  });
});
