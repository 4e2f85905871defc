// Generators of From values mixing what address parsers disagree on: quoted strings, comments,
// angle brackets, encoded-words, commas, semicolons, groups, invisible and bidi characters,
// look-alike @ and dots, next to real listed domains. Shared by the property and differential
// tests.
import fc from "fast-check";

const b64 = (s: string) => Buffer.from(s).toString("base64");

export const LISTED = ["medecin.mssante.fr", "chu-lyon.mssante.fr", "patient.mssante.fr", "MEDECIN.MSSANTE.FR", "pharmacie-gérardmer.mssante.fr"];

export const PIECES = [
  '"', "\\", "(", ")", "<", ">", ",", ";", ":", "@", ".", " ", "\t", "[", "]",
  '"Dr Martin"', '"Martin, Marie"', "(commentaire)", "((nested) c)", "()", "Dr", "Jean",
  "jean", "marie.martin", "x", ...LISTED, "evil.example", "gmail.example",
  "jean@medecin.mssante.fr", "<jean@medecin.mssante.fr>", "x@evil.example", "<x@evil.example>",
  "=?utf-8?q?jean=40medecin.mssante.fr?=", `=?utf-8?B?${b64("jean@medecin.mssante.fr")}?=`,
  `=?utf-8?B?${b64("a, b@evil.example")}?=`, "=?utf-8?q?H=C3=A9l=C3=A8ne?=", "=?iso-8859-1?q?Andr=E9?=",
  "=?utf-8?q?a?=", "=?", "?=", "=?utf-8?B?Q===?=", "=?x-unknown?q?a?=", "=?utf-8?q?=22?=",
  "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202E", "\u202C", "\u2066", "\u2060", "\u00AD", "\u034F",
  "\u180B", "\uFE0F", "\uFEFF", "\u3164", "\u115F", "\u00A0", "\u3000", "\u2028", "\u2007",
  "\uFF20", "\uFE6B", "\u3002", "\uFF0E", "\uFF61", "\u017F", "\uFF4D", "\u24DC", "\u217F",
  "G:", "Groupe :", "undisclosed-recipients:;", "[127.0.0.1]", "é", "\u0435",
];

/** Free mixtures of the pieces. */
export const freeFrom = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }).map((a) => a.join(""));

const name = fc.oneof(
  fc.constant(""),
  fc.constantFrom("Dr Jean Dupont", '"Dr Jean Dupont"', '"Martin, Marie"', "=?utf-8?q?H=C3=A9l=C3=A8ne?=", "(Dr Martin)", '"jean@medecin.mssante.fr"'),
);
const local = fc.constantFrom("jean", "marie.martin", "Jean.Dupont", '"quoted local"', "a+b");
const addr = fc.tuple(local, fc.constantFrom(...LISTED, "evil.example")).map(([l, d]) => `${l}@${d}`);
const spice = fc.constantFrom(...PIECES);

/** Mostly well-formed senders with one or two pieces inserted somewhere: many are trusted. */
export const nearlyValidFrom = fc
  .tuple(name, addr, fc.boolean(), fc.array(fc.tuple(spice, fc.nat()), { maxLength: 2 }))
  .map(([n, a, angle, inserts]) => {
    let s = angle || n ? `${n}${n ? " " : ""}<${a}>` : a;
    for (const [piece, at] of inserts) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + piece + s.slice(i);
    }
    return s;
  });

export const hostileFrom = fc.oneof({ arbitrary: freeFrom, weight: 1 }, { arbitrary: nearlyValidFrom, weight: 2 });
