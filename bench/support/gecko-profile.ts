// Profiling aid: reads a Gecko profile as Thunderbird writes it (bench/scan-thunderbird.ts --profile
// FILE: every process, raw "gecko" format) and prints, per busy thread, the frames that cost most:
// inclusive ("total": the frame is anywhere on the sampled stack) and self time (the innermost
// readable frame: JS functions and profiler labels; native addresses are unreadable without symbols,
// so a sample ending in them counts for the nearest readable frame above).
// Run: npx tsx bench/support/gecko-profile.ts FILE [--top N] [--thread NAME] [--match TEXT]
// (--match: only the samples whose stack holds a frame containing TEXT, to split one cost).
// Linear in the profile's size (each sample's stack walked once).
import { readFileSync } from "node:fs";

interface Table {
  schema: Record<string, number>;
  data: unknown[][];
}
interface Thread {
  name: string;
  processType?: string;
  pid?: string | number;
  samples: Table;
  stackTable: Table;
  frameTable: Table;
  stringTable: string[];
}
interface Profile {
  meta: { interval: number };
  threads: Thread[];
  processes?: Profile[];
}

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error("usage: gecko-profile.ts FILE [--top N] [--thread NAME] [--match TEXT]");
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const top = Number(opt("--top") ?? 30);
const onlyThread = opt("--thread");
const match = opt("--match");

const root = JSON.parse(readFileSync(file, "utf8")) as Profile;
const threads: { t: Thread; interval: number }[] = [];
const collect = (p: Profile) => {
  for (const t of p.threads) threads.push({ t, interval: p.meta.interval });
  for (const c of p.processes ?? []) collect(c);
};
collect(root);

const unreadable = (s: string) => /^0x[0-9a-f]+$/i.test(s) || s === "";
// A JS frame reads "fn (url:line:col)": the file's last path part is enough to tell them apart.
const shorten = (s: string) => s.replace(/\((?:[a-z-]+:\/\/[^)]*\/)?([^/)]+)\)/i, "($1)");

for (const { t, interval } of threads) {
  if (onlyThread && !t.name.includes(onlyThread)) continue;
  const S = t.samples.schema;
  const stackCol = S.stack!;
  const st = t.stackTable;
  const prefixCol = st.schema.prefix!;
  const frameCol = st.schema.frame!;
  const ft = t.frameTable;
  const locCol = ft.schema.location!;
  const frameName = (f: number) => shorten(t.stringTable[ft.data[f]![locCol] as number] ?? "");
  const selfCount = new Map<string, number>();
  const totalCount = new Map<string, number>();
  let n = 0;
  let idle = 0;
  for (const sample of t.samples.data) {
    let s = sample[stackCol] as number | null;
    if (s === null || s === undefined) continue;
    const names: string[] = [];
    while (s !== null && s !== undefined) {
      names.push(frameName(st.data[s]![frameCol] as number));
      s = st.data[s]![prefixCol] as number | null;
    }
    if (match && !names.some((x) => x.includes(match))) continue;
    // Waiting in the event loop is not work.
    const leaf = names.find((x) => !unreadable(x)) ?? "(native)";
    if (/^(?:__GI___poll|poll|epoll_wait|pthread_cond_wait|nsThread::ProcessNextEvent|PR_WaitCondVar)$/.test(leaf) || /\bWait\b|Idle|ThreadFunc/.test(leaf) && names.filter((x) => !unreadable(x)).length <= 3) {
      idle++;
      continue;
    }
    n++;
    selfCount.set(leaf, (selfCount.get(leaf) ?? 0) + 1);
    for (const x of new Set(names.filter((y) => !unreadable(y)))) totalCount.set(x, (totalCount.get(x) ?? 0) + 1);
  }
  if (n < 50) continue;
  console.log(`\n## ${t.processType ?? "?"} ${t.pid ?? ""} ${t.name}: ${n} busy samples (~${Math.round(n * interval)} ms), ${idle} idle`);
  const rows = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log("total% | frame");
  for (const [k, v] of rows(totalCount)) console.log(`${((v / n) * 100).toFixed(1).padStart(5)} | ${k.slice(0, 160)}`);
  console.log("self%  | frame");
  for (const [k, v] of rows(selfCount)) console.log(`${((v / n) * 100).toFixed(1).padStart(5)} | ${k.slice(0, 160)}`);
}
