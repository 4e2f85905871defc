// Benchmark in a real headless Thunderbird: tagging the messages of an INBOX, the two ways an
// add-on can, on the same messages: messages.update (the stable API, one message per call: the
// peer) and the mssanteMessageTags Experiment (one call per batch of 50, what the scan uses).
// Run: node scripts/build.mjs test-addon && npx tsx bench/scan-tags.ts [--count N]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestbed, PROJECT_ROOT } from "../scripts/testbed/index.ts";
import { fillMaildir } from "./support/maildir.ts";

const i = process.argv.indexOf("--count");
const count = i >= 0 ? Number(process.argv[i + 1]) : 2000;
const GP = { address: "jean.dupont@medecin.mssante.fr", password: "bench" };
const FIX = join(PROJECT_ROOT, "test/fixtures/trust/messages");
const samples = ["professionnel.eml", "usager.eml", "exterieur.eml"].map((f) => readFileSync(join(FIX, f), "utf8"));

const bed = await startTestbed("bench-tags", [GP]);
let ok = false;
try {
  fillMaildir(bed, GP.address, count, samples);
  const tb = await bed.launch();
  const { accountId } = await tb.call<{ accountId: string }>("createAccount", bed.accountOptions(GP, "Dr Jean Dupont"));
  await tb.call("waitForInbox", { accountId, atLeast: count, timeoutMs: 600000 }, 620000);
  const r = await tb.call<{ count: number; rows: { what: string; ms: number; unsettled: number }[] }>("tagProfile", { accountId, count }, 1_800_000);
  await tb.quit();
  console.log(`\nTagging ${r.count} INBOX messages (IMAP, local Dovecot), headless Thunderbird 153\n`);
  console.log("| way | time | messages/s | vs messages.update | still wrong 30 s later |");
  console.log("|---|---:|---:|---:|---:|");
  const peers = [r.rows[0]!, r.rows[1]!];
  r.rows.forEach((row, k) => {
    const peer = peers[k % 2]!;
    console.log(`| ${row.what} | ${(row.ms / 1000).toFixed(2)} s | ${Math.round((r.count / row.ms) * 1000)} | ${(peer.ms / row.ms).toFixed(1)}× | ${row.unsettled} |`);
  });
  ok = true;
} finally {
  await bed.stop({ keep: !ok });
}
