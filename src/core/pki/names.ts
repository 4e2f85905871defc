// Distinguished names: the RFC 4514 string (most specific first, like `openssl -nameopt RFC2253`
// and the white list's DNCertificatOperateur) and comparison for chain building.
import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { bytesEqual, encodedBytes, toHex } from "./der.ts";

const SHORT_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "STREET",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.42": "GN",
  "2.5.4.43": "initials",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "2.5.4.97": "organizationIdentifier",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
};

export const OID_CN = "2.5.4.3";
export const OID_SERIAL_NUMBER = "2.5.4.5";
export const OID_OU = "2.5.4.11";
export const OID_EMAIL = "1.2.840.113549.1.9.1";

/** The text of an attribute value, or null when it is not a string type. */
export function attributeText(value: unknown): string | null {
  if (value instanceof asn1js.BaseStringBlock) return (value as asn1js.BaseStringBlock).valueBlock.value;
  return null;
}

function escapeValue(v: string): string {
  let s = v.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (s.startsWith(" ") || s.startsWith("#")) s = `\\${s}`;
  if (s.endsWith(" ") && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/** RFC 4514 string: RDNs in reverse order (most specific first), no spaces after commas. */
export function dnToString(name: pkijs.RelativeDistinguishedNames): string {
  const parts: string[] = [];
  for (const tv of name.typesAndValues) {
    const key = SHORT_NAMES[tv.type] ?? tv.type;
    const text = attributeText(tv.value);
    parts.push(`${key}=${text === null ? `#${toHex(encodedBytes(tv.value))}` : escapeValue(text)}`);
  }
  return parts.reverse().join(",");
}

/** Values of attribute `oid` in a name, in order. */
export function dnValues(name: pkijs.RelativeDistinguishedNames, oid: string): string[] {
  const out: string[] = [];
  for (const tv of name.typesAndValues) {
    if (tv.type !== oid) continue;
    const text = attributeText(tv.value);
    if (text !== null) out.push(text);
  }
  return out;
}

/** Same name: identical encoding, or equal after RFC 5280 §7.1-style case and space folding. */
export function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  const ea = a.valueBeforeDecode;
  const eb = b.valueBeforeDecode;
  if (ea.byteLength && eb.byteLength && bytesEqual(new Uint8Array(ea), new Uint8Array(eb))) return true;
  try {
    return a.isEqual(b);
  } catch {
    return false;
  }
}

