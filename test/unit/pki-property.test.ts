// Property-based tests (fast-check, fixed seed, bounded runs) of the CMS/DER readers and verifySmime
// on real signed fixtures, mutated: bit flips, byte changes, insertions, deletions, wrong lengths,
// consistent re-encodings (child dropped, duplicated, truncated, swapped) and OID swaps among known
// OIDs (SHA-224, SHA-512, MD5, SHA-1, unknown…). Invariants: never throws, answers in bounded time,
// and a mutated signature is never `valid` unless the mutation leaves what is signed semantically
// identical (then the verdict is the original's).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/pki/certificate.ts";
import { parseContentInfo, parseSignedData } from "../../src/core/pki/cms.ts";
import { parseCrl } from "../../src/core/pki/crl.ts";
import { CMS_LIMITS, PkiDecodeError } from "../../src/core/pki/der.ts";
import { STATUS_PRECEDENCE } from "../../src/core/pki/reasons.ts";
import { verifySmime, type SmimeOptions, type SmimeVerdict } from "../../src/core/pki/smime.ts";
import { canonicalCrlf } from "../../src/core/mail/mime.ts";
import { AT, ROOT, allCrls, base64Lines, dec, detachedSignatureDer, fixture, oidDer, withSignature } from "../fixtures/pki/helpers.ts";

// Fixed, so runs are reproducible; PKI_PROPERTY_SEED explores others.
const SEED = Number(process.env.PKI_PROPERTY_SEED ?? 20261123);
/** Longest a single verification may take, on a busy machine. */
const MAX_MS = 1500;
const options = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

const stats: { property: string; runs: number; ms: number }[] = [];
afterAll(() => {
  const total = stats.reduce((n, s) => n + s.runs, 0);
  console.log(
    ["property-based runs (seed " + SEED + "):", ...stats.map((s) => `  ${s.property}: ${s.runs} inputs, ${(s.ms / 1000).toFixed(1)} s`), `  total: ${total} inputs`].join("\n"),
  );
});

/** fc.assert with the fixed seed, counting the inputs actually generated and the time taken. */
async function measured<T extends unknown[]>(property: string, numRuns: number, arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, check: (...args: T) => Promise<void>): Promise<void> {
  const t0 = performance.now();
  let runs = 0;
  const prop = fc.asyncProperty(...(arbs as unknown as [fc.Arbitrary<unknown>]), async (...args: unknown[]) => {
    runs++;
    await check(...(args as T));
  });
  await fc.assert(prop, { seed: SEED, numRuns, endOnFailure: true });
  stats.push({ property, runs, ms: performance.now() - t0 });
}

async function verdictOf(message: Uint8Array): Promise<SmimeVerdict> {
  const t0 = performance.now();
  const v = await verifySmime(message, options());
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
  expect(STATUS_PRECEDENCE).toContain(v.status);
  expect(v.valid).toBe(v.status === "valid");
  if (!v.valid) {
    expect(v.reasons[0]!.code).toBe(v.status);
    expect(v.reasons[0]!.severity).toBe("error");
    expect(v.reasons[0]!.message.length).toBeGreaterThan(0);
  }
  return v;
}

// --- a minimal DER tree, for mutations that keep every enclosing length consistent --------------

interface Node {
  tag: Uint8Array;
  content: Uint8Array | null; // primitive
  children: Node[] | null; // constructed
}

