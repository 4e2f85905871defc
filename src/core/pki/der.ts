// Bounded BER/DER decoding and PEM unwrapping. Every structure we read comes from strangers (mail,
// servers), so asn1js's resource limits are set explicitly and its failures become typed errors that
// the verdict turns into `malformed` (bad encoding) or `unsupported` (beyond our limits).
import * as asn1js from "asn1js";
import { msg, render, type Param, type Text } from "../i18n.ts";
import { decodeBase64 } from "../mail/mime.ts";

export type DecodeProblem = "malformed" | "unsupported";

/**
 * A structure that could not be decoded; `kind` says whether it is broken or just too big, `text`
 * what (a _locales key and parameters; `message` is its French words).
 */
export class PkiDecodeError extends Error {
  constructor(
    readonly kind: DecodeProblem,
    readonly text: Text,
  ) {
    super(render(text));
    this.name = "PkiDecodeError";
  }
}

/** "<what> : <why>", the shape of every decoding problem. */
export function decodeError(kind: DecodeProblem, what: Param, why: Text): PkiDecodeError {
  return new PkiDecodeError(kind, msg("pkiDecodeProblem", what, why));
}

export interface DerLimits {
  maxBytes: number;
  maxNodes: number;
  maxDepth: number;
}

/** Certificates, CMS signatures: small structures. */
export const SMALL_LIMITS: DerLimits = { maxBytes: 1024 * 1024, maxNodes: 20_000, maxDepth: 40 };
/** Opaque signed messages carry the whole message, attachments included. */
export const CMS_LIMITS: DerLimits = { maxBytes: 64 * 1024 * 1024, maxNodes: 200_000, maxDepth: 40 };
/** CRLs of a national CA can list tens of thousands of certificates. */
export const CRL_LIMITS: DerLimits = { maxBytes: 64 * 1024 * 1024, maxNodes: 4_000_000, maxDepth: 20 };

const LIMIT_ERRORS = /Maximum ASN\.1 (node count|nesting depth|content length) exceeded/;

/**
 * Walks the TLV structure of one BER value without building anything, iteratively: every length
 * must fit inside its parent, constructed values must be exactly filled by their children, and the
 * value must span all of `bytes`. asn1js alone tolerates a child running past its parent's declared
 * length, which hides "wrong length" corruption; this check makes it an error, and bounds node count
 * and depth before any object is allocated.
 */
export function checkBerStructure(bytes: Uint8Array, limits: DerLimits, what: Param): void {
  const bad = (why: Text) => decodeError("malformed", what, msg("pkiWhyAsn1InvalidDetail", why));
  // Each open constructed value: its end offset, or -1 while waiting for an end-of-contents; and,
  // alongside, the nearest definite end at or above it (what a child must fit in), so that finding
  // it is O(1) and the whole walk O(n): every byte is read once, every node pushed and popped once.
  const stack: number[] = [];
  const bounds: number[] = [];
  let pos = 0;
  let nodes = 0;
  const limitOf = () => (bounds.length ? bounds[bounds.length - 1]! : bytes.length);
  for (;;) {
    const top = stack.length ? stack[stack.length - 1]! : undefined;
    if (top !== undefined && top >= 0 && pos === top) {
      stack.pop();
      bounds.pop();
      if (stack.length === 0) break;
      continue;
    }
    const limit = limitOf();
    if (pos >= limit) throw bad(msg("pkiWhyTruncated"));
    if (top === -1 && bytes[pos] === 0 && bytes[pos + 1] === 0 && pos + 1 < limit) {
      pos += 2;
      stack.pop();
      bounds.pop();
      if (stack.length === 0) break;
      continue;
    }
    const tag = bytes[pos++]!;
    if ((tag & 0x1f) === 0x1f) {
      let k = 0;
      do {
        if (pos >= limit || ++k > 4) throw bad(msg("pkiWhyBadTag"));
      } while (bytes[pos++]! & 0x80);
    }
    if (pos >= limit) throw bad(msg("pkiWhyTruncated"));
    const first = bytes[pos++]!;
    const constructed = (tag & 0x20) !== 0;
    let end: number;
    if (first < 0x80) end = pos + first;
    else if (first === 0x80) {
      if (!constructed) throw bad(msg("pkiWhyIndefinitePrimitive"));
      end = -1;
    } else {
      const n = first & 0x7f;
      if (n > 4) throw bad(msg("pkiWhyImpossibleLength"));
      if (pos + n > limit) throw bad(msg("pkiWhyTruncated"));
      let len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + bytes[pos++]!;
      end = pos + len;
    }
    if (end > limit) throw bad(msg("pkiWhyLengthBeyond"));
    if (tag === 0 && first === 0) throw bad(msg("pkiWhyUnexpectedEoc"));
    if (++nodes > limits.maxNodes) throw decodeError("unsupported", what, msg("pkiWhyTooManyNodes", String(limits.maxNodes)));
    if (constructed) {
      if (stack.length + 1 > limits.maxDepth) throw decodeError("unsupported", what, msg("pkiWhyTooDeep"));
      stack.push(end);
      bounds.push(end >= 0 ? end : limit);
      if (end === pos) {
        stack.pop();
        bounds.pop();
        if (stack.length === 0) break;
      }
    } else {
      pos = end;
      if (stack.length === 0) break;
    }
  }
  if (pos !== bytes.length) throw bad(msg("pkiWhyTrailing", String(bytes.length - pos)));
}

