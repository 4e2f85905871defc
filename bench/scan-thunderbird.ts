// Benchmark, end to end in a real headless Thunderbird: an MSSanté account whose INBOX holds
// 10,000 messages on the local Dovecot syncs before any white list is available; then the list
// arrives and the add-on's background scan classifies and tags every message. Measures the sync,
// the scan, the throughput and Thunderbird's peak memory. The peer, first in the same run:
// Thunderbird alone on the same mailbox (the add-on given no list, so it classifies nothing),
// from the same idle point while it copies every body offline, the work the first scan overlaps:
// what Thunderbird's memory does without the add-on's scan (--no-peer leaves it out).
// Run: node scripts/build.mjs test-addon && npx tsx bench/scan-thunderbird.ts [--count N] [--no-peer]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT, type Thunderbird } from "../scripts/testbed/index.ts";
import { pssByProcessKiB, treePssKiB } from "../scripts/testbed/thunderbird.ts";
import { startFileServer } from "../scripts/testbed/https-files.ts";
import { fillMaildir } from "./support/maildir.ts";

const count = Number(process.argv[process.argv.indexOf("--count") + 1]) || 10_000;
// --profile FILE: the Gecko profiler (every process) during the steady pass only, written to FILE
// (aggregate it with bench/support/gecko-profile.ts). --gloda-off: a comparison run with
// Thunderbird's global search indexer disabled in the bench's profile (never done by the add-on).
const profileFile = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
const glodaOff = process.argv.includes("--gloda-off");
const withPeer = !process.argv.includes("--no-peer");
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
  /**
   * Lowest PSS over a few seconds after « Minimize memory usage »: Thunderbird at rest, whatever
   * garbage its last collection left (idle figures of two runs differed by 150 MiB without it).
   */
  const restingMiB = async (t: Thunderbird): Promise<number> => {
    await t.call("minimizeMemory", {}, 120000);
    const pid = t.pid;
    let low = Infinity;
    for (let i = 0; i < 10; i++) {
      low = Math.min(low, treePssKiB(pid));
      await new Promise((r) => setTimeout(r, 300));
    }
    return Math.round(low / 1024);
  };
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
  let peer: { idleMiB: number; peakMiB: number; copyMs: number; copied: boolean } | undefined;
  if (withPeer) {
    files.set("/absente.xml", { status: 404, body: "" });
    const alone = await bed.launch(launchOptions);
    await alone.call("configure", { whitelistUrl: files.url("/absente.xml"), whitelistMirrorUrl: "" });
    const { accountId: aloneAccount } = await alone.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
    await alone.call("configure", { mssanteAccounts: [aloneAccount] });
    await alone.call("waitForInbox", { accountId: aloneAccount, atLeast: count, timeoutMs: 600000 }, 620000);
    const idle = await restingMiB(alone);
    // As in the measured run, whose memory report at idle allocates too.
    await alone.call("memoryReport", {}, 120000);
    let peakKiB = 0;
    const sampling = setInterval(() => (peakKiB = Math.max(peakKiB, treePssKiB(alone.pid))), 250);
    const c0 = Date.now();
    const copied = await offlineCopied(alone, aloneAccount, "Thunderbird seul");
    const copyMs = Date.now() - c0;
    clearInterval(sampling);
    peer = { idleMiB: idle, peakMiB: Math.round(peakKiB / 1024), copyMs, copied };
    bed.progress(`Thunderbird seul : repos ${idle} Mio, pic pendant la copie hors ligne ${peer.peakMiB} Mio, copie ${(copyMs / 1000).toFixed(1)} s`);
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

  // Idle: synced, nothing to classify yet (no list). Sampled for a few seconds, the lowest.
  const idleMiB = await restingMiB(tb);
  // Which process holds what: Thunderbird's main process, the add-on's (a "tab" process), others.
  const byProcess = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v / 1024)}`).join(", ");
  const idleByProcess = byProcess(pssByProcessKiB(tb.pid));
  // What grows, by Thunderbird's memory reporters (about:memory): at idle, then right after the pass.
  const idleReport = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
  // Sampled from the same point as the peer's, until the scan and the offline copy have both ended.
  let firstPeakKiB = 0;
  const firstSampling = setInterval(() => (firstPeakKiB = Math.max(firstPeakKiB, treePssKiB(tb.pid))), 250);
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
  // Steady state, as when the add-on is installed on a profile that already has the mail on disk:
  // once every body is in the offline store, tags and verdicts removed, a full analysis again.
  const firstCopyMs = Date.now() - r0;
  await offlineCopied(tb, accountId, "avec l'add-on");
  const firstCopyAllMs = Date.now() - r0;
  clearInterval(firstSampling);
  const firstPeak = Math.round(firstPeakKiB / 1024);
  bed.progress(`première analyse : ${(scanMs / 1000).toFixed(1)} s, pic ${firstPeak} Mio (repos ${idleMiB} Mio)`);
  const t0r = Date.now();
  await tb.call("removeTags", {}, 600000);
  bed.progress(`étiquettes et verdicts retirés en ${Date.now() - t0r} ms`);
  // Memory during this pass alone, sampled beside it (the overall peak includes the first sync).
  let steadyStartKiB = treePssKiB(tb.pid);
  const steadyStartByProcess = byProcess(pssByProcessKiB(tb.pid));
  let steadyPeakKiB = steadyStartKiB;
  let steadyPeakByProcess = steadyStartByProcess;
  const sampler = setInterval(() => {
    const m = pssByProcessKiB(tb.pid);
    const total = Object.values(m).reduce((a, b) => a + b, 0);
    if (total > steadyPeakKiB) {
      steadyPeakKiB = total;
      steadyPeakByProcess = byProcess(m);
    }
  }, 250);
  if (profileFile) await tb.call("profilerStart", {});
  const t1 = Date.now();
  const second = await tb.call<{ classified: number; tagged: number }>("scan", {}, 600000);
  const steadyMs = Date.now() - t1;
  if (profileFile) {
    await tb.call("profilerStop", { path: profileFile }, 300000);
    bed.progress(`profil écrit dans ${profileFile}`);
  }
  clearInterval(sampler);
  const afterReport = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
  const growth = Object.keys({ ...idleReport, ...afterReport })
    .map((k) => [k, ((afterReport[k] ?? 0) - (idleReport[k] ?? 0)) / 1048576] as const)
    .filter(([, d]) => Math.abs(d) >= 2)
    .sort((a, b) => b[1] - a[1]);
  steadyStartKiB = Math.round(steadyStartKiB / 1024);
  const steadyPeakMiB = Math.round(steadyPeakKiB / 1024);
  bed.progress(`analyse complète, tout sur disque : ${(steadyMs / 1000).toFixed(1)} s (${second.classified} classés, ${second.tagged} étiquetés)`);
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
  console.log("| step | figure |");
  console.log("|---|---:|");
  console.log(`| initial IMAP sync of the INBOX (headers) | ${(syncMs / 1000).toFixed(1)} s |`);
  console.log(`| background scan, list arrival → last verdict | ${(scanMs / 1000).toFixed(1)} s |`);
  console.log(`| scan throughput | ${Math.round((scan.classified / scanMs) * 1000)} messages/s (bodies still being copied offline: most header reads go to the server) |`);
  console.log(`| Thunderbird peak PSS during the first scan | ${firstPeak} MiB (+${firstPeak - idleMiB} MiB) |`);
  console.log(`| steady state: full analysis again, every message on disk (${second.classified} classified, ${second.tagged} tagged) | ${(steadyMs / 1000).toFixed(1)} s, ${Math.round((second.classified / steadyMs) * 1000)} messages/s |`);
  console.log(`| Thunderbird PSS during that pass: at its start → peak | ${steadyStartKiB} → ${steadyPeakMiB} MiB (+${steadyPeakMiB - steadyStartKiB} MiB; +${steadyPeakMiB - idleMiB} MiB above idle) |`);
  console.log(`| messages examined / classified / tagged | ${scan.examined} / ${scan.classified} / ${scan.tagged} |`);
  console.log(`| new mail in the full folder, reported by Thunderbird → tagged (goal ≤ 1,000 ms) | ${latencies.length ? latencies.map((l) => `${l} ms`).join(", ") : "not measured: no new message tagged within 60 s"} |`);
  console.log(`| new mail, delivered to Dovecot → tagged (includes the IMAP fetch) | ${endToEnd.map((l) => `${l} ms`).join(", ")} |`);
  console.log(`| Thunderbird PSS before the list arrived (idle, INBOX synced) | ${idleMiB} MiB |`);
  console.log(`| PSS by process (MiB): idle / steady pass start / steady pass peak | ${idleByProcess} / ${steadyStartByProcess} / ${steadyPeakByProcess} |`);
  console.log(`| memory reporters, idle → right after the steady pass (MiB, ≥ 2 MiB changes) | ${growth.map(([k, d]) => `${k} ${d > 0 ? "+" : ""}${d.toFixed(0)}`).join(", ")} |`);
  console.log(`| Thunderbird peak PSS (all processes) | ${tb.peakPssMiB()} MiB (+${tb.peakPssMiB() - idleMiB} MiB) |`);
  if (peer) {
    // The peer's idle is the same point (synced, nothing classified); its peak covers the offline
    // copy the first scan overlaps. The difference of the two rises is what the scan adds on top.
    const ours = firstPeak - idleMiB;
    const alone = peer.peakMiB - peer.idleMiB;
    console.log(`| peer, Thunderbird alone (no list, nothing classified): idle → peak while copying the ${count} bodies offline (${(peer.copyMs / 1000).toFixed(1)} s${peer.copied ? "" : ", copy not finished in 300 s"}) | ${peer.idleMiB} → ${peer.peakMiB} MiB (+${alone} MiB) |`);
    console.log(`| with the add-on: idle → peak during the first scan (${(firstCopyMs / 1000).toFixed(1)} s; copy done ${(firstCopyAllMs / 1000).toFixed(1)} s after the list) | ${idleMiB} → ${firstPeak} MiB (+${ours} MiB) |`);
    console.log(`| what the scan adds above Thunderbird alone (goal ≤ 150 MiB) | ${ours - alone >= 0 ? "+" : ""}${ours - alone} MiB |`);
  }
  ok = true;
} finally {
  await bed.stop({ keep: !ok });
}
