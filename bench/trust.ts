// Benchmark: trust verdicts per second on 100,000 header blocks, beside postal-mime parsing the
// same blocks (headers and addresses only, no verdict). Run: npx tsx bench/trust.ts [--count N] [--rounds R]
// Each side runs R times (default 2), alternating, and keeps its best run: on a shared machine, load
// that comes and goes then weighs on both sides alike.
import PostalMime from "postal-mime";
import { parseWhitelistXml } from "../src/core/trust/whitelist.ts";
import { computeVerdict } from "../src/core/trust/verdict.ts";
import { parseHeaderBlock } from "../src/core/mail/headers.ts";

const count = Number(process.argv[process.argv.indexOf("--count") + 1]) || 100_000;
const rounds = (process.argv.includes("--rounds") && Number(process.argv[process.argv.indexOf("--rounds") + 1])) || 2;

// Deterministic pseudo-random numbers (mulberry32).
let seed = 20261123;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;

// A white list of realistic size: 5,000 domains, ~390 operator DNs.
const operators = Array.from({ length: 390 }, (_, i) => `CN=mss${i}.operateur${i}.fr,OU=${100000000000000 + i},O=OPERATEUR ${i},ST=Paris (75),C=FR`);
const cities = ["lyon", "paris", "brest", "nantes", "lille", "rennes", "nice", "metz", "dijon", "tours"];
const domains = ["medecin.mssante.fr", "patient.mssante.fr", "pharmacien.mssante.fr", "infirmier.mssante.fr"];
for (let i = domains.length; i < 5000; i++) domains.push(`${pick(["ch", "chu", "clinique", "ght", "cabinet", "ehpad"])}-${pick(cities)}-${i}.mssante.fr`);
const xml =
  `<?xml version="1.0" encoding="UTF-8"?><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>2026-11-20T06:00:00Z</DateDeGeneration><ListeDomaines>` +
  domains.map((d, i) => `<Domaine><Nom>${d}</Nom><Description>Structure ${i}</Description><DNCertificatOperateur>${operators[i % operators.length]}</DNCertificatOperateur><DateMAJ>2026-11-20T06:00:00Z</DateMAJ></Domaine>`).join("") +
  `</ListeDomaines></ListeBlancheMSSante>`;
const t0 = performance.now();
const whitelist = parseWhitelistXml(xml);
const parseMs = performance.now() - t0;

// Header blocks: mostly genuine traffic, some outside mail, some attacks.
const first = ["Marie", "Jean", "Hélène", "François", "Zoé", "Léa", "Anne-Sophie", "Éric"];
const last = ["Martin", "Dupont", "Le Gall", "Lefèvre", "Bernard", "Morel", "N'Diaye", "Garçon"];
const enc = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString("base64")}?=`;
function block(i: number): string {
  const name = `${pick(first)} ${pick(last)}`;
  const local = name.toLowerCase().normalize("NFD").replace(/[^a-z]/g, ".");
  const r = rnd();
  let from: string;
  if (r < 0.7) from = `"Dr ${name}" <${local}@${pick(domains)}>`;
  else if (r < 0.85) from = `${enc(name)} <${local}@mail-${i % 97}.example>`;
  else if (r < 0.9) from = `"${local}@${pick(domains)}" <${local}@evil-${i % 13}.example>`;
  else if (r < 0.95) from = `${name} <${local}@${pick(domains).replace("mssante", "rnssante")}>`;
  else from = `${enc(`${local}@${pick(domains)}`)} <x@evil.example>`;
  return [
    `Received: from ${pick(operators).slice(3, 30)} (mx.example [192.0.2.${i % 250}]) by mss1.operateur1.fr with ESMTPS id ${i}`,
    `From: ${from}`,
    `To: jean.dupont@medecin.mssante.fr`,
    `Subject: ${enc(`Compte rendu ${i} — ${name}`)}`,
    `Date: Thu, 19 Nov 2026 10:02:00 +0100`,
    `Message-ID: <${i}.${Math.floor(rnd() * 1e9)}@example>`,
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    "",
    "",
  ].join("\r\n");
}
const blocks = Array.from({ length: count }, (_, i) => new TextEncoder().encode(block(i)));
const bytes = blocks.reduce((n, b) => n + b.length, 0);

function measure(name: string, fn: (b: Uint8Array) => unknown): Promise<{ name: string; perSec: number; ms: number }>;
async function measure(name: string, fn: (b: Uint8Array) => unknown) {
  for (let i = 0; i < 2000; i++) await fn(blocks[i % blocks.length]!); // warm-up
  const start = performance.now();
  for (const b of blocks) await fn(b);
  const ms = performance.now() - start;
  return { name, perSec: Math.round((blocks.length / ms) * 1000), ms: Math.round(ms) };
}

const categories: Record<string, number> = {};
let counting = true;
const sides: [string, (b: Uint8Array) => unknown][] = [
  [
    "mssante: headers + addresses + verdict",
    (b) => {
      const v = computeVerdict({ headers: parseHeaderBlock(b), whitelist, account: "mssante", accountDomain: "medecin.mssante.fr" });
      if (counting) categories[v.category] = (categories[v.category] ?? 0) + 1;
    },
  ],
  ["mssante: headers only (parseHeaderBlock)", (b) => parseHeaderBlock(b)],
  ["postal-mime 4: PostalMime.parse (headers + addresses)", (b) => PostalMime.parse(b)],
];
const best: { name: string; perSec: number; ms: number }[] = [];
for (let k = 0; k < rounds; k++) {
  for (const [i, [name, fn]] of sides.entries()) {
    const r = await measure(name, fn);
    if (!best[i] || r.perSec > best[i]!.perSec) best[i] = r;
  }
  counting = false; // the categories of one warm-up + run
}
const [ours, oursParseOnly, peer] = best as [(typeof best)[0], (typeof best)[0], (typeof best)[0]];

console.log(`\nTrust verdicts — ${count.toLocaleString("en")} header blocks (${(bytes / 1e6).toFixed(1)} MB), white list of ${whitelist.entries.size} domains parsed in ${parseMs.toFixed(0)} ms`);
console.log(`Node ${process.version}, ${process.arch}; best of ${rounds} alternating runs per side\n`);
console.log("| what | messages/s | total ms |");
console.log("|---|---:|---:|");
for (const r of [ours, oursParseOnly, peer]) console.log(`| ${r.name} | ${r.perSec.toLocaleString("en")} | ${r.ms.toLocaleString("en")} |`);
console.log(`\nratio full verdict / postal-mime parse: ${(ours.perSec / peer.perSec).toFixed(2)}×`);
console.log(`verdicts (each block counted once per warm-up+run): ${JSON.stringify(categories)}`);
