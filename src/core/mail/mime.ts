// MIME structure of a raw message (RFC 2045/2046): entities, their header blocks and the exact byte
// ranges of every part, so a signature can be checked over the bytes as received. Written by hand
// because mail libraries decode and normalise (which destroys the signed bytes) and because hostile
// input (deep nesting, thousands of parts, megabyte headers) must be bounded, not followed.

import { headerValues, parseHeaderBlock, type HeaderBlock } from "./headers.ts";

export interface ContentType {
  /** Lower-case `type/subtype`; `text/plain` when absent (RFC 2045 §5.2). */
  mediaType: string;
  type: string;
  subtype: string;
  /** Parameters, names lower-cased, values unquoted (RFC 2231 continuations joined, not decoded). */
  params: Record<string, string>;
}

export interface MimeEntity {
  /** Offset of the entity's first byte (its header block) in the message. */
  start: number;
  /** Offset of the first body byte. */
  bodyStart: number;
  /** Offset just past the entity's last byte. */
  end: number;
  headers: HeaderBlock;
  contentType: ContentType;
  /** Lower-case Content-Transfer-Encoding, `7bit` when absent. */
  transferEncoding: string;
  /** Nesting depth, 0 for the message itself. */
  depth: number;
  /** Body parts of a multipart entity, in order (empty otherwise, or when limits were hit). */
  parts: MimeEntity[];
  /** Structural oddities met in this entity (e.g. `no-boundary`, `missing-close-delimiter`). */
  problems: string[];
}

export interface MimeLimits {
  /** Deepest multipart nesting followed (default 32). */
  maxDepth?: number;
  /** Most entities parsed in one message (default 2000). */
  maxParts?: number;
  /** Largest header block of one entity, in bytes (default 1 MiB). */
  maxHeaderBytes?: number;
}

export interface MimeTree {
  root: MimeEntity;
  /** A limit was hit: some of the structure was not parsed. */
  limitExceeded: "depth" | "parts" | "header-size" | null;
}

const DEFAULTS: Required<MimeLimits> = { maxDepth: 32, maxParts: 2000, maxHeaderBytes: 1024 * 1024 };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/** Parses a Content-Type value (RFC 2045 §5.1, lenient about whitespace and trailing junk). */
export function parseContentType(value: string | undefined): ContentType {
  const fallback: ContentType = { mediaType: "text/plain", type: "text", subtype: "plain", params: {} };
  if (value === undefined) return fallback;
  const s = value.replace(/\([^()]*\)/g, " ");
  const m = /^\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*\/\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*/.exec(s);
  if (!m) return { ...fallback, params: parseParams(s) };
  const type = m[1]!.toLowerCase();
  const subtype = m[2]!.toLowerCase();
  return { mediaType: `${type}/${subtype}`, type, subtype, params: parseParams(s.slice(m[0].length)) };
}

function parseParams(s: string): Record<string, string> {
  const raw: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const semi = s.indexOf(";", i);
    if (semi < 0) break;
    i = semi + 1;
    while (s[i] === " " || s[i] === "\t") i++;
    const name = TOKEN.exec(s.slice(i));
    if (!name) continue;
    i += name[0].length;
    while (s[i] === " " || s[i] === "\t") i++;
    if (s[i] !== "=") continue;
    i++;
    while (s[i] === " " || s[i] === "\t") i++;
    let val = "";
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length) i++;
        val += s[i];
        i++;
      }
      i++;
    } else {
      const t = /^[^;\s]*/.exec(s.slice(i))!;
      val = t[0];
      i += val.length;
    }
    const key = name[0].toLowerCase();
    if (!(key in raw)) raw[key] = val;
  }
  // RFC 2231 continuations: name*0, name*1, … joined in order (charset decoding is not needed here).
  const params: Record<string, string> = {};
  const continued = new Map<string, string[]>();
  for (const [key, val] of Object.entries(raw)) {
    const c = /^(.+?)\*(\d+)\*?$/.exec(key);
    if (c) {
      const parts = continued.get(c[1]!) ?? [];
      parts[Number(c[2])] = val;
      continued.set(c[1]!, parts);
    } else params[key.replace(/\*$/, "")] = val;
  }
  for (const [name, parts] of continued) if (!(name in params)) params[name] = parts.join("");
  return params;
}

/** Where the header block of an entity starting at `start` ends, and where its body starts. */
function splitEntity(bytes: Uint8Array, start: number, end: number): { headerEnd: number; bodyStart: number } {
  // No header block at all: the entity starts with its blank line.
  if (bytes[start] === 0x0a) return { headerEnd: start, bodyStart: start + 1 };
  if (bytes[start] === 0x0d && bytes[start + 1] === 0x0a) return { headerEnd: start, bodyStart: start + 2 };
  for (let i = start; i < end; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (i + 1 < end && bytes[i + 1] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 2 };
    if (i + 2 < end && bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 3 };
  }
  return { headerEnd: end, bodyStart: end };
}

function startsWithAt(bytes: Uint8Array, at: number, pattern: Uint8Array, end: number): boolean {
  if (at + pattern.length > end) return false;
  for (let j = 0; j < pattern.length; j++) if (bytes[at + j] !== pattern[j]) return false;
  return true;
}