function parseTree(der: Uint8Array, pos = 0): { node: Node; end: number } {
  const tagStart = pos;
  const constructed = (der[pos]! & 0x20) !== 0;
  if ((der[pos++]! & 0x1f) === 0x1f) while (der[pos++]! & 0x80);
  const tag = der.subarray(tagStart, pos);
  let len = der[pos++]!;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[pos++]!;
  }
  const end = pos + len;
  if (!constructed) return { node: { tag, content: der.subarray(pos, end), children: null }, end };
  const children: Node[] = [];
  for (let p = pos; p < end; ) {
    const c = parseTree(der, p);
    children.push(c.node);
    p = c.end;
  }
  return { node: { tag, content: null, children }, end };
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** DER of `node`; `lengthDelta` makes the one node's announced length wrong. */
function serialize(node: Node, wrong?: { node: Node; delta: number }): Uint8Array {
  const body = node.children ? concat(node.children.map((c) => serialize(c, wrong))) : node.content!;
  const len = Math.max(0, body.length + (wrong?.node === node ? wrong.delta : 0));
  return concat([node.tag, Uint8Array.from(lengthBytes(len)), body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function flatten(node: Node, out: { node: Node; parent: Node | null }[] = [], parent: Node | null = null) {
  out.push({ node, parent });
  for (const c of node.children ?? []) flatten(c, out, node);
  return out;
}

function clone(node: Node): Node {
  return { tag: node.tag, content: node.content, children: node.children?.map(clone) ?? null };
}

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const oidContent = (oid: string) => oidDer(oid).subarray(2);

/** OIDs a forger would swap in: digests we cannot compute, weak ones, other algorithms, unknown ones. */
const SWAP_OIDS = [
  "2.16.840.1.101.3.4.2.4", // SHA-224
  "2.16.840.1.101.3.4.2.1", // SHA-256
  "2.16.840.1.101.3.4.2.2", // SHA-384
  "2.16.840.1.101.3.4.2.3", // SHA-512
  "1.2.840.113549.2.5", // MD5
  "1.3.14.3.2.26", // SHA-1
  "2.16.840.1.101.3.4.2.99", // unknown digest
  "1.2.840.113549.1.1.1", // rsaEncryption
  "1.2.840.113549.1.1.11", // sha256WithRSAEncryption
  "1.2.840.113549.1.1.14", // sha224WithRSAEncryption (unknown here)
  "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
  "1.2.840.113549.1.1.4", // md5WithRSAEncryption
  "1.2.840.113549.1.1.10", // RSASSA-PSS
  "1.2.840.113549.1.1.8", // MGF1
  "1.2.840.10045.4.3.2", // ecdsa-with-SHA256
  "1.2.840.10045.4.3.1", // ecdsa-with-SHA224 (unknown here)
  "1.2.840.10045.2.1", // id-ecPublicKey
  "1.2.840.113549.1.7.1", // id-data
  "1.2.840.113549.1.7.2", // id-signedData
  "1.2.840.113549.1.9.4", // messageDigest
  "1.2.3.4.5.6.7", // unknown
];

type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; count: number }
  | { kind: "length"; node: number; delta: number }
  | { kind: "oid"; node: number; target: number }
  | { kind: "drop"; node: number; child: number }
  | { kind: "duplicate"; node: number; child: number }
  | { kind: "truncate"; node: number; count: number }
  | { kind: "swap"; node: number; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant("length" as const), node: fc.nat(), delta: fc.integer({ min: -300, max: 300 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant("oid" as const), node: fc.nat(), target: fc.nat({ max: SWAP_OIDS.length - 1 }) }),
  fc.record({ kind: fc.constant("drop" as const), node: fc.nat(), child: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), node: fc.nat(), child: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), node: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("swap" as const), node: fc.nat(), a: fc.nat(), b: fc.nat() }),
);

