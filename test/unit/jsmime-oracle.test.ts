// Differential test against Thunderbird's own address parser (jsmime, read from the installed
// omni.ja at test time): whenever our verdict trusts a From value, Thunderbird must show exactly
// one mailbox, with our sender's address (byte for byte, ASCII case aside) at a listed domain.
// Also checks that our port of jsmime (src/core/mail/thunderbird-view.ts) reads as jsmime does.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import fc from "fast-check";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { computeVerdict, type AccountKind, type Verdict } from "../../src/core/trust/verdict.ts";
import { displayDomain, normaliseDomain } from "../../src/core/trust/domains.ts";
import { decodeRFC2047Words, thunderbirdMailboxes } from "../../src/core/mail/thunderbird-view.ts";
import { sameAddress, shownForm } from "../../src/core/mail/displayed-from.ts";
import { hostileFrom } from "./support/hostile-from.ts";

const OMNI = process.env.THUNDERBIRD_OMNI ?? "/usr/lib/thunderbird/omni.ja";
const JSMIME = "modules/jsmime/jsmime.mjs";
const RUNS = 4000;

interface Shown {
  name: string;
  email: string;
}
type Parse = (value: string) => Shown[] | null;
let jsmimeDecode2047: ((v: string) => string) | undefined;

async function loadJsmime(): Promise<Parse | string> {
  if (!existsSync(OMNI)) return `no omni.ja at ${OMNI} (set THUNDERBIRD_OMNI)`;
  const buf = readFileSync(OMNI);
  const files = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), { filter: (f) => f.name === JSMIME });
  const src = files[JSMIME];
  if (!src) return `${JSMIME} not found in ${OMNI}`;
  const dir = mkdtempSync(join(tmpdir(), "jsmime-"));
  mkdirSync(join(dir, "jsmime"));
  const file = join(dir, "jsmime", "jsmime.mjs");
  writeFileSync(file, src);
  try {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      jsmime: { headerparser: { parseAddressingHeader(v: string, rfc2047: boolean): ({ name: string; email: string } | { name: string; group: { name: string; email: string }[] })[] } };
    };
    const hp = mod.jsmime.headerparser;
    jsmimeDecode2047 = (v) => (hp as unknown as { decodeRFC2047Words(v: string): string }).decodeRFC2047Words(v);
    // parseEncodedHeaderW: parseAddressingHeader(value, true), groups flattened, NULs removed.
    return (value) => {
      let list;
      try {
        list = hp.parseAddressingHeader(value, true);
      } catch {
        return null;
      }
      return list
        .flatMap((e) => ("group" in e ? e.group : [e]))
        .map((m) => ({ name: m.name.replace(/\0/g, ""), email: m.email.replace(/\0/g, "") }));
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const jsmime = await loadJsmime();
const skip = typeof jsmime === "string";
if (skip) console.log(`SKIPPED jsmime oracle: ${jsmime}`);

const wl = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../fixtures/trust/liste-blanche-test.xml"), "utf8"));
const verdict = (from: string, account: AccountKind = "mssante"): Verdict =>
  computeVerdict({ headers: `From: ${from}\r\nTo: a@b.example\r\n\r\n`, whitelist: wl, account });

function listedAsWritten(domain: string): boolean {
  const ascii = normaliseDomain(domain);
  return Boolean(ascii && wl.entries.has(ascii) && displayDomain(ascii) === domain.replace(/[A-Z]+/g, (c) => c.toLowerCase()));
}

/** The invariant: a trusted verdict is about the one mailbox Thunderbird shows. */
function checkInvariant(parse: Parse, from: string): string | undefined {
  const v = verdict(from);
  if (!v.trusted) return undefined;
  const shown = parse(from);
  if (!shown || shown.length !== 1) return `trusted but Thunderbird shows ${JSON.stringify(shown)}`;
  const at = v.sender!.address.lastIndexOf("@");
  const ours = shownForm({ localPart: v.sender!.address.slice(0, at), domain: v.sender!.address.slice(at + 1) });
  if (!sameAddress(shown[0]!.email, ours)) return `trusted ${ours} but Thunderbird shows ${shown[0]!.email}`;
  const domain = shown[0]!.email.slice(shown[0]!.email.lastIndexOf("@") + 1);
  if (!listedAsWritten(domain)) return `trusted but the shown domain ${JSON.stringify(domain)} is not listed as written`;
  return undefined;
}

describe.skipIf(skip)("jsmime oracle (Thunderbird's own parser)", () => {
  const parse = jsmime as Parse;

  it(`differential: ${RUNS} generated From values`, () => {
    let trusted = 0;
    let portAgrees = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(hostileFrom, (from) => {
        const problem = checkInvariant(parse, from);
        if (problem) throw new Error(`${JSON.stringify(from)}: ${problem}`);
        if (verdict(from).trusted) trusted++;
        // Our port must read as jsmime does, or the verdict's cross-check means nothing.
        expect(thunderbirdMailboxes(from), JSON.stringify(from)).toEqual(parse(from));
        portAgrees++;
      }),
      { seed: 20261201, numRuns: RUNS },
    );
    console.log(`jsmime differential: ${RUNS} inputs, ${trusted} trusted, port identical on ${portAgrees}, ${Math.round(performance.now() - t0)} ms`);
    // The generator must exercise the invariant, not only untrusted noise.
    expect(trusted).toBeGreaterThan(RUNS / 20);
  });

  it("RFC 2047 decoding as Thunderbird does it before display", () => {
    const words = fc.array(
      fc.oneof(
        fc.constantFrom("=?utf-8?q?a=40b?=", "=?utf-8?B?w6k=?=", "=?iso-8859-1?q?=E9?=", "=?utf-8?q?=C3?=", "=?utf-8?q?=A9?=", " ", "\t", "=?", "?=", "x", "=?x-unknown?q?a?=", "=?utf-8?B?Q===?="),
        fc.string({ unit: "grapheme", maxLength: 6 }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(words, (parts) => {
        const v = parts.join("");
        let expected: string | null;
        try {
          expected = jsmimeDecode2047!(v);
        } catch {
          expected = null;
        }
        let actual: string | null;
        try {
          actual = decodeRFC2047Words(v);
        } catch {
          actual = null;
        }
        expect(actual, JSON.stringify(v)).toBe(expected);
      }),
      { seed: 2047, numRuns: 2000 },
    );
  });

  // The review's classes: what Thunderbird shows, and our verdict on it.
  it.each([
    ["two mailboxes, signer second", "pierre@medecin.mssante.fr, jean@medecin.mssante.fr", 2],
    ["specials inside <…>", '<"attacker@evil.example",jean@medecin.mssante.fr>', 2],
    ["quoted string then bare address", '"attacker@evil.example" jean@medecin.mssante.fr', 1],
    ["encoded-word in a comment", "x@evil.example (=?utf-8?q?jean=40medecin.mssante.fr?=)", 1],
    ["encoded-word-only From", "=?utf-8?q?x=40medecin.mssante.fr?=", 1],
    ["fullwidth @ in the name", '"jean\uFF20medecin.mssante.fr" <x@evil.example>', 1],
    ["small @ in the name", '"jean\uFE6Bmedecin.mssante.fr" <x@evil.example>', 1],
    ["ideographic dots in the name", '"jean@medecin\u3002mssante\u3002fr" <x@evil.example>', 1],
    ["address reversed by U+202E", '"\u202Erf.etnassm.nicedem@naej" <x@evil.example>', 1],
    ["zero-width space in the domain", "jean@medecin.mssante\u200B.fr", 1],
    ["trailing no-break space", "jean@medecin.mssante.fr\u00A0", 1],
    ["second mailbox after 20,001 ()", `jean@medecin.mssante.fr ${"()".repeat(20001)}, x@evil.example`, 2],
    ["encoded-word decoding to two addresses in <…>", "<=?utf-8?q?x=40evil.example=2C?=jean@medecin.mssante.fr>", 1],
  ])("%s", (_label, from, count) => {
    expect(parse(from)).toHaveLength(count);
    expect(thunderbirdMailboxes(from)).toEqual(parse(from));
    for (const account of ["mssante", "other"] as const) {
      const v = verdict(from, account);
      expect(v.trusted).toBe(false);
      expect(v.category, account).toBe("impersonation");
    }
    expect(checkInvariant(parse, from)).toBeUndefined();
  });

  it("genuine senders: Thunderbird shows the one mailbox we trust", () => {
    for (const from of ['"Dr Marie Martin" <marie.martin@chu-lyon.mssante.fr>', "=?utf-8?q?H=C3=A9l=C3=A8ne?= <helene@medecin.mssante.fr>", "marie@chu-lyon.mssante.fr (Dr Marie Martin)"]) {
      expect(verdict(from).trusted).toBe(true);
      expect(checkInvariant(parse, from)).toBeUndefined();
    }
  });
});
