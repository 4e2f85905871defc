import { describe, expect, it } from "vitest";
import { headerValues, parseHeaderBlock } from "../../src/core/mail/headers.ts";

describe("parseHeaderBlock", () => {
  it("splits fields, unfolds continuation lines and stops at the empty line", () => {
    const raw = "From: Dr Marie Martin\r\n <marie.martin@chu-lyon.mssante.fr>\r\nSubject: a\r\n\tb\r\n\r\nTo: not-a-header@body\r\n";
    const block = parseHeaderBlock(raw);
    expect(block.fields.map((f) => f.key)).toEqual(["from", "subject"]);
    expect(headerValues(block, "FROM")).toEqual(["Dr Marie Martin <marie.martin@chu-lyon.mssante.fr>"]);
    expect(headerValues(block, "subject")).toEqual(["a\tb"]);
    expect(headerValues(block, "to")).toEqual([]);
    expect(block.truncated).toBe(false);
  });

  it("accepts bare LF line ends and keeps repeated fields in order", () => {
    const block = parseHeaderBlock("From: a@x.fr\nFrom: b@y.fr\n\nbody");
    expect(headerValues(block, "from")).toEqual(["a@x.fr", "b@y.fr"]);
  });

  it("reports NUL bytes and malformed lines instead of hiding them", () => {
    const block = parseHeaderBlock("From: a@x.fr\0<b@y.fr>\r\nthis line has no colon\r\n continuation\r\n\r\n");
    expect(block.hadNul).toBe(true);
    expect(headerValues(block, "from")).toEqual(["a@x.fr<b@y.fr> continuation"]);
    expect(block.malformedLines).toBe(1);
  });

  it("reports a bare carriage return, where Thunderbird ends a line and this parser does not", () => {
    const block = parseHeaderBlock("X-A: b\rFrom: x@evil.example\r\nFrom: jean@medecin.mssante.fr\r\n\r\n");
    expect(block.bareCr).toBe(true);
    expect(parseHeaderBlock("Subject: a\r\r\nFrom: b@y.fr\r\n\r\n").bareCr).toBe(true);
    expect(parseHeaderBlock("From: a@x.fr\r\n\r\nbody\r").bareCr).toBe(false);
    // Inside a value and before text that is no field: the fields read the same either way.
    expect(parseHeaderBlock("Subject: a\rb c\r\nFrom: a@x.fr\r\n\r\n").bareCr).toBe(false);
  });

  it("decodes UTF-8 header bytes (RFC 6532)", () => {
    const bytes = new TextEncoder().encode("From: Hélène Lefèvre <helene@exemple.fr>\r\n\r\n");
    expect(headerValues(parseHeaderBlock(bytes), "from")).toEqual(["Hélène Lefèvre <helene@exemple.fr>"]);
  });

  it("bounds the work on a megabyte header and says it was truncated", () => {
    const huge = "X-Pad: " + "a".repeat(3 * 1024 * 1024) + "\r\nFrom: late@x.fr\r\n\r\n";
    const block = parseHeaderBlock(huge, { maxBytes: 1024 * 1024 });
    expect(block.truncated).toBe(true);
    expect(block.size).toBeLessThanOrEqual(1024 * 1024);
    expect(headerValues(block, "from")).toEqual([]);
  });

  it("a message without body separator is all header", () => {
    const block = parseHeaderBlock("From: a@x.fr\r\nSubject: s");
    expect(headerValues(block, "subject")).toEqual(["s"]);
    expect(block.truncated).toBe(false);
  });
});
