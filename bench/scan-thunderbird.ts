// Benchmark, end to end in a real headless Thunderbird: an MSSanté account whose INBOX holds
// 10,000 messages on the local Dovecot syncs before any white list is available; then the list
// arrives and the add-on's background scan classifies and tags every message. Measures the sync,
// the scan, the throughput and Thunderbird's peak memory. The peer, first in the same run:
// Thunderbird alone on the same mailbox (the add-on given no list, so it classifies nothing),
// from the same idle point while it copies every body offline, the work the first scan overlaps:
// what Thunderbird's memory does without the add-on's scan (--no-peer leaves it out). Then, every
// body on disk, several steady passes (--passes N, 3 by default), each beside its peer in the same
// Thunderbird: from a minimised rest, Thunderbird's own offline body search over the INBOX (it reads
// every stored message once), then from a minimised rest again the add-on's full analysis (tags and
// verdicts removed before). Memory is PSS by process (Thunderbird's main process, the add-on's
// extension process, the others), given as median (min … max) over the passes, so that one
// collection coming early or late does not decide the figure.
// Run: node scripts/build.mjs test-addon && npx tsx bench/scan-thunderbird.ts [--count N] [--passes N] [--no-peer]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT, type Thunderbird } from "../scripts/testbed/index.ts";
import { loadavg } from "node:os";
import { figures, peakSampler, processTypes, reporterGrowth, resting, rise, spread, type ByRole } from "./support/memory.ts";
import { startFileServer } from "../scripts/testbed/https-files.ts";
import { fillMaildir } from "./support/maildir.ts";

const count = Number(process.argv[process.argv.indexOf("--count") + 1]) || 10_000;
// --profile FILE: the Gecko profiler (every process) during the steady pass only, written to FILE
// (aggregate it with bench/support/gecko-profile.ts). --gloda-off: a comparison run with
// Thunderbird's global search indexer disabled in the bench's profile (never done by the add-on).
const profileFile = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
const glodaOff = process.argv.includes("--gloda-off");
const withPeer = !process.argv.includes("--no-peer");
const passes = Number(process.argv[process.argv.indexOf("--passes") + 1]) || 3;
const PEER_WINDOW_MS = 30_000;
// The machine's load beside each figure (other work on its 2 cores moves the times).
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const GP = { address: "jean.dupont@medecin.mssante.fr", password: "bench" };
const FIX = join(PROJECT_ROOT, "test/fixtures/trust");
const samples = ["professionnel.eml", "usager.eml", "exterieur.eml", "nom-affiche-usurpe.eml", "sosie-domaine.eml", "deux-from.eml"].map((f) =>
  readFileSync(join(FIX, "messages", f), "utf8"),
);

