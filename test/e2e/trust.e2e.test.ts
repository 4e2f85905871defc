// The trust space in a real Thunderbird: an MSSanté account and an ordinary account on the local
// Dovecot, the white list served over HTTPS, tags set on arrival, the action button's verdict, a
// broken list update that keeps the previous list, and the warning before sending outside.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Thunderbird } from "../../scripts/testbed/index.ts";
import { startFileServer, type FileServer } from "../../scripts/testbed/https-files.ts";
import { useTestbed } from "./support.ts";
import { decodeEncodedWords } from "../../src/core/mail/encoded-words.ts";
import { translator } from "../../src/core/i18n.ts";

const GP = { address: "jean.dupont@medecin.mssante.fr", password: "mdp-mssante" };
const ORD = { address: "jean.dupont@messagerie.example", password: "mdp-ordinaire" };
const FIX = join(PROJECT_ROOT, "test/fixtures/trust");
const LIST = readFileSync(join(FIX, "liste-blanche-test.xml"), "utf8");
const expected = JSON.parse(readFileSync(join(FIX, "messages/expected.json"), "utf8")) as Record<string, Record<string, [string, boolean]>>;
const TAG = { impersonation: "mssante_usurpation", outside: "mssante_hors_espace", patient: "mssante_usager" } as Record<string, string>;

const subjectOf = (file: string) => {
  const raw = readFileSync(join(FIX, "messages", file), "utf8");
  return decodeEncodedWords(/^Subject: (.*)$/m.exec(raw)![1]!.trim()).text;
};

const testbed = useTestbed("trust", [GP, ORD], async (bed) => {
  for (const f of readdirSync(join(FIX, "messages")).filter((f) => f.endsWith(".eml")).sort()) {
    await bed.deliverFile(GP.address, join(FIX, "messages", f));
    await bed.deliverFile(ORD.address, join(FIX, "messages", f));
  }
});

let files: FileServer;
let tb: Thunderbird;
let gpAccount: string;
let ordAccount: string;

type Tagged = { subject: string; tags: string[] };

async function waitForTags(accountId: string, count: number, done: (m: Tagged[]) => boolean): Promise<Tagged[]> {
  const deadline = Date.now() + 45000;
  let last: Tagged[] = [];
  while (Date.now() < deadline) {
    last = await tb.call<Tagged[]>("inboxTags", { accountId });
    if (last.length >= count && done(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`tags not as expected in time: ${JSON.stringify(last)}; scan: ${JSON.stringify(await tb.call("scanStatus"))}; failures: ${JSON.stringify(await tb.call("optionsTexts", { ids: ["failures-list", "scan-error"] }))}`);
}

function expectedTags(account: "mssante" | "other"): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [file, by] of Object.entries(expected)) {
    const [category] = by[account]!;
    // Ordinary accounts' ordinary mail is not tagged by default (warning fatigue).
    const tag = account === "other" && category === "outside" ? undefined : TAG[category!];
    out[subjectOf(file)] = tag ? [tag] : [];
  }
  return out;
}

const asMap = (list: Tagged[]) => Object.fromEntries(list.map((m) => [m.subject, m.tags]));

type Shown = { header: { level: string; title: string }; reasons: { text: string; className: string }[] };
const uiTranslator = async () => translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");

/**
 * Delivers an attack to the GP's INBOX (then holding `inboxCount` messages), checks that it is
 * tagged as an impersonation and that its popup says danger; returns the reasons the popup lists.
 */
async function deliveredImpersonation(raw: string | Buffer, subject: string, inboxCount: number): Promise<string[]> {
  await testbed().deliver(GP.address, raw);
  const tagged = await waitForTags(gpAccount, inboxCount, (l) => (asMap(l)[subject]?.length ?? 0) > 0);
  expect(asMap(tagged)[subject]).toEqual([TAG.impersonation]);
  const shown = await tb.call<Shown>("popupOf", { accountId: gpAccount, subject });
  expect(shown.header.level).toBe("level-danger");
  return shown.reasons.map((r) => r.text);
}

beforeAll(async () => {
  const bed = testbed();
  files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/listeblanchemssante.xml", { body: LIST, contentType: "application/xml" });
  tb = await bed.launch();
  // The mirror is off in the bench: only the local official URL is used.
  await tb.call("configure", { whitelistUrl: files.url("/listeblanchemssante.xml"), whitelistMirrorUrl: "" });
});

afterAll(async () => {
  await tb?.quit();
  await files?.close();
});