/** The mutated DER, and whether the change is one that leaves the signed meaning untouched. */
function mutate(der: Uint8Array, m: Mutation): { der: Uint8Array; neutral: boolean } {
  const raw = (out: Uint8Array) => ({ der: out, neutral: bytesEqual(out, der) });
  const at = (n: number) => n % der.length;
  switch (m.kind) {
    case "flip": {
      const out = Uint8Array.from(der);
      out[at(m.at)] = out[at(m.at)]! ^ (1 << m.bit);
      return raw(out);
    }
    case "set": {
      const out = Uint8Array.from(der);
      out[at(m.at)] = m.value;
      return raw(out);
    }
    case "insert":
      return raw(concat([der.subarray(0, at(m.at)), m.bytes, der.subarray(at(m.at))]));
    case "delete":
      return raw(concat([der.subarray(0, at(m.at)), der.subarray(at(m.at) + m.count)]));
    default:
      break;
  }
  const root = parseTree(der).node;
  const nodes = flatten(root);
  const pick = (n: number) => nodes[n % nodes.length]!;
  // The certificates field ([0] of SignedData): a SET whose order and repetitions carry no meaning.
  const certSet = root.children?.[1]?.children?.[0]?.children?.find((c) => c.tag[0] === 0xa0) ?? null;
  let neutralBySemantics = false;
  switch (m.kind) {
    case "length":
      return raw(serialize(root, { node: pick(m.node).node, delta: m.delta }));
    case "oid": {
      const oids = nodes.filter((x) => x.node.tag[0] === 0x06);
      const target = oids[m.node % oids.length]!.node;
      target.content = oidContent(SWAP_OIDS[m.target]!);
      break;
    }
    case "drop":
    case "duplicate":
    case "swap": {
      const parents = nodes.filter((x) => (x.node.children?.length ?? 0) > 0);
      const p = parents[m.node % parents.length]!.node;
      const kids = p.children!;
      if (m.kind === "drop") kids.splice(m.child % kids.length, 1);
      else if (m.kind === "duplicate") {
        kids.splice(m.child % kids.length, 0, clone(kids[m.child % kids.length]!));
        neutralBySemantics = p === certSet; // the same certificates, one twice
      } else {
        const i = m.a % kids.length;
        const j = m.b % kids.length;
        [kids[i], kids[j]] = [kids[j]!, kids[i]!];
        neutralBySemantics = p === certSet;
      }
      break;
    }
    case "truncate": {
      const prims = nodes.filter((x) => x.node.content && x.node.content.length > 0);
      const t = prims[m.node % prims.length]!.node;
      t.content = t.content!.subarray(0, Math.max(0, t.content!.length - m.count));
      break;
    }
  }
  const out = serialize(root);
  return { der: out, neutral: neutralBySemantics || bytesEqual(out, der) || sameMeaning(out, der) };
}

const NULL_DER = Uint8Array.from([0x05, 0x00]);
const oidOf = (n: Node | undefined) => (n?.tag[0] === 0x06 && n.content ? n.content : null);
const isOid = (n: Node | undefined, oid: string) => {
  const c = oidOf(n);
  return c !== null && bytesEqual(c, oidContent(oid));
};

/** An AlgorithmIdentifier with NULL parameters written without them (RFC 5754: the same algorithm). */
function dropNullParams(n: Node): void {
  const kids = n.children;
  if (!kids) return;
  if (kids.length === 2 && oidOf(kids[0]) && kids[1]!.content && bytesEqual(concat([kids[1]!.tag, Uint8Array.from([kids[1]!.content.length]), kids[1]!.content]), NULL_DER)) kids.pop();
  kids.forEach(dropNullParams);
}

const HASH_OF_SIGNATURE: Record<string, string> = {
  "1.2.840.113549.1.1.11": "2.16.840.1.101.3.4.2.1",
  "1.2.840.113549.1.1.12": "2.16.840.1.101.3.4.2.2",
  "1.2.840.113549.1.1.13": "2.16.840.1.101.3.4.2.3",
  "1.2.840.10045.4.3.2": "2.16.840.1.101.3.4.2.1",
  "1.2.840.10045.4.3.3": "2.16.840.1.101.3.4.2.2",
  "1.2.840.10045.4.3.4": "2.16.840.1.101.3.4.2.3",
};

/**
 * Canonical form of what a CMS means, for the unsigned fields only (what is signed is compared byte
 * for byte): certificates as a set, NULL algorithm parameters as absent, and "sha256WithRSAEncryption"
 * written as "rsaEncryption with a SHA-256 digest" (likewise ECDSA): the same computation.
 */