/** One TLV located in a buffer already checked by checkBerStructure. */
export interface Tlv {
  /** Identifier octet (class, constructed bit, low tag number). */
  tag: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Just past the value (and its end-of-contents octets for indefinite lengths). */
  end: number;
}

/**
 * The TLV at `pos`. Only for buffers that passed checkBerStructure: it trusts the lengths. Lets a
 * caller slice a large structure (a CMS with its certificates) and decode only the pieces it needs.
 * O(1) for a definite length; for an indefinite one, O(size of the value) (its children are walked to
 * find the end-of-contents), so slicing a structure level by level costs at most O(n × depth), depth
 * ≤ 40 (the limits checkBerStructure enforced).
 */
export function readTlv(bytes: Uint8Array, pos: number): Tlv {
  const start = pos;
  const tag = bytes[pos++]!;
  if ((tag & 0x1f) === 0x1f) while (bytes[pos++]! & 0x80);
  const first = bytes[pos++]!;
  const constructed = (tag & 0x20) !== 0;
  if (first === 0x80) {
    const contentStart = pos;
    let p = pos;
    while (!(bytes[p] === 0 && bytes[p + 1] === 0)) p = readTlv(bytes, p).end;
    return { tag, constructed, start, contentStart, contentEnd: p, end: p + 2 };
  }
  let len = first;
  if (first > 0x80) {
    len = 0;
    for (let i = 0; i < (first & 0x7f); i++) len = len * 256 + bytes[pos++]!;
  }
  return { tag, constructed, start, contentStart: pos, contentEnd: pos + len, end: pos + len };
}

