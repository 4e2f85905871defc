// The PKI caches (issue 15) never change a verdict: the whole fixture corpus, under every option set,
// gives the same JSON with the caches on (cold, then warm) and off; mutated SignerInfos (what the
// fast SignerInfo reader sees first) give the same verdict both ways; and after a cached good
// verification of a chain, a revoked certificate (CRL) and an expired one (verification time) are
// still caught, while the cache is shown to be used (fewer signature checks).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { pkiCachesEnabled, setPkiCaches } from "../../src/core/pki/cache.ts";
import { parseCrls } from "../../src/core/pki/crl.ts";
import { defaultCrypto, type PkiCrypto } from "../../src/core/pki/crypto.ts";
import { verifySmime, type SmimeOptions } from "../../src/core/pki/smime.ts";
import { AT, PKI_DIR, ROOT, allCrls, certs, detachedSignatureDer, fixture, withSignature } from "../fixtures/pki/helpers.ts";

afterEach(() => setPkiCaches(true));

const MAILS = readdirSync(join(PKI_DIR, "mail")).filter((f) => f.endsWith(".eml")).sort();
const OPTION_SETS: [string, () => SmimeOptions][] = [
  ["no CRL", () => ({ anchors: ROOT(), at: AT })],
  ["CRLs", () => ({ anchors: ROOT(), at: AT, crls: allCrls() })],
  ["empty CRL list, required", () => ({ anchors: ROOT(), at: AT, crls: [], requireRevocation: true })],
  ["both roots, CRLs", () => ({ anchors: certs("ca/racine-et-autre.pem"), at: AT, crls: allCrls() })],
  ["in 2041 (expired)", () => ({ anchors: ROOT(), at: new Date("2041-01-01T00:00:00Z"), crls: allCrls() })],
  ["in 2024 (not yet valid)", () => ({ anchors: ROOT(), at: new Date("2024-06-01T00:00:00Z") })],
];

async function corpus(): Promise<string[]> {
  const out: string[] = [];
  for (const [label, options] of OPTION_SETS) {
    for (const mail of MAILS) out.push(`${label} ${mail} ${JSON.stringify(await verifySmime(fixture(`mail/${mail}`), options()))}`);
  }
  return out;
}

/** The default engine, counting signature checks. */
function counting(): PkiCrypto & { verifies: number } {
  const base = defaultCrypto();
  const c = { verifies: 0, digest: base.digest, verify: (check: Parameters<PkiCrypto["verify"]>[0]) => (c.verifies++, base.verify(check)) };
  return c;
}

describe("PKI caches never change a verdict", { timeout: 300_000 }, () => {
  it("the whole corpus: identical JSON with caches off, on (cold) and on (warm)", async () => {
    setPkiCaches(false);
    expect(pkiCachesEnabled()).toBe(false);
    const off = await corpus();
    setPkiCaches(true);
    const cold = await corpus();
    const warm = await corpus();
    expect(off.length).toBe(MAILS.length * OPTION_SETS.length);
    expect(cold).toEqual(off);
    expect(warm).toEqual(off);
    // The corpus is not vacuous: it holds valid, revoked, expired and untrusted verdicts.
    const statuses = new Set(off.map((l) => (JSON.parse(l.slice(l.indexOf("{"))) as { status: string }).status));
    for (const s of ["valid", "revoked", "expired", "untrusted-issuer", "not-yet-valid", "altered", "bad-signature"]) expect(statuses, s).toContain(s);
  });

  it("mutated SignerInfos: the same verdict with the caches (fast reader) as without", async () => {
    const original = fixture("mail/good-rsa-detached.eml");
    const der = detachedSignatureDer(original);
    const options = (): SmimeOptions => ({ anchors: ROOT(), at: AT, crls: allCrls() });
    // The SignerInfo SET closes the SignedData: mutations in the last bytes hit it.
    const region = Math.min(600, der.length);
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: der.length - region, max: der.length - 1 }), fc.integer({ min: 0, max: 7 }), fc.boolean(), async (at, bit, twice) => {
        const mutated = der.slice();
        mutated[at]! ^= 1 << bit;
        if (twice && at > 0) mutated[at - 1]! ^= 0x80;
        const message = withSignature(original, mutated);
        setPkiCaches(true);
        await verifySmime(original, options()); // caches warm with the genuine pieces
        const on = await verifySmime(message, options());
        setPkiCaches(false);
        const off = await verifySmime(message, options());
        expect(on).toEqual(off);
        if (off.status !== "valid") changed++;
      }),
      { seed: 20261201, numRuns: 120 },
    );
    expect(changed).toBeGreaterThan(60);
  });
});