interface Delimiter {
  /** Offset where the delimiter begins, including the line end before it (which belongs to it). */
  cut: number;
  /** Offset of the first byte after the delimiter line. */
  next: number;
  close: boolean;
}

/** Finds the delimiter lines of `boundary` in [from, end) (RFC 2046 §5.1.1). */
function findDelimiters(bytes: Uint8Array, from: number, end: number, boundary: string, max: number): Delimiter[] {
  const dash = new TextEncoder().encode(`--${boundary}`);
  const found: Delimiter[] = [];
  let lineStart = from;
  while (lineStart < end && found.length < max) {
    if (startsWithAt(bytes, lineStart, dash, end)) {
      let k = lineStart + dash.length;
      let close = false;
      if (bytes[k] === 0x2d && bytes[k + 1] === 0x2d && k + 1 < end) {
        close = true;
        k += 2;
      }
      // Only transport padding may follow the boundary; anything else means a longer, different line.
      while (k < end && (bytes[k] === 0x20 || bytes[k] === 0x09)) k++;
      if (k >= end || bytes[k] === 0x0a || (bytes[k] === 0x0d && bytes[k + 1] === 0x0a)) {
        let cut = lineStart;
        if (cut > from && bytes[cut - 1] === 0x0a) {
          cut--;
          if (cut > from && bytes[cut - 1] === 0x0d) cut--;
        }
        const next = k >= end ? end : bytes[k] === 0x0a ? k + 1 : k + 2;
        found.push({ cut, next, close });
        if (close) return found;
        lineStart = next;
        continue;
      }
    }
    const nl = bytes.indexOf(0x0a, lineStart);
    if (nl < 0 || nl >= end) break;
    lineStart = nl + 1;
  }
  return found;
}

/** Parses the MIME structure of `bytes`, within limits. Never throws on content. */
export function parseMime(bytes: Uint8Array, limits: MimeLimits = {}): MimeTree {
  const lim = { ...DEFAULTS, ...limits };
  let count = 0;
  let limitExceeded: MimeTree["limitExceeded"] = null;

  function entity(start: number, end: number, depth: number): MimeEntity {
    count++;
    const { headerEnd, bodyStart } = splitEntity(bytes, start, end);
    const headers = parseHeaderBlock(bytes.subarray(start, headerEnd), { maxBytes: lim.maxHeaderBytes });
    const problems: string[] = [];
    if (headers.truncated) {
      problems.push("header-too-large");
      limitExceeded ??= "header-size";
    }
    const contentType = parseContentType(headerValues(headers, "content-type")[0]);
    const transferEncoding = (headerValues(headers, "content-transfer-encoding")[0] ?? "7bit").trim().toLowerCase();
    const node: MimeEntity = { start, bodyStart, end, headers, contentType, transferEncoding, depth, parts: [], problems };
    if (contentType.type !== "multipart") return node;
    const boundary = contentType.params["boundary"];
    if (!boundary || boundary.length > 200) {
      problems.push("no-boundary");
      return node;
    }
    if (depth + 1 > lim.maxDepth) {
      problems.push("too-deep");
      limitExceeded ??= "depth";
      return node;
    }
    const delims = findDelimiters(bytes, bodyStart, end, boundary, lim.maxParts + 1);
    if (delims.length === 0) {
      problems.push("no-delimiter");
      return node;
    }
    if (!delims[delims.length - 1]!.close) problems.push("missing-close-delimiter");
    for (let i = 0; i < delims.length; i++) {
      const d = delims[i]!;
      if (d.close) break;
      const partEnd = i + 1 < delims.length ? delims[i + 1]!.cut : end;
      if (count >= lim.maxParts) {
        problems.push("too-many-parts");
        limitExceeded ??= "parts";
        break;
      }
      node.parts.push(entity(d.next, Math.max(d.next, partEnd), depth + 1));
    }
    return node;
  }

  const root = entity(0, bytes.length, 0);
  return { root, limitExceeded };
}

/** The entity's body bytes, as stored (no transfer decoding). */
export function entityBody(bytes: Uint8Array, e: MimeEntity): Uint8Array {
  return bytes.subarray(e.bodyStart, e.end);
}

/** The whole entity (headers and body) with every line end made CRLF (RFC 5751 §3.1.1). */
export function canonicalCrlf(data: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a && (i === 0 || data[i - 1] !== 0x0d)) bare++;
  }
  if (bare === 0) return data;
  const out = new Uint8Array(data.length + bare);
  let o = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x0a && (i === 0 || data[i - 1] !== 0x0d)) out[o++] = 0x0d;
    out[o++] = b;
  }
  return out;
}

const B64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;

/**
 * Decodes base64 (RFC 2045 §6.8): line breaks and spaces ignored, padding optional.
 * Returns null on any other character or an impossible length.
 */
export function decodeBase64(data: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let pad = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x0d || c === 0x0a || c === 0x20 || c === 0x09) continue;
    if (c === 0x3d) {
      pad++;
      continue;
    }
    const v = B64[c]!;
    if (v < 0 || pad > 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 6 || pad > 2) return null;
  return out.slice(0, o);
}

/** The body decoded from its transfer encoding; null when base64 is invalid. */
export function decodedBody(bytes: Uint8Array, e: MimeEntity): Uint8Array | null {
  const body = entityBody(bytes, e);
  if (e.transferEncoding === "base64") return decodeBase64(body);
  return body;
}
