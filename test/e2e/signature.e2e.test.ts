// Signed messages on the local Dovecot, checked by the add-on in a real Thunderbird and shown in
// the message display action's popup: anchors, revocation from the kept CRL, and each failure kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Thunderbird } from "../../scripts/testbed/index.ts";
import { useTestbed } from "./support.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { render, translator, type Param } from "../../src/core/i18n.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mdp" };
const PKI = join(PROJECT_ROOT, "test/fixtures/pki");
const MAIL = (f: string) => readFileSync(join(PKI, "mail", f), "utf8");
const PER_CRL_URL = "http://igc-sante.test/CRL/ACI-EL-PER-TEST.crl";

// Subjects made unique where two fixtures share one; headers are outside what the signature covers.
const messages: Record<string, string> = {
  "good-rsa-detached.eml": "Compte rendu (RSA, détaché)",
  "good-ec-opaque.eml": "Résultats (ECDSA, opaque)",
  "altered.eml": "Compte rendu modifié",
  "revoked.eml": "Certificat révoqué",
  "untrusted.eml": "Racine inconnue",
  "expired.eml": "Certificat expiré",
  "wrong-signer.eml": "Signataire différent",
  "not-signed.eml": "Message ordinaire",
};

const testbed = useTestbed("signature", [GP], async (bed) => {
  for (const [file, subject] of Object.entries(messages)) {
    const raw = MAIL(file)
      .replace(/^Subject: .*$/m, `Subject: ${subject}`)
      .replace(/^Message-I[Dd]: <([^>]*)>/m, `Message-ID: <${file}-$1>`);
    await bed.deliver(GP.address, raw);
  }
});

let tb: Thunderbird;
let accountId: string;
let files: FileServer | undefined;

type Smime = { signed: boolean; valid: boolean; status: string; signer: { email: string; rppsOrIdNat?: string } | null; reasons: { code: string; message: string; key: string; params?: Param[] }[] };
const status = (subject: string) => tb.call<Smime>("signatureOf", { accountId, subject });