describe("a cached good verification does not hide a later problem", { timeout: 120_000 }, () => {
  it("revoked (CRL) after a good verification of the same chain without CRL", async () => {
    const message = fixture("mail/revoked.eml");
    const crypto = counting();
    const first = await verifySmime(message, { anchors: ROOT(), at: AT, crypto });
    expect(first.status).toBe("valid");
    const cold = crypto.verifies;
    crypto.verifies = 0;
    const again = await verifySmime(message, { anchors: ROOT(), at: AT, crypto });
    expect(again.status).toBe("valid");
    // The two certificate signatures of the path came from the cache; the message's own was checked.
    expect(crypto.verifies).toBe(1);
    expect(cold).toBe(3);
    const revoked = await verifySmime(message, { anchors: ROOT(), at: AT, crls: allCrls(), crypto });
    expect(revoked.status).toBe("revoked");
    expect(revoked.reasons[0]!.message).toMatch(/révoqué le 01\/06\/2025/);
  });

  it("expired (verification time) after a good verification, and good again at the first time", async () => {
    const message = fixture("mail/good-rsa-detached.eml");
    const crypto = counting();
    // CRL signature checks are kept per CRL object (as the add-on and the CLI keep them): one list.
    const crls = allCrls();
    expect((await verifySmime(message, { anchors: ROOT(), at: AT, crls, crypto })).status).toBe("valid");
    crypto.verifies = 0;
    const later = await verifySmime(message, { anchors: ROOT(), at: new Date("2041-01-01T00:00:00Z"), crls, crypto });
    expect(later.status).toBe("expired");
    expect(later.reasons[0]!.message).toMatch(/a expiré le/);
    expect(crypto.verifies).toBe(1);
    expect((await verifySmime(message, { anchors: ROOT(), at: AT, crls, crypto })).status).toBe("valid");
  });

  it("another anchor set: the cached path does not make an untrusted chain trusted", async () => {
    const message = fixture("mail/good-rsa-detached.eml");
    expect((await verifySmime(message, { anchors: ROOT(), at: AT })).status).toBe("valid");
    expect((await verifySmime(message, { anchors: certs("ca/autre-racine.pem"), at: AT })).status).toBe("untrusted-issuer");
    expect((await verifySmime(message, { anchors: [], at: AT })).status).toBe("untrusted-issuer");
  });

  it("a forged CRL (another key) is still refused after the genuine one was accepted", async () => {
    const message = fixture("mail/revoked.eml");
    expect((await verifySmime(message, { anchors: ROOT(), at: AT, crls: allCrls() })).status).toBe("revoked");
    const forged = await verifySmime(message, { anchors: ROOT(), at: AT, crls: certsCrl("crl/faux-personnes.crl") });
    expect(forged.reasons.map((r) => r.code)).toContain("crl-invalid");
    expect(forged.status).not.toBe("valid");
  });
});

/** The genuine CRLs with PERSONNES's replaced by `path` (signed with another key). */
function certsCrl(path: string) {
  return [...allCrls().filter((c) => !c.issuer.includes("PERSONNES")), ...parseCrls(fixture(path))];
}