function canonical(der: Uint8Array): Uint8Array | null {
  let root: Node;
  try {
    const parsed = parseTree(der);
    if (parsed.end !== der.length) return null;
    root = parsed.node;
  } catch {
    return null;
  }
  const sd = root.children?.[1]?.children?.[0];
  if (!sd?.children) return null;
  const certSet = sd.children.find((c) => c.tag[0] === 0xa0);
  if (certSet?.children) {
    const unique = new Map(certSet.children.map((c) => [Buffer.from(serialize(c)).toString("hex"), c]));
    certSet.children = [...unique.keys()].sort().map((k) => unique.get(k)!);
  }
  sd.children[1]?.children?.forEach(dropNullParams);
  for (const si of sd.children[sd.children.length - 1]?.children ?? []) {
    const kids = si.children ?? [];
    const digest = kids[2];
    const sigAlg = kids[kids[3]?.tag[0] === 0xa0 ? 4 : 3];
    if (digest) dropNullParams(digest);
    if (sigAlg) {
      dropNullParams(sigAlg);
      const sigOid = sigAlg.children?.[0];
      const bound = Object.entries(HASH_OF_SIGNATURE).find(([sig]) => isOid(sigOid, sig));
      if (bound && digest && isOid(digest.children?.[0], bound[1])) {
        sigOid!.content = oidContent(bound[0].startsWith("1.2.840.10045") ? "1.2.840.10045.2.1" : "1.2.840.113549.1.1.1");
      }
    }
  }
  return serialize(root);
}

function sameMeaning(a: Uint8Array, b: Uint8Array): boolean {
  const ca = canonical(a);
  const cb = canonical(b);
  return ca !== null && cb !== null && bytesEqual(ca, cb);
}

// --- fixtures -------------------------------------------------------------------------------------

interface Signed {
  name: string;
  message: Uint8Array;
  der: Uint8Array;
  wrap(der: Uint8Array): Uint8Array;
}

function opaque(file: string): Signed {
  const message = fixture(`mail/${file}`);
  const text = dec(message);
  const headerEnd = text.indexOf("\r\n\r\n") + 4;
  const der = new Uint8Array(Buffer.from(text.slice(headerEnd).replace(/\s+/g, ""), "base64"));
  return { name: file, message, der, wrap: (d) => latin1(text.slice(0, headerEnd) + base64Lines(d) + "\r\n") };
}

function detached(file: string): Signed {
  const message = fixture(`mail/${file}`);
  return { name: file, message, der: detachedSignatureDer(message), wrap: (d) => withSignature(message, d) };
}

const SIGNED: Signed[] = [
  detached("good-rsa-detached.eml"),
  detached("good-ec-detached.eml"),
  detached("good-rsa-pss-detached.eml"),
  detached("good-rsa-keyid.eml"),
  detached("good-rsa-noattr.eml"),
  opaque("good-rsa-opaque.eml"),
  opaque("good-ec-opaque.eml"),
];

describe("property: mutated real signatures", { timeout: 120_000 }, () => {
  it("the fixtures are valid, and the DER tree re-encodes them byte for byte", async () => {
    for (const s of SIGNED) {
      expect([s.name, (await verdictOf(s.message)).status]).toEqual([s.name, "valid"]);
      expect(bytesEqual(serialize(parseTree(s.der).node), s.der)).toBe(true);
      expect([s.name, (await verdictOf(s.wrap(s.der))).status]).toEqual([s.name, "valid"]);
    }
  });

  it("never throws, answers in bounded time, never valid unless the mutation is neutral", async () => {
    await measured(
      "verifySmime on mutated CMS (7 fixtures, 10 mutation kinds)",
      300,
      [fc.nat({ max: SIGNED.length - 1 }), mutation],
      async (which: number, m: Mutation) => {
        const s = SIGNED[which]!;
        const { der, neutral } = mutate(s.der, m);
        const v = await verdictOf(s.wrap(der));
        if (neutral) expect(v.status).toBe("valid");
        else expect([s.name, m.kind, v.valid]).toEqual([s.name, m.kind, false]);
      },
    );
  });

  it("OID swaps alone, every OID of the structure, every target", async () => {
    await measured(
      "verifySmime with one OID swapped",
      150,
      [fc.nat({ max: SIGNED.length - 1 }), fc.nat(), fc.nat({ max: SWAP_OIDS.length - 1 })],
      async (which: number, node: number, target: number) => {
        const s = SIGNED[which]!;
        const { der, neutral } = mutate(s.der, { kind: "oid", node, target });
        const v = await verdictOf(s.wrap(der));
        expect(v.valid).toBe(neutral);
      },
    );
  });
});

