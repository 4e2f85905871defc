// The MIME walker under the S/MIME checks: byte ranges, boundaries, canonical CRLF, parameters.
import { describe, expect, it } from "vitest";
import { canonicalCrlf, decodeBase64, parseContentType, parseMime } from "../../src/core/mail/mime.ts";
import { parseMailDate } from "../../src/core/mail/date.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("parseContentType", () => {
  it("reads type, subtype and parameters (quoted, case, comments, RFC 2231 continuations)", () => {
    const ct = parseContentType('Multipart/Signed; protocol="application/pkcs7-signature"; micalg=SHA-256 (c); Boundary="a;b\\"c"');
    expect(ct.mediaType).toBe("multipart/signed");
    expect(ct.params).toEqual({ protocol: "application/pkcs7-signature", micalg: "SHA-256", boundary: 'a;b"c' });
    expect(parseContentType("text/plain; boundary*0=ab; boundary*1=cd").params["boundary"]).toBe("abcd");
    expect(parseContentType(undefined).mediaType).toBe("text/plain");
    expect(parseContentType("garbage").mediaType).toBe("text/plain");
  });
});

describe("parseMime", () => {
  it("gives exact part ranges; the line end before a delimiter belongs to the delimiter", () => {
    const msg = enc("Content-Type: multipart/signed; boundary=XY\r\n\r\npreamble\r\n--XY\r\nContent-Type: text/plain\r\n\r\nhello\r\n\r\n--XY\r\nA: b\r\n\r\nsig\r\n--XY--\r\nepilogue\r\n");
    const { root, limitExceeded } = parseMime(msg);
    expect(limitExceeded).toBeNull();
    expect(root.parts).toHaveLength(2);
    expect(dec(msg.subarray(root.parts[0]!.start, root.parts[0]!.end))).toBe("Content-Type: text/plain\r\n\r\nhello\r\n");
    expect(dec(msg.subarray(root.parts[1]!.bodyStart, root.parts[1]!.end))).toBe("sig");
    expect(root.problems).toEqual([]);
  });

  it("bare LF messages, boundary prefixes that are not delimiters, missing close delimiter", () => {
    const msg = enc("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--bb not a delimiter\n--b  \n\ntwo\n");
    const { root } = parseMime(msg);
    expect(root.parts.map((p) => dec(msg.subarray(p.bodyStart, p.end)))).toEqual(["one\n--bb not a delimiter", "two\n"]);
    expect(root.problems).toContain("missing-close-delimiter");
  });

  it("an entity without headers starts with its blank line", () => {
    const msg = enc("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b--");
    const part = parseMime(msg).root.parts[0]!;
    expect(part.headers.fields).toEqual([]);
    expect(dec(msg.subarray(part.bodyStart, part.end))).toBe("body");
  });

  it("stops at the depth and part limits", () => {
    let body = "x";
    for (let i = 0; i < 50; i++) body = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    expect(parseMime(enc(body)).limitExceeded).toBe("depth");
    const many = `Content-Type: multipart/mixed; boundary=p\r\n\r\n${"--p\r\n\r\nx\r\n".repeat(3000)}--p--`;
    expect(parseMime(enc(many)).limitExceeded).toBe("parts");
  });
});

describe("canonicalCrlf and base64", () => {
  it("makes every line end CRLF, leaves CRLF alone", () => {
    expect(dec(canonicalCrlf(enc("a\nb\r\nc\n")))).toBe("a\r\nb\r\nc\r\n");
    const same = enc("a\r\nb");
    expect(canonicalCrlf(same)).toBe(same);
  });
  it("decodes base64 with line breaks, refuses other characters", () => {
    expect(dec(decodeBase64(enc("aGVs\r\nbG8=\r\n"))!)).toBe("hello");
    expect(decodeBase64(enc("aGVs*bG8="))).toBeNull();
    expect(decodeBase64(enc("a"))).toBeNull();
  });
});

describe("parseMailDate", () => {
  it("reads RFC 5322 dates with numeric and obsolete zones", () => {
    expect(parseMailDate("Mon, 23 Nov 2026 15:39:58 +0100")?.toISOString()).toBe("2026-11-23T14:39:58.000Z");
    expect(parseMailDate("23 Nov 26 15:39 GMT")?.toISOString()).toBe("2026-11-23T15:39:00.000Z");
    expect(parseMailDate("Tue, 1 Jul 2025 08:00:00 -0500 (EST)")?.toISOString()).toBe("2025-07-01T13:00:00.000Z");
    expect(parseMailDate("demain")).toBeNull();
  });
});