export function tlvChildren(bytes: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.contentStart; p < t.contentEnd; ) {
    const c = readTlv(bytes, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Dotted form of an OBJECT IDENTIFIER's content octets; null when invalid. At most 64 octets read. */
export function decodeOid(content: Uint8Array): string | null {
  if (content.length === 0 || content.length > 64 || content[content.length - 1]! & 0x80) return null;
  const arcs: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join(".");
}

/**
 * Decodes one BER value that must span all of `bytes`. Linear: checkBerStructure (O(n)) first
 * bounds node count and depth, then asn1js decodes once and the error walk visits each node once.
 */
export function decodeBer(bytes: Uint8Array, limits: DerLimits, what: Param): asn1js.AsnType {
  if (bytes.length === 0) throw decodeError("malformed", what, msg("pkiWhyEmpty"));
  if (bytes.length > limits.maxBytes) throw decodeError("unsupported", what, msg("pkiWhyTooLarge", String(bytes.length)));
  checkBerStructure(bytes, limits, what);
  let res: ReturnType<typeof asn1js.fromBER>;
  try {
    res = asn1js.fromBER(bytes, {
      maxNodes: limits.maxNodes,
      maxDepth: limits.maxDepth,
      maxContentLength: limits.maxBytes,
      parseEmbedded: false,
    });
  } catch (err) {
    // asn1js throws RangeError on some impossible lengths.
    throw decodeError("malformed", what, msg("pkiWhyAsn1InvalidDetail", err instanceof Error ? err.message : String(err)));
  }
  if (res.offset === -1) {
    const error = res.result.error;
    const kind: DecodeProblem = LIMIT_ERRORS.test(error) ? "unsupported" : "malformed";
    throw decodeError(kind, what, kind === "unsupported" ? msg("pkiWhyTooBigOrDeep") : error ? msg("pkiWhyAsn1InvalidDetail", error) : msg("pkiWhyAsn1Invalid"));
  }
  if (res.offset !== bytes.length) {
    throw decodeError("malformed", what, msg("pkiWhyTrailingAsn1", String(bytes.length - res.offset)));
  }
  if (hasErrors(res.result, 0)) throw decodeError("malformed", what, msg("pkiWhyAsn1Invalid"));
  return res.result;
}

// asn1js sometimes records a sub-block error without failing the whole decode.
function hasErrors(block: asn1js.AsnType, depth: number): boolean {
  if (depth > 64) return true;
  if ((block as { error?: string }).error) return true;
  const value = (block as { valueBlock?: { value?: unknown; error?: string } }).valueBlock;
  if (value?.error) return true;
  if (Array.isArray(value?.value)) {
    for (const child of value.value as asn1js.AsnType[]) if (hasErrors(child, depth + 1)) return true;
  }
  return false;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const PEM_BEGIN = "-----BEGIN ";
const PEM_END = "-----END ";
const PEM_DASHES = "-----";
/** Longest label read (RFC 7468 labels are short: "CERTIFICATE", "X509 CRL"…). */
const MAX_PEM_LABEL = 64;

function isLabelChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x20;
}

/** The label after a BEGIN/END marker at `at` (up to the closing dashes), or null when none. Reads ≤ MAX_PEM_LABEL + 5 characters. */
function labelAt(text: string, at: number): string | null {
  let i = at;
  const stop = Math.min(text.length, at + MAX_PEM_LABEL);
  while (i < stop && isLabelChar(text.charCodeAt(i))) i++;
  return i > at && text.startsWith(PEM_DASHES, i) ? text.slice(at, i) : null;
}

/** A PEM body without its encapsulated headers ("Proc-Type: …" lines, unused for certificates). */
function pemBodyBytes(body: string): Uint8Array {
  const kept = body.includes(":") ? body.split("\n").filter((line) => !(line.includes(":") && /^[A-Za-z-]+:/.test(line))).join("\n") : body;
  return new TextEncoder().encode(kept);
}

/**
 * Every PEM block in `text`, in order. Blocks with invalid base64 are reported by label with der = null.
 *
 * Linear in the length of `text`: the next BEGIN and the next END markers are each searched for
 * forward only (a search restarts past the previous hit, so no character is scanned twice by the
 * same search), a label costs at most MAX_PEM_LABEL characters, and each body is decoded once. A BEGIN
 * with no END before the next BEGIN is dropped: an unclosed block never makes the rest be rescanned
 * (the former lazy regular expression did, once per unclosed BEGIN: quadratic).
 */
export function pemBlocks(text: string): { label: string; der: Uint8Array | null }[] {
  const out: { label: string; der: Uint8Array | null }[] = [];
  let begin = text.indexOf(PEM_BEGIN);
  let nextEnd = -2; // -2: not searched yet; -1: none left
  while (begin >= 0) {
    const labelStart = begin + PEM_BEGIN.length;
    const label = labelAt(text, labelStart);
    if (label === null) {
      begin = text.indexOf(PEM_BEGIN, labelStart);
      continue;
    }
    const bodyStart = labelStart + label.length + PEM_DASHES.length;
    if (nextEnd !== -1 && nextEnd < bodyStart) nextEnd = text.indexOf(PEM_END, bodyStart);
    if (nextEnd === -1) break; // no END anywhere after: no block can close
    const nextBegin = text.indexOf(PEM_BEGIN, bodyStart);
    if (nextBegin !== -1 && nextBegin < nextEnd) {
      begin = nextBegin; // unclosed block: the next BEGIN starts afresh
      continue;
    }
    const endLabelStart = nextEnd + PEM_END.length;
    if (labelAt(text, endLabelStart) === label) {
      out.push({ label, der: decodeBase64(pemBodyBytes(text.slice(bodyStart, nextEnd))) });
    }
    // An END of another label closes nothing we can trust: that block is dropped.
    begin = nextBegin;
  }
  return out;
}

/** True when `bytes` looks like PEM text rather than DER. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes("-----BEGIN ");
}

/** DER values with one of `labels` from a PEM or DER input (DER input: the whole buffer). */
export function derFromPemOrDer(bytes: Uint8Array, labels: string[]): Uint8Array[] {
  // Not PEM: DER when it starts like a SEQUENCE, otherwise some other file holding nothing usable.
  if (!looksLikePem(bytes)) return bytes[0] === 0x30 ? [bytes] : [];
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const out: Uint8Array[] = [];
  for (const b of pemBlocks(text)) {
    if (!labels.includes(b.label)) continue;
    if (!b.der) throw decodeError("malformed", msg("pkiWhatPem", b.label), msg("pkiWhyBase64"));
    out.push(b.der);
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** `AA:BB:…` upper-case, the way certificate viewers show fingerprints. */
export function colonHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Exact encoded bytes of a decoded block (as received, not re-encoded). */
export function encodedBytes(block: asn1js.AsnType): Uint8Array {
  return new Uint8Array((block as unknown as { valueBeforeDecodeView: Uint8Array }).valueBeforeDecodeView);
}