describe("trust space in Thunderbird", () => {
  it("accounts that synced before any list get their verdicts once the list arrives", async () => {
    const bed = testbed();
    // The install-time refresh may already have run against the default URL and failed (no network).
    gpAccount = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"))).accountId;
    ordAccount = (await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(ORD, "Jean Dupont"))).accountId;
    await tb.call("configure", { mssanteAccounts: [gpAccount] });
    await tb.call("waitForInbox", { accountId: gpAccount, atLeast: 6, timeoutMs: 45000 });
    await tb.call("waitForInbox", { accountId: ordAccount, atLeast: 6, timeoutMs: 45000 });
    const before = await tb.call<Tagged[]>("inboxTags", { accountId: gpAccount });
    expect(before.every((m) => m.tags.length === 0)).toBe(true);

    const refreshed = await tb.call<{ status: { outcome: string; source: string }; domains: number }>("refreshWhitelist");
    expect(refreshed.status).toMatchObject({ outcome: "updated", source: "official" });
    expect(refreshed.domains).toBe(7);

    const want = expectedTags("mssante");
    const got = await waitForTags(gpAccount, 6, (l) => JSON.stringify(asMap(l)) === JSON.stringify(Object.fromEntries(Object.keys(asMap(l)).map((s) => [s, want[s] ?? []]))));
    expect(asMap(got)).toEqual(want);
    const wantOrd = expectedTags("other");
    const gotOrd = await waitForTags(ordAccount, 6, (l) => Object.entries(wantOrd).every(([s, t]) => JSON.stringify(asMap(l)[s]) === JSON.stringify(t)));
    expect(asMap(gotOrd)).toEqual(wantOrd);
  });

  it("new mail is tagged as it arrives", async () => {
    const bed = testbed();
    const raw = readFileSync(join(FIX, "messages/sosie-domaine.eml"), "utf8").replace("Subject: Dossier patient", "Subject: Nouveau message sosie")
      .replace("Message-ID: <x-3@", "Message-ID: <x-3-bis@");
    await bed.deliver(GP.address, raw);
    await tb.call("waitForInbox", { accountId: gpAccount, atLeast: 7, timeoutMs: 45000 });
    const got = await waitForTags(gpAccount, 7, (l) => asMap(l)["Nouveau message sosie"]?.length === 1);
    expect(asMap(got)["Nouveau message sosie"]).toEqual(["mssante_usurpation"]);
  });

  it("the message display action shows the verdict and its reasons", async () => {
    // The bench's servers have no IGC-Santé certificate: pass their check, so that what is shown
    // depends on the sender only (the server part has its own test in signature.e2e).
    await tb.call("seedServerCheck", { accountId: gpAccount });
    const good = await tb.call<{ title: string; badge: string; popup: { verdict: { category: string; reasons: { code: string; message: string }[] }; whitelistDate: string } }>(
      "displayVerdict",
      { accountId: gpAccount, subject: subjectOf("professionnel.eml") },
      120000,
    );
    expect(good.badge).toBe("✓");
    expect(good.title).toMatch(/MSSanté/);
    expect(good.popup.verdict.category).toBe("professional");
    expect(good.popup.verdict.reasons.map((r) => r.code)).toContain("whitelisted-domain");
    expect(good.popup.whitelistDate).toBe("2026-11-20T06:00:00.000Z");

    const bad = await tb.call<typeof good>("displayVerdict", { accountId: ordAccount, subject: subjectOf("professionnel.eml") }, 120000);
    expect(bad.badge).toBe("!!");
    expect(bad.popup.verdict.category).toBe("impersonation");
    expect(bad.popup.verdict.reasons[0]!.code).toBe("impersonation-other-account");
    expect(bad.popup.verdict.reasons[0]!.message.length).toBeGreaterThan(20);
  }, 300000);

  it("a broken or implausible list update keeps the previous list", async () => {
    // Unchanged: the conditional request gets a 304.
    let r = await tb.call<{ status: { outcome: string; error?: { key: string } }; domains: number; generatedAt: string }>("refreshWhitelist");
    expect(r.status.outcome).toBe("unchanged");
    expect(files.requests.at(-1)).toMatchObject({ status: 304, conditional: true });

    files.set("/listeblanchemssante.xml", { body: LIST.slice(0, LIST.length / 2), contentType: "application/xml" });
    r = await tb.call("refreshWhitelist");
    expect(r.status).toMatchObject({ outcome: "failed", error: { key: "wlError_not_xml" } });
    expect(r.domains).toBe(7);

    const shrunk = LIST.replace("2026-11-20T06:00:00Z</DateDeGeneration>", "2026-11-22T06:00:00Z</DateDeGeneration>").replace(/<Domaine>[\s\S]*<\/Domaine>/, (all) => all.split("</Domaine>")[0] + "</Domaine>");
    files.set("/listeblanchemssante.xml", { body: shrunk, contentType: "application/xml" });
    r = await tb.call("refreshWhitelist");
    expect(r.status).toMatchObject({ outcome: "failed", error: { key: "wlError_shrank" } });
    expect(r.domains).toBe(7);
    expect(r.generatedAt).toBe("2026-11-20T06:00:00.000Z");

    files.set("/listeblanchemssante.xml", { body: "erreur", status: 503 });
    r = await tb.call("refreshWhitelist");
    expect(r.status).toMatchObject({ outcome: "failed", error: { key: "wlErrorHttp" } });
    expect(r.domains).toBe(7);

    // Verdicts still work on the kept list.
    const again = await tb.call<{ badge: string }>("displayVerdict", { accountId: gpAccount, subject: subjectOf("professionnel.eml") }, 120000);
    expect(again.badge).toBe("✓");
    files.set("/listeblanchemssante.xml", { body: LIST, contentType: "application/xml" });
  });

  it("sending from the MSSanté identity to an outside recipient is stopped by the warning", async () => {
    const bed = testbed();
    const ids = await tb.call<{ accountId: string; identityId: string; email: string }[]>("identities");
    const gpIdentity = ids.find((i) => i.accountId === gpAccount)!.identityId;
    const ordIdentity = ids.find((i) => i.accountId === ordAccount)!.identityId;
    const before = bed.smtp.received.length;

    const stopped = await tb.call<{ warned: string[] | null; error?: string }>("composeAndSend", {
      identityId: gpIdentity,
      to: ["Inconnu <inconnu@evil.example>", "marie.martin@chu-lyon.mssante.fr"],
      subject: "Envoi hors espace",
      answer: "cancel",
    });
    expect(stopped.warned).toEqual(["inconnu@evil.example", "[window]"]);
    expect(stopped.error).toBeDefined();
    expect(bed.smtp.received.length).toBe(before);

    const inside = await tb.call<{ warned: string[] | null; error?: string }>("composeAndSend", {
      identityId: gpIdentity,
      to: ["marie.martin@chu-lyon.mssante.fr", "2840763151239@patient.mssante.fr"],
      subject: "Envoi dans l'espace",
      answer: "cancel",
    });
    expect(inside).toMatchObject({ warned: null });
    expect(inside.error).toBeUndefined();
    expect(bed.smtp.received.at(-1)).toMatchObject({ from: GP.address, to: ["marie.martin@chu-lyon.mssante.fr", "2840763151239@patient.mssante.fr"] });

    // An ordinary identity is not an MSSanté one: no warning.
    const ordinary = await tb.call<{ warned: string[] | null; error?: string }>("composeAndSend", {
      identityId: ordIdentity,
      to: ["ami@club.example"],
      subject: "Message ordinaire",
      answer: "cancel",
    });
    expect(ordinary).toMatchObject({ warned: null });
    expect(bed.smtp.received.at(-1)).toMatchObject({ from: ORD.address, to: ["ami@club.example"] });
  });

  it("removing the add-on's tags is one call and leaves other tags alone", async () => {
    const removed = await tb.call<number>("removeTags");
    expect(removed).toBeGreaterThanOrEqual(5);
    const left = await tb.call<Tagged[]>("inboxTags", { accountId: gpAccount });
    expect(left.flatMap((m) => m.tags).filter((t) => t.startsWith("mssante_"))).toEqual([]);
  });

  it("the options page explains each tag by name, as Thunderbird names and colours it", async () => {
    const { known, legend } = await tb.call<{ known: { key: string; name: string; color: string }[]; legend: { key: string; name: string; color: string; text: string }[] }>("tagLegend");
    expect(known.length).toBeGreaterThanOrEqual(3);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    for (const tag of known) {
      const line = legend.find((l) => l.key === tag.key);
      expect(line, tag.key).toBeDefined();
      expect(line!.name).toBe(tag.name);
      expect(line!.color).toBe(rgb(tag.color));
      expect(line!.text.length).toBeGreaterThan(tag.name.length + 20);
    }
    // Names differ, so that no one needs the colour to tell them apart.
    expect(new Set(legend.map((l) => l.name)).size).toBe(legend.length);
  });

  it("removing the tags asks first, and a new analysis puts them back", async () => {
    await tb.call("scan");
    await waitForTags(gpAccount, 6, (l) => l.some((m) => m.tags.length > 0));
    const tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
    const removed = await tb.call<{ confirmHiddenBefore: boolean; asked: { shown: boolean; text: string; focused: string }; result: string; pageError: string | null }>("optionsRemoveTags");
    expect(removed.confirmHiddenBefore).toBe(true);
    expect(removed.asked).toEqual({ shown: true, text: tr("optionsRemoveTagsConfirm"), focused: "tags-confirm-no" });
    expect(removed.pageError).toBeNull();
    expect((await tb.call<Tagged[]>("inboxTags", { accountId: gpAccount })).flatMap((m) => m.tags).filter((t) => t.startsWith("mssante_"))).toEqual([]);

    const state = await tb.call<{ examined: number; tagged: number; running: boolean }>("scan");
    expect(state.running).toBe(false);
    expect(state.tagged).toBeGreaterThanOrEqual(5);
    const want = expectedTags("mssante");
    const back = asMap(await waitForTags(gpAccount, 6, (l) => Object.entries(want).every(([subject, tags]) => JSON.stringify(asMap(l)[subject]) === JSON.stringify(tags))));
    for (const [subject, tags] of Object.entries(want)) expect(back[subject], subject).toEqual(tags);
  });

  it("the options page follows an analysis started from its button as it runs (sent by the background, not read from storage)", async () => {
    const live = await tb.call<{ seen: string[]; pageError: string | null }>("optionsScanLive");
    expect(live.pageError).toBeNull();
    const state = await tb.call<{ examined: number; running: boolean; finishedAt?: string }>("scanStatus");
    expect(state.running).toBe(false);
    const tr = translator((await tb.call<string>("accountUiLanguage")).startsWith("fr") ? "fr" : "en");
    const runningStart = tr("optionsScanRunning", ["\u0000", "", "", ""]).split("\u0000")[0]!;
    const doneStart = tr("optionsScanDone", ["\u0000", "", ""]).split("\u0000")[0]!;
    const first = live.seen.findIndex((x) => x.startsWith(runningStart));
    expect(first, JSON.stringify(live.seen)).toBeGreaterThan(0);
    // Then the end of this very analysis: its count, after the running lines.
    const last = live.seen[live.seen.length - 1]!;
    expect(last.startsWith(doneStart), JSON.stringify(live.seen)).toBe(true);
    expect(last).toContain(String(state.examined));
  });

  it("a white-list update changes the tags of messages already classified", async () => {
    // The next list adds the outside sender's domain: its message is no longer outside.
    const next = LIST.replace("2026-11-20T06:00:00Z</DateDeGeneration>", "2026-11-27T06:00:00Z</DateDeGeneration>").replace(
      "<ListeDomaines>",
      "<ListeDomaines><Domaine><Nom>secu-messagerie.example</Nom><Description>Ajouté</Description><DNCertificatOperateur>CN=mx.secu-messagerie.example,O=X,C=FR</DNCertificatOperateur><ResponsableContact></ResponsableContact><SupportContact></SupportContact><DateMAJ>2026-11-27T06:00:00Z</DateMAJ></Domaine>",
    );
    files.set("/listeblanchemssante.xml", { body: next, contentType: "application/xml" });
    const r = await tb.call<{ status: { outcome: string }; generatedAt: string }>("refreshWhitelist");
    expect(r).toMatchObject({ status: { outcome: "updated" }, generatedAt: "2026-11-27T06:00:00.000Z" });
    const outside = subjectOf("exterieur.eml");
    const gp = await waitForTags(gpAccount, 6, (l) => JSON.stringify(asMap(l)[outside]) === "[]");
    expect(asMap(gp)[outside]).toEqual([]);
    // In the ordinary account, a sender of a listed domain is now an MSSanté sender: impersonation.
    const ord = await waitForTags(ordAccount, 6, (l) => JSON.stringify(asMap(l)[outside]) === JSON.stringify([TAG.impersonation]));
    expect(asMap(ord)[outside]).toEqual([TAG.impersonation]);
    // The other messages keep theirs.
    expect(asMap(gp)[subjectOf("sosie-domaine.eml")]).toEqual([TAG.impersonation]);
    files.set("/listeblanchemssante.xml", { body: LIST, contentType: "application/xml" });
  });

  it("a name claiming MSSanté from outside, and a hidden second From, are named in the popup", async () => {
    const raw = [
      'From: "Assistance MSSanté" <support@assistance-messagerie.example>',
      `To: ${GP.address}`,
      "Subject: Votre boîte MSSanté va expirer",
      "Date: Thu, 26 Nov 2026 09:00:00 +0100",
      "Message-ID: <claim-1@assistance-messagerie.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Cliquez ici pour garder votre boîte.",
      "",
    ].join("\r\n");
    await tb.call("seedServerCheck", { accountId: gpAccount });
    const tr = await uiTranslator();
    expect(await deliveredImpersonation(raw, "Votre boîte MSSanté va expirer", 7)).toContain(tr("reason_claims_mssante", ["Assistance MSSanté", "support@assistance-messagerie.example"]));

    const twoFrom = await tb.call<Shown>("popupOf", { accountId: gpAccount, subject: subjectOf("deux-from.eml") });
    expect(twoFrom.header.level).toBe("level-danger");
    expect(twoFrom.reasons.map((r) => r.text)).toContain(tr("reason_several_from_fields", ["2", "marie.martin@chu-lyon.mssante.fr", "pirate@evil.example"]));
  });

  it("a second From whose name hides behind a form feed, shown by Thunderbird's header, is named and not trusted", async () => {
    // « From\f: » is a From to Thunderbird (its header pane showed « Pirate ») and was a malformed
    // line to the add-on, whose button said « Professionnel de santé MSSanté ».
    const subject = "Compte rendu (From déguisé)";
    const raw = [
      "From\f: Pirate <pirate@evil.example>",
      "From: Marie MARTIN <marie.martin@chu-lyon.mssante.fr>",
      `To: ${GP.address}`,
      `Subject: ${subject}`,
      "Date: Thu, 26 Nov 2026 09:30:00 +0100",
      "Message-ID: <disguised-1@chu-lyon.mssante.fr>",
      "",
      "Compte rendu.",
      "",
    ].join("\r\n");
    expect(await deliveredImpersonation(raw, subject, 8)).toContain((await uiTranslator())("reason_disguised_field_name", ["From"]));
  });

  it("a claim written in Latin-1 bytes, listed by Thunderbird as « MSSanté », is tagged and named in the popup", async () => {
    // Before: « outside » in an MSSanté account (no claim seen in « MSSant\uFFFD »), no tag at all
    // in an ordinary one (the unit tests of authority-claims cover both kinds of account).
    const subject = "Votre boite va etre suspendue";
    const raw = Buffer.from(
      [
        'From: "Assistance MSSant\xe9" <support@assistance-messagerie.example>',
        `To: ${GP.address}`,
        `Subject: ${subject}`,
        "Date: Thu, 26 Nov 2026 10:00:00 +0100",
        "Message-ID: <latin-1@assistance-messagerie.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=iso-8859-1",
        "",
        "Cliquez ici.",
        "",
      ].join("\r\n"),
      "latin1",
    );
    // Thunderbird's message list shows the name in the charset of the message's Content-Type
    // (« Assistance MSSanté », seen under Xvfb by the review), its header pane and messages API
    // U+FFFD: the claim is judged on what the list shows.
    const reasons = await deliveredImpersonation(raw, subject, 9);
    expect(reasons).toContain((await uiTranslator())("reason_claims_mssante", ["Assistance MSSanté", "support@assistance-messagerie.example"]));
  });

  it("the verdicts of deleted messages do not pile up: a complete analysis drops them", async () => {
    await tb.call("scan");
    const subject = subjectOf("usager.eml");
    const before = await tb.call<string[]>("verdictKeys");
    const messageId = await tb.call<string>("deleteMessage", { accountId: gpAccount, subject });
    expect(before.filter((k) => k.endsWith(`|${messageId}`)).length).toBeGreaterThan(0);
    const state = await tb.call<{ running: boolean }>("scan");
    expect(state.running).toBe(false);
    const after = await tb.call<string[]>("verdictKeys");
    const existing = new Set(await tb.call<string[]>("messageKeys"));
    // The deleted message's verdict in this account is gone; the same message in the ordinary account stays.
    const deleted = before.filter((k) => k.endsWith(`|${messageId}`) && k.startsWith(`v:${gpAccount}`));
    expect(deleted).toHaveLength(1);
    expect(after.filter((k) => k.endsWith(`|${messageId}`) && k.startsWith(`v:${gpAccount}`))).toEqual([]);
    expect(after.filter((k) => k.endsWith(`|${messageId}`)).length).toBe(before.filter((k) => k.endsWith(`|${messageId}`)).length - 1);
    // Judged as sets, not counts: a message can reach a folder between the two analyses (the copies of
    // the earlier test's sent messages are appended to Sent on the server, and Thunderbird lists them when
    // it next syncs that folder); its new verdict is not a pile-up. Nothing else is dropped, and every
    // verdict kept belongs to a message that exists.
    expect(before.filter((k) => !after.includes(k))).toEqual(deleted);
    expect(after.filter((k) => !existing.has(k))).toEqual([]);
  });
});
