// The add-on's CRL cache (src/addon/platform/crls.ts): only a CRL that a verification found signed by
// the issuing CA of a trusted path, and within its validity window, is kept; a forged, expired or
// older one never is, and never replaces a good one. messenger.storage and fetch are faked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { crlsFor, fetchCrl } from "../../src/addon/platform/crls.ts";
import { parseCrl, shouldKeepCrl, type ParsedCrl } from "../../src/core/pki/crl.ts";
import { verifySmime } from "../../src/core/pki/smime.ts";
import { AT, ROOT, fixture } from "../fixtures/pki/helpers.ts";

const PER_URL = "http://igc-sante.test/CRL/ACI-EL-PER-TEST.crl";
const ARL_URL = "http://igc-sante.test/CRL/ARL-TEST-ELEMENTAIRE.crl";

let store: Record<string, unknown>;
let served: Record<string, Uint8Array | "offline">;

beforeEach(() => {
  store = {};
  served = {};
  vi.stubGlobal("messenger", {
    storage: {
      local: {
        get: async (key: string) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
        set: async (items: Record<string, unknown>) => void Object.assign(store, structuredClone(items)),
      },
    },
  });
  vi.stubGlobal("fetch", async (url: string) => {
    const body = served[url];
    if (body === undefined || body === "offline") throw new TypeError("fetch failed");
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const kept = (url: string) => (store[`crl:${url}`] as { der: string } | undefined)?.der;
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const GOOD = () => fixture("crl/personnes.crl");
const FORGED = () => fixture("crl/faux-personnes.crl"); // PERSONNES's name, another key

/** What the add-on does for a message: fetch the CRLs of its path, verify with them. */
async function verifyRevoked() {
  const crls = await crlsFor([PER_URL, ARL_URL]);
  const v = await verifySmime(fixture("mail/revoked.eml"), { anchors: ROOT(), at: AT, crls });
  // The cache is written after the verification, asynchronously.
  await new Promise((r) => setTimeout(r, 20));
  return v;
}

describe("shouldKeepCrl (the decision, pure)", () => {
  const crl = () => parseCrl(GOOD()); // 2025-07-01 → 2045-01-01
  it("inside the validity window only", () => {
    expect(shouldKeepCrl(crl(), null, new Date("2030-01-01T00:00:00Z"))).toBe(true);
    expect(shouldKeepCrl(crl(), null, new Date("2025-06-30T00:00:00Z"))).toBe(false);
    expect(shouldKeepCrl(crl(), null, new Date("2045-01-02T00:00:00Z"))).toBe(false);
    const noNext: ParsedCrl = { ...crl(), nextUpdate: null };
    expect(shouldKeepCrl(noNext, null, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
  it("never older than the one kept", () => {
    const newer: ParsedCrl = { ...crl(), thisUpdate: new Date("2026-01-01T00:00:00Z") };
    expect(shouldKeepCrl(crl(), newer, new Date("2030-01-01T00:00:00Z"))).toBe(false);
    expect(shouldKeepCrl(newer, crl(), new Date("2030-01-01T00:00:00Z"))).toBe(true);
  });
});

describe("platform/crls.ts keeps only verified CRLs", () => {
  it("a forged CRL is used (and ignored) by the verification but never kept", async () => {
    served[PER_URL] = FORGED();
    served[ARL_URL] = fixture("crl/racine.crl");
    const v = await verifyRevoked();
    expect(v.status).toBe("revocation-unknown");
    expect(v.warnings.map((w) => w.code)).toContain("crl-invalid");
    expect(kept(PER_URL)).toBeUndefined();
    // The root's ARL verified with the anchor's key: kept.
    expect(kept(ARL_URL)).toBe(b64(fixture("crl/racine.crl")));
  });

  it("nothing is kept before a verification vouched for it", async () => {
    served[PER_URL] = GOOD();
    expect(await fetchCrl(PER_URL)).toBeDefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(kept(PER_URL)).toBeUndefined();
  });

  it("a good CRL is kept, a forged one does not replace it, and offline the good one answers", async () => {
    served[PER_URL] = GOOD();
    served[ARL_URL] = fixture("crl/racine.crl");
    expect((await verifyRevoked()).status).toBe("revoked");
    expect(kept(PER_URL)).toBe(b64(GOOD()));

    served[PER_URL] = FORGED();
    // The forged one is fetched, but the good one kept is handed over too: still revoked.
    expect((await verifyRevoked()).status).toBe("revoked");
    expect(kept(PER_URL)).toBe(b64(GOOD()));

    served[PER_URL] = "offline";
    served[ARL_URL] = "offline";
    expect((await verifyRevoked()).status).toBe("revoked");
    expect(kept(PER_URL)).toBe(b64(GOOD()));
  });

  it("garbage from the distribution point leaves the kept CRL alone", async () => {
    served[PER_URL] = GOOD();
    served[ARL_URL] = fixture("crl/racine.crl");
    await verifyRevoked();
    served[PER_URL] = new TextEncoder().encode("<html>proxy error</html>");
    expect((await verifyRevoked()).status).toBe("revoked");
    expect(kept(PER_URL)).toBe(b64(GOOD()));
  });
});