const bed = await startTestbed("bench-scan", [GP]);
let ok = false;
try {
  // A mailbox already full: messages written straight into the user's Maildir (as Dovecot would).
  const t0 = Date.now();
  fillMaildir(bed, GP.address, count, samples);
  bed.progress(`${count} messages écrits dans la Maildir en ${Date.now() - t0} ms`);

  const files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/liste.xml", { body: readFileSync(join(FIX, "liste-blanche-test.xml")), contentType: "application/xml" });
  const launchOptions = glodaOff ? { prefs: { "mailnews.database.global.indexer.enabled": false } } : {};
  /** Waits until every body is in the offline store; false after 300 s. */
  const offlineCopied = async (t: Thunderbird, accountId: string, what: string): Promise<boolean> => {
    for (let i = 0; i < 300; i++) {
      const c = await t.call<{ offline: number; total: number }>("offlineCount", { accountId });
      if (c.offline >= count) return true;
      if (i % 10 === 0) bed.progress(`${what} : copie hors ligne ${c.offline} / ${c.total}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    return false;
  };

  // The peer: the same sync, then Thunderbird's own offline copy, with no list (no verdict, no tag).
  let peer: { idle: ByRole; peak: ByRole; copyMs: number; copied: boolean; load: string } | undefined;
  if (withPeer) {
    files.set("/absente.xml", { status: 404, body: "" });
    const alone = await bed.launch(launchOptions);
    await alone.call("configure", { whitelistUrl: files.url("/absente.xml"), whitelistMirrorUrl: "" });
    const { accountId: aloneAccount } = await alone.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
    await alone.call("configure", { mssanteAccounts: [aloneAccount] });
    await alone.call("waitForInbox", { accountId: aloneAccount, atLeast: count, timeoutMs: 600000 }, 620000);
    const idle = await resting(alone);
    // As in the measured run, whose memory report at idle allocates too.
    await alone.call("memoryReport", {}, 120000);
    const sampling = peakSampler(alone, await processTypes(alone));
    const c0 = Date.now();
    const copied = await offlineCopied(alone, aloneAccount, "Thunderbird seul");
    const copyMs = Date.now() - c0;
    // At least as long as the first scan may last (goal: 30 s), so that a copy ended early (a small
    // mailbox is copied during the sync) does not give the peer a shorter window than the add-on's.
    while (Date.now() - c0 < PEER_WINDOW_MS) await new Promise((r) => setTimeout(r, 250));
    peer = { idle, peak: sampling.stop(), copyMs, copied, load: load() };
    bed.progress(`Thunderbird seul : repos ${figures(idle)} Mio, pic pendant la copie hors ligne ${figures(peer.peak)} Mio, copie ${(copyMs / 1000).toFixed(1)} s`);
    await alone.quit();
  }

  const tb = await bed.launch(launchOptions);
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml"), whitelistMirrorUrl: "" });
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("configure", { mssanteAccounts: [accountId] });
  const s0 = Date.now();
  await tb.call("waitForInbox", { accountId, atLeast: count, timeoutMs: 600000 }, 620000);
  const syncMs = Date.now() - s0;
  bed.progress(`INBOX de ${count} messages synchronisée en ${syncMs} ms`);

  // Idle: synced, nothing to classify yet (no list), minimised, the lowest of a few samples.
  const idle = await resting(tb);
  // Sampled from the same point as the peer's, until the scan and the offline copy have both ended.
  const firstSampling = peakSampler(tb, await processTypes(tb));
  const firstLoad = load();
  const r0 = Date.now();
  await tb.call("refreshWhitelist");
  let scan: { running: boolean; examined: number; classified: number; tagged: number; startedAt?: string; finishedAt?: string } | undefined;
  for (;;) {
    scan = await tb.call("scanStatus");
    // Finished: every message classified, or the pass ended with some unread (said in the table).
    if (scan && !scan.running && scan.finishedAt && (scan.classified >= count || Date.parse(scan.finishedAt) >= r0)) break;
    if (Date.now() - r0 > 1_800_000) throw new Error(`scan trop long : ${JSON.stringify(scan)}`);
    if ((Date.now() - r0) % 10000 < 1000) bed.progress(`analyse : ${scan?.examined ?? 0} examinés, ${scan?.classified ?? 0} classés`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const scanMs = Date.parse(scan.finishedAt!) - Date.parse(scan.startedAt!);
  const firstCopyMs = Date.now() - r0;
  await offlineCopied(tb, accountId, "avec l'add-on");
  const firstCopyAllMs = Date.now() - r0;
  const firstPeak = firstSampling.stop();
  bed.progress(`première analyse : ${(scanMs / 1000).toFixed(1)} s, pic ${figures(firstPeak)} Mio (repos ${figures(idle)} Mio)`);

  // Steady state, as when the add-on is installed on a profile that already has the mail on disk:
  // every body in the offline store, tags and verdicts removed, a full analysis again; several
  // times, each beside Thunderbird's own pass over the same messages, each from a minimised rest.
  type Pass = { peerRise: ByRole; peerMs: number; rise: ByRole; rest: ByRole; ms: number; classified: number; tagged: number; load: string };
  const steady: Pass[] = [];
  const collections: number[] = [];
  let reports: { rest: Record<string, number>; after: Record<string, number>; minimised: Record<string, number> } | undefined;
  for (let p = 0; p < passes; p++) {
    const t0r = Date.now();
    await tb.call("removeTags", {}, 600000);
    bed.progress(`passe ${p + 1} : étiquettes et verdicts retirés en ${Date.now() - t0r} ms`);
    // Gloda indexes every message whose tags changed again, after the change: measured from its
    // end, so that neither pass carries the previous one's indexing.
    if (!(await tb.call<boolean>("glodaSettled", { timeoutMs: 90000 }, 100000))) bed.progress(`passe ${p + 1} : gloda encore occupé après 90 s`);
    const types = await processTypes(tb);
    const peerRest = await resting(tb);
    const peerSampling = peakSampler(tb, types);
    const searched = await tb.call<{ hits: number; ms: number }>("bodySearch", { accountId, text: "docteur" }, 600000);
    const peerRise = rise(peerSampling.stop(), peerRest);
    const rest = await resting(tb);
    // What grows, by Thunderbird's memory reporters (about:memory): at rest, right after the last
    // pass, and once minimised after it (what is left is held, the rest was garbage).
    const last = p === passes - 1;
    const restReport = last ? await tb.call<Record<string, number>>("memoryReport", {}, 120000) : undefined;
    const sampling = peakSampler(tb, types);
    if (profileFile && last) await tb.call("profilerStart", {});
    const passLoad = load();
    const t1 = Date.now();
    const second = await tb.call<{ classified: number; tagged: number }>("scan", {}, 600000);
    const ms = Date.now() - t1;
    const passRise = rise(sampling.stop(), rest);
    if (profileFile && last) {
      await tb.call("profilerStop", { path: profileFile }, 300000);
      bed.progress(`profil écrit dans ${profileFile}`);
    }
    if (restReport) {
      const after = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
      // What the header reads' collection every 1000 messages costs (mssanteMessageHeads): one
      // collection of the main process as large as it is after a pass, three times.
      for (let i = 0; i < 3; i++) collections.push(Math.round(await tb.call<number>("collectionMs", {}, 60000)));
      await tb.call("minimizeMemory", {}, 120000);
      reports = { rest: restReport, after, minimised: await tb.call<Record<string, number>>("memoryReport", {}, 120000) };
    }
    steady.push({ peerRise, peerMs: searched.ms, rise: passRise, rest, ms, classified: second.classified, tagged: second.tagged, load: passLoad });
    bed.progress(
      `passe ${p + 1} : Thunderbird seul (recherche dans le corps, ${searched.hits} trouvés sur ${count}, attendu ${Math.ceil((count - 1) / 6)}) ${(searched.ms / 1000).toFixed(1)} s, ${spread([peerRise])} Mio ; ` +
        `analyse ${(ms / 1000).toFixed(1)} s (${second.classified} classés, ${second.tagged} étiquetés), ${spread([passRise])} Mio ; charge ${passLoad}`,
    );
  }
  // New mail in the full folder: Thunderbird reports it (onNewMailReceived) → the add-on's tag,
  // both times taken inside Thunderbird by the test build; and delivery → tag, as the user sees it.
  await tb.call("watchNewMailTags");
  const latencies: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 0; i < 5; i++) {
    const id = `new-${i}@secu-messagerie.example`;
    const raw = samples[2]!.replace(/Message-ID: <[^>]+>/, `Message-ID: <${id}>`).replace(/^Subject: (.*)$/m, `Subject: nouveau ${i}`);
    const n0 = Date.now();
    await bed.deliver(GP.address, raw);
    // Thunderbird learns of it as IDLE would tell it (the bench's account has no IDLE push).
    await tb.call("syncInbox", { accountId });
    type Times = { reportedAt?: number; taggedAt?: number } | null;
    let times: Times = null;
    while (Date.now() - n0 < 60_000) {
      times = await tb.call<Times>("newMailTimes", { headerMessageId: id });
      if (times?.taggedAt) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!times?.taggedAt || !times.reportedAt) {
      // Said in the table rather than losing the other figures.
      bed.progress(`nouveau message ${i} non étiqueté en 60 s (signalé par Thunderbird : ${times?.reportedAt ? "oui" : "non"})`);
      continue;
    }
    latencies.push(times.taggedAt - times.reportedAt);
    endToEnd.push(times.taggedAt - n0);
    bed.progress(`nouveau message ${i} : signalé → étiqueté ${times.taggedAt - times.reportedAt} ms (remis → étiqueté ${times.taggedAt - n0} ms)`);
  }
  await tb.quit();
  await files.close();
  console.log(`\nScan of a ${count.toLocaleString("en")}-message INBOX in headless Thunderbird 153 (local Dovecot, STARTTLS)${glodaOff ? ", gloda (global search) OFF: comparison only" : ""}${profileFile ? ", profiled" : ""}\n`);
  const median = (v: number[]) => {
    const o = [...v].sort((a, b) => a - b);
    return o.length % 2 ? o[(o.length - 1) / 2]! : (o[o.length / 2 - 1]! + o[o.length / 2]!) / 2;
  };
  console.log(`Machine load (1, 5, 15 min) at the first scan: ${firstLoad}; at each steady pass: ${steady.map((p) => p.load).join(" / ")}${peer ? `; at the peer's copy: ${peer.load}` : ""}\n`);
  console.log("| step | with the add-on | peer: Thunderbird alone |");
  console.log("|---|---:|---:|");
  console.log(`| initial IMAP sync of the INBOX (headers) | ${(syncMs / 1000).toFixed(1)} s | |`);
  console.log(`| background scan, list arrival → last verdict | ${(scanMs / 1000).toFixed(1)} s (${Math.round((scan.classified / scanMs) * 1000)} messages/s; bodies still being copied offline) | |`);
  console.log(`| messages examined / classified / tagged (first scan) | ${scan.examined} / ${scan.classified} / ${scan.tagged} | |`);
  console.log(`| PSS at rest, INBOX synced, minimised (MiB) | ${figures(idle)} | ${peer ? figures(peer.idle) : "not run (--no-peer)"} |`);
  console.log(
    `| first scan: rise above rest, MiB (add-on: until the scan and Thunderbird's offline copy both ended, ${(firstCopyMs / 1000).toFixed(1)} s / ${(firstCopyAllMs / 1000).toFixed(1)} s; peer: its offline copy, ${peer ? `${(peer.copyMs / 1000).toFixed(1)} s${peer.copied ? "" : ", not finished in 300 s"}` : "–"}, sampled ${PEER_WINDOW_MS / 1000} s at least) | ${spread([rise(firstPeak, idle)])} | ${peer ? spread([rise(peer.peak, peer.idle)]) : "–"} |`,
  );
  if (peer) {
    const extra = rise(rise(firstPeak, idle), rise(peer.peak, peer.idle));
    console.log(`| first scan: what the scan adds above Thunderbird alone (one run each) | ${spread([extra])} | |`);
  }
  const last = steady[steady.length - 1]!;
  console.log(
    `| steady pass, every body on disk: time (median of ${steady.length}; peer: Thunderbird's offline body search of the INBOX) | ${(median(steady.map((p) => p.ms)) / 1000).toFixed(1)} s (${steady.map((p) => (p.ms / 1000).toFixed(1)).join(", ")}), ${last.classified} classified, ${last.tagged} tagged | ${(median(steady.map((p) => p.peerMs)) / 1000).toFixed(1)} s (${steady.map((p) => (p.peerMs / 1000).toFixed(1)).join(", ")}) |`,
  );
  console.log(`| steady pass: peak above minimised rest, MiB, median (min … max) of ${steady.length} (goal ≤ 150 total) | ${spread(steady.map((p) => p.rise))} | ${spread(steady.map((p) => p.peerRise))} |`);
  console.log(`| steady pass: rest before each pass, MiB | ${steady.map((p) => p.rest.total).join(", ")} | |`);
  console.log(`| one forced collection of the main process after a pass (mssanteMessageHeads: one per 1000 header reads, ${Math.ceil(count / 1000)} per pass) | ${collections.map((ms) => `${ms} ms`).join(", ")} | |`);
  if (reports) {
    console.log(`| memory reporters, rest → right after the last pass (MiB, ≥ 2 MiB changes) | ${reporterGrowth(reports.rest, reports.after)} | |`);
    console.log(`| memory reporters, rest → after the last pass, minimised (what is held, not garbage) | ${reporterGrowth(reports.rest, reports.minimised) || "nothing ≥ 2 MiB"} | |`);
  }
  console.log(`| new mail in the full folder, reported by Thunderbird → tagged (goal ≤ 1,000 ms) | ${latencies.length ? latencies.map((l) => `${l} ms`).join(", ") : "not measured: no new message tagged within 60 s"} | |`);
  console.log(`| new mail, delivered to Dovecot → tagged (includes the IMAP fetch) | ${endToEnd.map((l) => `${l} ms`).join(", ")} | |`);
  console.log(`| Thunderbird peak PSS over the whole run (all processes, sync included) | ${tb.peakPssMiB()} MiB | |`);
  ok = true;
} finally {
  await bed.stop({ keep: !ok });
}
