// Thunderbird's memory as the scan bench measures it: PSS of each process of its tree, grouped by
// role (Thunderbird's main process, the add-on's extension process, the others), the lowest at rest
// after « Minimize memory usage » and the highest while some work runs. One sample is a few reads of
// /proc per process; the sampler runs every 250 ms.
import { pssByProcessKiB } from "../../scripts/testbed/thunderbird.ts";
import type { Thunderbird } from "../../scripts/testbed/index.ts";

export interface ByRole {
  main: number;
  extension: number;
  other: number;
  total: number;
}
const ROLES = ["main", "extension", "other", "total"] as const;

/** One sample, in KiB, by role; `types` maps a child's pid to its Gecko process type. */
function sample(rootPid: number, types: Record<string, string>): ByRole {
  const out: ByRole = { main: 0, extension: 0, other: 0, total: 0 };
  for (const [role, kib] of Object.entries(pssByProcessKiB(rootPid))) {
    // pssByProcessKiB names a child "<type word> <pid>".
    const pid = role === "main" ? "" : role.slice(role.lastIndexOf(" ") + 1);
    const key = role === "main" ? "main" : types[pid] === "extension" ? "extension" : "other";
    out[key] += kib;
    out.total += kib;
  }
  return out;
}

const toMiB = (r: ByRole): ByRole => ({ main: Math.round(r.main / 1024), extension: Math.round(r.extension / 1024), other: Math.round(r.other / 1024), total: Math.round(r.total / 1024) });

/** The child processes' types now (the extension process is started with the add-on). */
export async function processTypes(t: Thunderbird): Promise<Record<string, string>> {
  return t.call<Record<string, string>>("processTypes", {}, 30000);
}

/**
 * Thunderbird at rest: « Minimize memory usage » (every process), then the lowest of 10 samples
 * over 3 s, each role on its own (idle figures of two runs differed by 150 MiB without it).
 */
export async function resting(t: Thunderbird): Promise<ByRole> {
  await t.call("minimizeMemory", {}, 120000);
  const types = await processTypes(t);
  const low: ByRole = { main: Infinity, extension: Infinity, other: Infinity, total: Infinity };
  for (let i = 0; i < 10; i++) {
    const s = sample(t.pid, types);
    for (const k of ROLES) low[k] = Math.min(low[k], s[k]);
    await new Promise((r) => setTimeout(r, 300));
  }
  return toMiB(low);
}

/** Samples every 250 ms from now until stop(): the highest of each role, and of their sum. */
export function peakSampler(t: Thunderbird, types: Record<string, string>): { stop(): ByRole } {
  const high: ByRole = { main: 0, extension: 0, other: 0, total: 0 };
  const take = () => {
    const s = sample(t.pid, types);
    for (const k of ROLES) high[k] = Math.max(high[k], s[k]);
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop() {
      clearInterval(timer);
      take();
      return toMiB(high);
    },
  };
}

/** Peak minus rest, role by role. */
export function rise(peak: ByRole, rest: ByRole): ByRole {
  return { main: peak.main - rest.main, extension: peak.extension - rest.extension, other: peak.other - rest.other, total: peak.total - rest.total };
}

/** "median (min–max)" of each role over several passes, as a table cell. */
export function spread(rises: ByRole[]): string {
  const cell = (k: (typeof ROLES)[number]) => {
    const v = rises.map((r) => r[k]).sort((a, b) => a - b);
    const median = v.length % 2 ? v[(v.length - 1) / 2]! : Math.round((v[v.length / 2 - 1]! + v[v.length / 2]!) / 2);
    const signed = (n: number) => `${n >= 0 ? "+" : ""}${n}`;
    return v.length > 1 ? `${signed(median)} (${signed(v[0]!)} … ${signed(v[v.length - 1]!)})` : signed(median);
  };
  return `**${cell("total")}** total; main ${cell("main")}, extension ${cell("extension")}, other ${cell("other")}`;
}

/** "total (main / extension / other)" in MiB, as a table cell. */
export function figures(r: ByRole): string {
  return `${r.total} (main ${r.main}, extension ${r.extension}, other ${r.other})`;
}

/** Memory reporter sums (bytes) that moved by at least 2 MiB between two reports, as a table cell. */
export function reporterGrowth(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys({ ...before, ...after })
    .map((k) => [k, ((after[k] ?? 0) - (before[k] ?? 0)) / 1048576] as const)
    .filter(([, d]) => Math.abs(d) >= 2)
    .sort((a, b) => b[1] - a[1])
    .map(([k, d]) => `${k} ${d > 0 ? "+" : ""}${d.toFixed(0)}`)
    .join(", ");
}
