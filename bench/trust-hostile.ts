// Hostile header shapes, each doubled 8 times (4 kB → 1 MB), through the whole verdict (header
// block, address parsing, Thunderbird's reading, reasons): every line of the table must grow
// linearly. Run: npx tsx bench/trust-hostile.ts [--budget MS]
// A shape stops growing once one size takes longer than the budget (default 5 s), so the
// benchmark also runs on a build whose parsers are still super-linear.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWhitelistXml } from "../src/core/trust/whitelist.ts";
import { computeVerdict } from "../src/core/trust/verdict.ts";

const budget = Number(process.argv[process.argv.indexOf("--budget") + 1]) || 5000;
const wl = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../test/fixtures/trust/liste-blanche-test.xml"), "utf8"));

const fill = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
const b64 = (n: number) => Buffer.from("é".repeat(Math.floor(n / 2))).toString("base64");

/** Header blocks of about `size` characters. */
export const SHAPES: Record<string, (size: number) => string> = {
  "a@a@… (bare)": (n) => `From: ${fill("a@", n)}a\r\n`,
  "a@a@… (quoted name)": (n) => `From: "${fill("a@", n)}a" <x@evil.example>\r\n`,
  "long quoted name": (n) => `From: "${fill("a", n)}" <jean@medecin.mssante.fr>\r\n`,
  "long unquoted name": (n) => `From: ${fill("Dr ", n)}<jean@medecin.mssante.fr>\r\n`,
  "long comment": (n) => `From: jean@medecin.mssante.fr (${fill("a", n)})\r\n`,
  "nested comments": (n) => `From: jean@medecin.mssante.fr ${fill("(", n / 2)}${fill(")", n / 2)}\r\n`,
  "many ()": (n) => `From: jean@medecin.mssante.fr ${fill("()", n)}, x@evil.example\r\n`,
  "many Reply-To": (n) => {
    let i = 0;
    return `From: jean@medecin.mssante.fr\r\n${fill("Reply-To: r@evil.example\r\n", n).replace(/r@/g, () => `r${(i++).toString(36)}@`)}`;
  },
  "many mailboxes": (n) => `From: ${fill("a@evil.example, ", n)}jean@medecin.mssante.fr\r\n`,
  "long encoded-word": (n) => `From: =?utf-8?B?${b64(n * 0.75)}?= <jean@medecin.mssante.fr>\r\n`,
  "many encoded-words": (n) => `From: ${fill("=?utf-8?q?a=40b?= ", n)}<jean@medecin.mssante.fr>\r\n`,
  "many =?": (n) => `From: ${fill("=?", n)} <jean@medecin.mssante.fr>\r\n`,
  "=? then spaces": (n) => `From: =?${fill(" ", n)}x <jean@medecin.mssante.fr>\r\n`,
  "many <>()": (n) => `From: a ${fill("<>(x)", n)}\r\n`,
  ")G: (jsmime's growing comment)": (n) => `From: ${fill(")G:", n)}\r\n`,
  "invisible tokens": (n) => `From: ${fill("\u200B>", n)}<jean@medecin.mssante.fr>\r\n`,
  "unknown charsets": (n) => `From: ${fill("=?x-unknown?q?a?= ", n)}<jean@medecin.mssante.fr>\r\n`,
  "many @ in <…>": (n) => `From: <${fill("a@", n)}medecin.mssante.fr>\r\n`,
  "invisible characters": (n) => `From: "${fill("\u200B\u202E", n)}" <jean@medecin.mssante.fr\u200B>\r\n`,
};

export const SIZES = Array.from({ length: 9 }, (_, k) => 4000 * 2 ** k);

export function timeVerdict(headers: string): number {
  const t0 = performance.now();
  computeVerdict({ headers: headers + "\r\nbody\r\n", whitelist: wl, account: "other" });
  return performance.now() - t0;
}

/** Prints one table: ms per call of `run` on each shape and size. */
function table(title: string, run: (headers: string) => number): void {
  const label = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${Math.round(n / 1000)} kB`);
  console.log(`\n${title}\n`);
  console.log(`| shape | ${SIZES.map(label).join(" | ")} |`);
  console.log(`|---|${SIZES.map(() => "---:").join("|")}|`);
  for (const [name, shape] of Object.entries(SHAPES)) {
    const cells: string[] = [];
    let stopped = false;
    for (const size of SIZES) {
      if (stopped) {
        cells.push("—");
        continue;
      }
      const ms = run(shape(size));
      cells.push(ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
      if (ms > budget) stopped = true;
    }
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseHeaderBlock, headerValues } = await import("../src/core/mail/headers.ts");
  const { parseAddressList } = await import("../src/core/mail/address.ts");
  // Absent from builds older than the hardening: that table is then left out.
  const tb = await import("../src/core/mail/thunderbird-view.ts" as string).catch(() => undefined) as
    | { thunderbirdMailboxes(v: string): unknown }
    | undefined;
  const fieldsOf = (headers: string) => {
    const block = parseHeaderBlock(headers, { maxBytes: 4_000_000 });
    return [...headerValues(block, "from"), ...headerValues(block, "reply-to")].join(", ");
  };
  const timed = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  for (const shape of Object.values(SHAPES)) timeVerdict(shape(2000));
  table("Verdict (computeVerdict, ordinary account), ms", timeVerdict);
  table("Strict address parser alone (parseAddressList on the From and Reply-To values), ms", (h) => {
    const v = fieldsOf(h);
    return timed(() => parseAddressList(v));
  });
  if (tb) {
    table("Thunderbird's reading alone (thunderbirdMailboxes, port of jsmime), ms", (h) => {
      const v = fieldsOf(h);
      return timed(() => tb.thunderbirdMailboxes(v));
    });
  }
  console.log(`\n— : not run, the previous size took over ${budget} ms`);
}
