// Benchmark in a real headless Thunderbird: the ways an add-on can read the header block a trust
// verdict needs, on the same INBOX, side by side: the stable APIs (messages.getRaw, the peer the
// scan used; messages.getHeaders; messages.get for comparison) and a read of Thunderbird's offline
// store through an Experiment. A third of the messages carry a PDF, as a GP's mail does.
// Run: node scripts/build.mjs test-addon && npx tsx bench/scan-reads.ts [--count N] [--pdf-kib K] [--concurrency C]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT } from "../scripts/testbed/index.ts";
import { fillMaildir, withAttachment } from "./support/maildir.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg("count", 2000);
const pdfKib = arg("pdf-kib", 300);
const concurrency = arg("concurrency", 5);
const GP = { address: "jean.dupont@medecin.mssante.fr", password: "bench" };
const FIX = join(PROJECT_ROOT, "test/fixtures/trust/messages");
const plain = ["professionnel.eml", "usager.eml", "exterieur.eml"].map((f) => readFileSync(join(FIX, f), "utf8"));
const samples = [plain[0]!, plain[1]!, withAttachment(plain[0]!, pdfKib), plain[2]!, plain[0]!, withAttachment(plain[2]!, pdfKib)];

const bed = await startTestbed("bench-reads", [GP]);
let ok = false;
try {
  fillMaildir(bed, GP.address, count, samples);
  // Offline sync on (Thunderbird's default for IMAP): the bodies are downloaded in the background.
  const tb = await bed.launch();
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("waitForInbox", { accountId, atLeast: count, timeoutMs: 600000 }, 620000);
  const profile = await tb.call<{ count: number; offline: number; rows: { what: string; ms: number; perSecond: number }[] }>("readProfile", { accountId, count, concurrency }, 1_800_000);
  await tb.quit();
  console.log(`\nReading the header blocks of ${profile.count} INBOX messages (a third with a ${pdfKib} KiB PDF), headless Thunderbird 153, local Dovecot; ${profile.offline} of them in the offline store; ${concurrency} reads at a time\n`);
  console.log("| read | time | messages/s | vs getRaw |");
  console.log("|---|---:|---:|---:|");
  const peer = profile.rows[0]!;
  for (const r of profile.rows) console.log(`| ${r.what} | ${(r.ms / 1000).toFixed(1)} s | ${r.perSecond} | ${(peer.ms / r.ms).toFixed(2)}× |`);
  console.log(`\nThunderbird peak PSS (all processes): ${tb.peakPssMiB()} MiB`);
  ok = true;
} finally {
  await bed.stop({ keep: !ok });
}
