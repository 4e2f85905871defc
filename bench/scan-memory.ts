// Benchmark, in a real headless Thunderbird: where a folder scan's memory goes. Every body of a
// full INBOX on disk, each part of the scan's work run alone over every message (the listing; plus
// the header blocks read; plus the verdicts computed; the verdict store; the tags), each from a
// minimised rest, several times: the rise of each process's PSS, and the memory reporters right
// after the part and once minimised after it (what was only garbage goes; what is held stays).
// Run: node scripts/build.mjs test-addon && npx tsx bench/scan-memory.ts [--count N] [--repeat N] [--steps list,heads,...]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { startTestbed, PROJECT_ROOT } from "../scripts/testbed/index.ts";
import { startFileServer } from "../scripts/testbed/https-files.ts";
import { fillMaildir } from "./support/maildir.ts";
import { peakSampler, processTypes, reporterGrowth, resting, rise, spread, type ByRole } from "./support/memory.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const count = Number(arg("count")) || 3000;
const repeat = Number(arg("repeat")) || 3;
const steps = (arg("steps") ?? "list,heads,verdicts,store,tags,scan").split(",");
const GP = { address: "jean.dupont@medecin.mssante.fr", password: "bench" };
const FIX = join(PROJECT_ROOT, "test/fixtures/trust");
const samples = ["professionnel.eml", "usager.eml", "exterieur.eml", "nom-affiche-usurpe.eml", "sosie-domaine.eml", "deux-from.eml"].map((f) =>
  readFileSync(join(FIX, "messages", f), "utf8"),
);

const bed = await startTestbed("bench-scan-memory", [GP]);
let ok = false;
try {
  fillMaildir(bed, GP.address, count, samples);
  const files = await startFileServer(bed.pki.serverChain, bed.pki.serverKey);
  files.set("/absente.xml", { status: 404, body: "" });
  files.set("/liste.xml", { body: readFileSync(join(FIX, "liste-blanche-test.xml")), contentType: "application/xml" });
  // No list while Thunderbird syncs and copies the bodies (nothing classified meanwhile).
  const tb = await bed.launch();
  await tb.call("configure", { whitelistUrl: files.url("/absente.xml"), whitelistMirrorUrl: "" });
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("configure", { mssanteAccounts: [accountId] });
  await tb.call("waitForInbox", { accountId, atLeast: count, timeoutMs: 600000 }, 620000);
  for (let i = 0; i < 300; i++) {
    const c = await tb.call<{ offline: number }>("offlineCount", { accountId });
    if (c.offline >= count) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  // Verdicts need the list.
  await tb.call("configure", { whitelistUrl: files.url("/liste.xml") });
  // The list's arrival starts a scan: let it end, then start from no tag and no verdict.
  await tb.call("refreshWhitelist");
  for (;;) {
    const s = await tb.call<{ running: boolean }>("scanStatus");
    if (!s.running) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const rows: { step: string; rises: ByRole[]; ms: number[]; garbage: string; held: string; load: string[] }[] = [];
  for (const step of steps) {
    const row = { step, rises: [] as ByRole[], ms: [] as number[], garbage: "", held: "", load: [] as string[] };
    for (let r = 0; r < repeat; r++) {
      await tb.call("removeTags", {}, 600000);
      await tb.call("glodaSettled", { timeoutMs: 180000 }, 200000);
      const types = await processTypes(tb);
      const rest = await resting(tb);
      const before = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
      row.load.push(loadavg()[0]!.toFixed(2));
      const sampling = peakSampler(tb, types);
      const t0 = Date.now();
      const out = step === "scan" ? await tb.call("scan", {}, 600000) : await tb.call("scanStep", { step }, 600000);
      row.ms.push(Date.now() - t0);
      row.rises.push(rise(sampling.stop(), rest));
      if (r === repeat - 1) {
        const after = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
        await tb.call("minimizeMemory", {}, 120000);
        const minimised = await tb.call<Record<string, number>>("memoryReport", {}, 120000);
        row.garbage = reporterGrowth(before, after);
        row.held = reporterGrowth(before, minimised);
      }
      bed.progress(`${step} ${r + 1} : ${JSON.stringify(out)} en ${Date.now() - t0} ms, ${spread([row.rises[row.rises.length - 1]!])} Mio`);
    }
    rows.push(row);
  }
  await tb.quit();
  await files.close();
  console.log(`\nWhere a scan's memory goes: each part alone over a ${count.toLocaleString("en")}-message INBOX, every body on disk, headless Thunderbird 153; ${repeat} runs of each from a minimised rest\n`);
  console.log("| part of the scan | time (ms) | PSS rise above rest, MiB: median (min … max) | memory reporters, rest → right after (last run) | … → minimised after it (held) | load (1 min) |");
  console.log("|---|---:|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.step} | ${r.ms.join(", ")} | ${spread(r.rises)} | ${r.garbage} | ${r.held || "nothing ≥ 2 MiB"} | ${r.load.join(", ")} |`);
  ok = true;
} finally {
  await bed.stop({ keep: !ok });
}