describe("property: the message around the signature", { timeout: 60_000 }, () => {
  const good = SIGNED[0]!;
  const text = dec(good.message);

  it("unsigned headers (Subject, To, Message-ID) changed: the verdict is the original's", async () => {
    await measured(
      "unsigned header values changed",
      80,
      [fc.constantFrom("Subject", "To", "Message-ID"), fc.stringMatching(/^[A-Za-z0-9 .<>@_-]{0,40}$/)],
      async (name: string, value: string) => {
        const changed = text.replace(new RegExp(`^${name}: [^\\r\\n]*`, "m"), `${name}: ${value}`);
        expect((await verdictOf(latin1(changed))).status).toBe("valid");
      },
    );
  });

  it("a byte of the signed part changed or removed: valid only when the canonical form is unchanged", async () => {
    const boundary = /boundary="([^"]+)"/.exec(text)![1]!;
    const partStart = text.indexOf(`--${boundary}`) + boundary.length + 4; // after "--B\r\n"
    const partEnd = text.indexOf(`\r\n--${boundary}`, partStart);
    const original = canonicalCrlf(latin1(text.slice(partStart, partEnd)));
    await measured(
      "signed part changed",
      120,
      [fc.integer({ min: partStart, max: partEnd - 1 }), fc.option(fc.integer({ min: 0x20, max: 0x7e }), { nil: null })],
      async (at: number, ch: number | null) => {
        const changed = text.slice(0, at) + (ch === null ? "" : String.fromCharCode(ch)) + text.slice(at + 1);
        const part = changed.slice(partStart, changed.indexOf(`\r\n--${boundary}`, partStart));
        const same = bytesEqual(canonicalCrlf(latin1(part)), original);
        const v = await verdictOf(latin1(changed));
        if (same) expect(v.status).toBe("valid");
        else expect(v.valid).toBe(false);
      },
    );
  });

  it("arbitrary bytes as the signature part, or as the whole message", async () => {
    await measured(
      "arbitrary bytes as signature or message",
      150,
      [fc.uint8Array({ maxLength: 4096 }), fc.boolean()],
      async (bytes: Uint8Array, asSignature: boolean) => {
        const v = await verdictOf(asSignature ? good.wrap(bytes) : bytes);
        expect(v.valid).toBe(false);
      },
    );
  });
});

describe("property: DER readers", { timeout: 60_000 }, () => {
  const cert = new Uint8Array(Buffer.from(dec(fixture("certs/jean-dupont-rsa.pem")).replace(/-----[^-]+-----|\s/g, ""), "base64"));
  const crl = fixture("crl/personnes.crl");
  const cms = SIGNED[0]!.der;
  const readers: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
    ["certificate", cert, parseCertificate],
    ["CRL", crl, parseCrl],
    ["CMS", cms, (b) => parseSignedData(parseContentInfo(b, CMS_LIMITS))],
  ];
  const answers = (read: (b: Uint8Array) => unknown, bytes: Uint8Array) => {
    const t0 = performance.now();
    try {
      read(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(PkiDecodeError);
    }
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  };

  it("mutated certificates, CRLs and CMS: a value or a typed error, quickly", async () => {
    await measured(
      "DER readers on mutated inputs",
      600,
      [fc.nat({ max: readers.length - 1 }), mutation],
      async (which: number, m: Mutation) => {
        const [, der, read] = readers[which]!;
        answers(read, mutate(der, m).der);
      },
    );
  });

  it("arbitrary bytes, and DER-looking prefixes", async () => {
    await measured(
      "DER readers on arbitrary bytes",
      600,
      [
        fc.nat({ max: readers.length - 1 }),
        fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 2048 }).map((b) => concat([Uint8Array.from([0x30, 0x82, b.length >> 8, b.length & 0xff]), b]))),
      ],
      async (which: number, bytes: Uint8Array) => answers(readers[which]![2], bytes),
    );
  });
});