beforeAll(async () => {
  const bed = testbed();
  tb = await bed.launch();
  accountId = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"))).accountId;
  await tb.call("waitForInbox", { accountId, atLeast: Object.keys(messages).length, timeoutMs: 45000 });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("S/MIME signatures (what the display action popup shows)", () => {
  it("without the IGC-Santé root installed, a good signature has an untrusted issuer", async () => {
    expect(await status("Compte rendu (RSA, détaché)")).toMatchObject({ signed: true, valid: false, status: "untrusted-issuer" });
  });

  it("with the root but no CRL reachable, revocation is reported unknown, honestly", async () => {
    await tb.call("setAnchors", { pems: [readFileSync(join(PKI, "ca/racine.pem"), "utf8")] });
    expect(await status("Compte rendu (RSA, détaché)")).toMatchObject({ signed: true, status: "revocation-unknown" });
  });

  it("with the last kept CRL, each message gets its precise status", async () => {
    await tb.call("seedCrl", { url: PER_CRL_URL, der: readFileSync(join(PKI, "crl/personnes.crl")).toString("base64") });
    const good = await status("Compte rendu (RSA, détaché)");
    expect(good).toMatchObject({ signed: true, valid: true, status: "valid", signer: { email: "jean.dupont@medecin.mssante.fr", rppsOrIdNat: "810001234567" } });
    expect(await status("Résultats (ECDSA, opaque)")).toMatchObject({ valid: true, status: "valid" });
    expect(await status("Compte rendu modifié")).toMatchObject({ valid: false, status: "altered" });
    expect(await status("Certificat révoqué")).toMatchObject({ valid: false, status: "revoked" });
    expect(await status("Racine inconnue")).toMatchObject({ valid: false, status: "untrusted-issuer" });
    expect(await status("Certificat expiré")).toMatchObject({ valid: false, status: "expired" });
    expect(await status("Signataire différent")).toMatchObject({ valid: false, status: "signer-mismatch" });
    expect(await status("Message ordinaire")).toMatchObject({ signed: false, status: "not-signed" });
    const revoked = await status("Certificat révoqué");
    // Said in the user's language, from _locales: the add-on passes Thunderbird's translator.
    const french = (await tb.call<string>("accountUiLanguage")).startsWith("fr");
    const reason = revoked!.reasons[0]!;
    expect(reason).toMatchObject({ code: "revoked", key: "pkiRevokedReason" });
    expect(reason.message).toBe(render(reason, translator(french ? "fr" : "en")));
    expect(reason.message).toMatch(french ? /révoqué le 01\/06\/2025 \(motif : compromission de la clé\)/ : /revoked on 01\/06\/2025 \(reason: key compromise\)/);
  });

  it("checks a whole folder on demand from the folder's context menu, with a report the user can read again", async () => {
    const tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
    const { labels, report, opened } = await tb.call<{
      labels: string[];
      report: { examined: number; signed: number; valid: number; counts: Record<string, number>; failures: { subject: string; status: string }[] };
      opened: string[];
    }>("folderSignaturesByMenu", { accountId, label: tr("folderSignaturesMenu") }, 90000);
    expect(labels).toContain(tr("folderSignaturesMenu"));
    // The report opens where the user reads it (no notification daemon needed).
    expect(opened.length, `tabs opened: ${opened.join(" ")}`).toBeGreaterThan(0);
    expect(report).toMatchObject({ examined: 8, signed: 7, valid: 2 });
    expect(report.counts).toMatchObject({ valid: 2, "not-signed": 1, altered: 1, revoked: 1, "untrusted-issuer": 1, expired: 1, "signer-mismatch": 1 });
    expect(Object.fromEntries(report.failures.map((f) => [f.subject, f.status]))).toEqual({
      "Compte rendu modifié": "altered",
      "Certificat révoqué": "revoked",
      "Racine inconnue": "untrusted-issuer",
      "Certificat expiré": "expired",
      "Signataire différent": "signer-mismatch",
    });
    // The report is also in the options page (a notification shows nothing without a daemon).
    const page = await tb.call<Record<string, string | null>>("optionsTexts", { ids: ["folder-report-summary", "folder-report-failures"] });
    expect(page["folder-report-summary"]).toContain("/INBOX");
    for (const subject of ["Compte rendu modifié", "Certificat révoqué", "Racine inconnue", "Certificat expiré", "Signataire différent"]) {
      expect(page["folder-report-failures"]).toContain(subject);
    }
  });

  it("with a white-listed sender, the button and the real popup's header follow the signature: never green when altered", async () => {
    const bed = testbed();
    // The IGC-Santé test root and its last CRL, as in the tests above (this one may run alone).
    await tb.call("setAnchors", { pems: [readFileSync(join(PKI, "ca/racine.pem"), "utf8")] });
    await tb.call("seedCrl", { url: PER_CRL_URL, der: readFileSync(join(PKI, "crl/personnes.crl")).toString("base64") });
    files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
    files.set("/listeblanchemssante.xml", { body: readFileSync(join(PROJECT_ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8"), contentType: "application/xml" });
    await tb.call("configure", { whitelistUrl: files.url("/listeblanchemssante.xml"), whitelistMirrorUrl: "" });
    expect(await tb.call<{ status: { outcome: string } }>("refreshWhitelist")).toMatchObject({ status: { outcome: "updated" } });
    const tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
    type Popup = { button: { title: string; badge: string; badgeColor: unknown }; header: { level: string; title: string; icon: string }; signature: { text: string; className: string } | null };

    const altered = await tb.call<Popup>("popupOf", { accountId, subject: "Compte rendu modifié" });
    expect(altered.header).toEqual({ level: "level-danger", title: tr("stateSignatureDanger"), icon: "verdict-impersonation.svg" });
    expect(altered.button).toMatchObject({ title: tr("stateSignatureDanger"), badge: "!!" });
    expect(altered.signature).toMatchObject({ text: tr("smime_altered"), className: "bad" });

    const untrusted = await tb.call<Popup>("popupOf", { accountId, subject: "Racine inconnue" });
    expect(untrusted.header).toMatchObject({ level: "level-warning", title: tr("stateSignatureWarning") });
    expect(untrusted.button.badge).toBe("!");

    // The same sender, validly signed: the signature line is green, but the bench's IMAP server
    // has no IGC-Santé certificate, and for an MSSanté account that alone keeps the header amber.
    const good = await tb.call<Popup>("popupOf", { accountId, subject: "Compte rendu (RSA, détaché)" });
    expect(good.signature).toMatchObject({ text: tr("smime_valid"), className: "ok" });
    expect(good.header).toEqual({ level: "level-warning", title: tr("stateServerWarning"), icon: "verdict-outside.svg" });
    expect(good.button).toMatchObject({ title: tr("stateServerWarning"), badge: "!" });

    // Every part right (the operator servers' check passing): green at last, the altered one still red.
    await tb.call("seedServerCheck", { accountId });
    const green = await tb.call<Popup>("popupOf", { accountId, subject: "Compte rendu (RSA, détaché)" });
    expect(green.header).toEqual({ level: "level-ok", title: tr("verdictProfessional"), icon: "verdict-professional.svg" });
    expect(green.button).toMatchObject({ title: tr("verdictProfessional"), badge: "✓" });
    expect((await tb.call<Popup>("popupOf", { accountId, subject: "Compte rendu modifié" })).header.level).toBe("level-danger");

    // In the message list too: the background analysis (run when the list arrived) read the
    // signed messages whole and tagged those whose signature is broken.
    const want: Record<string, string[]> = {
      "Compte rendu modifié": ["mssante_signature_invalide"],
      "Certificat révoqué": ["mssante_signature_invalide"],
      "Signataire différent": ["mssante_signature_invalide"],
      "Compte rendu (RSA, détaché)": [],
      "Message ordinaire": [],
    };
    let tags: Record<string, string[]> = {};
    for (let i = 0; i < 60; i++) {
      tags = Object.fromEntries((await tb.call<{ subject: string; tags: string[] }[]>("inboxTags", { accountId })).map((m) => [m.subject, m.tags]));
      if (Object.entries(want).every(([subject, t]) => JSON.stringify(tags[subject]) === JSON.stringify(t))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const [subject, t] of Object.entries(want)) expect(tags[subject], subject).toEqual(t);
  });

  it("the « Signature invalide » tags follow the anchors: a root removed, then installed again", async () => {
    const tagsNow = async () => Object.fromEntries((await tb.call<{ subject: string; tags: string[] }[]>("inboxTags", { accountId })).map((m) => [m.subject, m.tags]));
    const waitFor = async (want: Record<string, string[]>) => {
      let tags: Record<string, string[]> = {};
      for (let i = 0; i < 90; i++) {
        tags = await tagsNow();
        if (Object.entries(want).every(([subject, t]) => JSON.stringify(tags[subject]) === JSON.stringify(t))) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      for (const [subject, t] of Object.entries(want)) expect(tags[subject], subject).toEqual(t);
    };
    // Without the root, the revoked signer's chain leads nowhere trusted: its CRL proves nothing and
    // the signature is "untrusted issuer" (a warning, no tag). An altered message stays altered.
    await tb.call("setAnchors", { pems: [] });
    await waitFor({ "Certificat révoqué": [], "Compte rendu modifié": ["mssante_signature_invalide"] });
    // The root back: the revocation counts again, without the user asking for a new analysis.
    await tb.call("setAnchors", { pems: [readFileSync(join(PKI, "ca/racine.pem"), "utf8")] });
    await waitFor({ "Certificat révoqué": ["mssante_signature_invalide"], "Compte rendu modifié": ["mssante_signature_invalide"], "Compte rendu (RSA, détaché)": [] });
  });
});
