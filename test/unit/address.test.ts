import { describe, expect, it } from "vitest";
import { parseAddressList } from "../../src/core/mail/address.ts";
import { decodeEncodedWords } from "../../src/core/mail/encoded-words.ts";

describe("parseAddressList", () => {
  it.each([
    ["marie@x.fr", "", "marie@x.fr"],
    ["Marie Martin <marie@x.fr>", "Marie Martin", "marie@x.fr"],
    ['"Martin, Marie" <marie@x.fr>', "Martin, Marie", "marie@x.fr"],
    ['"Dr \\"Marie\\"" <marie@x.fr>', 'Dr "Marie"', "marie@x.fr"],
    ["=?UTF-8?Q?H=C3=A9l=C3=A8ne_Lef=C3=A8vre?= <helene@x.fr>", "Hélène Lefèvre", "helene@x.fr"],
    ["=?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_Dupr=E9?= <andre@x.fr>", "André Dupré", "andre@x.fr"],
    ["Hélène <hélène@exemple.fr>", "Hélène", "hélène@exemple.fr"],
    ['"quoted local"@x.fr', "", "quoted local@x.fr"],
  ])("%s", (input, name, address) => {
    const r = parseAddressList(input);
    expect(r.anomalies).toEqual([]);
    expect(r.mailboxes).toHaveLength(1);
    expect(r.mailboxes[0]).toMatchObject({ displayName: name, address });
  });

  it("keeps comments and reports what lenient parsers hide", () => {
    const r = parseAddressList("x@evil.example (marie@x.fr)");
    expect(r.mailboxes[0]!.comments).toEqual(["marie@x.fr"]);
    expect(parseAddressList("a@x.fr, b@y.fr").mailboxes).toHaveLength(2);
    expect(parseAddressList("<=?utf-8?q?a=40x.fr?=@evil.example>").anomalies).toContain("encoded-word-in-address");
    expect(parseAddressList("a@x.fr <b@y.fr>").anomalies).toContain("unquoted-specials-in-name");
    expect(parseAddressList('"unclosed <a@x.fr>').anomalies).toContain("unbalanced");
    expect(parseAddressList("Dr <a@x.fr> <b@y.fr>").anomalies).toContain("several-angle-addresses");
    expect(parseAddressList("a@x.fr,").anomalies).toContain("empty-element");
    expect(parseAddressList("undisclosed-recipients:;")).toEqual({ mailboxes: [], anomalies: ["group"] });
    expect(parseAddressList("a@x.fr\u0007").anomalies).toContain("control-characters");
  });

  it("survives hostile sizes", () => {
    const deep = "(".repeat(100000) + "a@x.fr";
    const t0 = Date.now();
    const r = parseAddressList(deep);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.anomalies).toContain("unbalanced");
    expect(parseAddressList("a".repeat(1_000_000) + "@x.fr").mailboxes).toHaveLength(1);
  });
});

describe("decodeEncodedWords", () => {
  it("decodes B and Q, joins adjacent words, leaves unknown charsets verbatim", () => {
    expect(decodeEncodedWords("=?utf-8?B?SMOpbMOobmU=?=").text).toBe("Hélène");
    expect(decodeEncodedWords("=?utf-8?q?a?= =?utf-8?q?b?=").text).toBe("ab");
    const bad = decodeEncodedWords("=?x-unknown?q?abc?=");
    expect(bad).toEqual({ text: "=?x-unknown?q?abc?=", decoded: false, failures: 1 });
    expect(decodeEncodedWords("=?windows-1252?Q?=80?=").text).toBe("€");
  });
});
