// S/MIME signature verification of one raw message: finds the signature (multipart/signed with a
// detached application/(x-)pkcs7-signature, or opaque application/(x-)pkcs7-mime signed-data), checks
// the digest over the exact signed bytes (canonical CRLF), the signed attributes, the signature, the
// path to the trust anchors (at signing time and at the verification time), key usages, revocation,
// and Thunderbird's policy: no SHA-1/MD5, signer e-mail = From or Sender, signing time within an hour
// of the Date header, no signature directly wrapping another one. Encrypted messages are reported as
// such (Thunderbird decrypts them; the add-on has no key).
//
// Only the message's own top-level structure counts as its signature: a signed part nested inside a
// multipart/mixed (a forwarded message, a list footer) does not sign the message, and is reported as
// information only.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { parseAddressList } from "../mail/address.ts";
import { headerValues, parseHeaderBlock, type HeaderBlock } from "../mail/headers.ts";
import { parseMailDate } from "../mail/date.ts";
import { displayedFrom } from "../mail/displayed-from.ts";
import { canonicalCrlf, decodedBody, parseContentType, parseMime, type MimeEntity } from "../mail/mime.ts";
import { digestHash, digestName, paramsAbsentOrNull, signatureName } from "./algorithms.ts";
import type { CertInfo } from "./certificate.ts";
import { checkPath, displayName, distributionPoints, frDate, type CheckTime } from "./chain.ts";
import { ATTR, CT, attributeValues, findSignerCertificate, parseContentInfo, parseSignedData, sniffContentType } from "./cms.ts";
import type { ParsedCrl } from "./crl.ts";
import { defaultCrypto, type PkiCrypto } from "./crypto.ts";
import { CMS_LIMITS, PkiDecodeError, SMALL_LIMITS, bytesEqual } from "./der.ts";
import { msg, type Text, type Translate } from "../i18n.ts";
import { error, info, localizeVerdict, sortReasons, statusOf, type Reason, type Status } from "./reasons.ts";
import { checkSignature } from "./signature.ts";

export interface SmimeOptions {
  /** Trust anchors (IGC-Santé roots by default in the add-on, plus the user's). */
  anchors: readonly CertInfo[];
  /** Verification time ("now"); default: the current time. */
  at?: Date;
  /** CRLs; see RevocationOptions in chain.ts for undefined vs empty. */
  crls?: readonly ParsedCrl[];
  requireRevocation?: boolean;
  crypto?: PkiCrypto;
  /** Largest message examined (default 64 MiB); larger is `unsupported`. */
  maxMessageBytes?: number;
  /** Largest allowed distance between signing time and Date header (default 1 h). */
  signingTimeToleranceMs?: number;
  /** Words of the reasons (default: French, from _locales); the add-on passes Thunderbird's. */
  translate?: Translate;
}

export interface SignerIdentity {
  /** The certificate's address matching From/Sender, else its first address; null when it has none. */
  email: string | null;
  emails: string[];
  subject: string;
  issuer: string;
  /** idNat / RPPS-based national id of a health professional (see certificate.ts for where it is read). */
  rppsOrIdNat?: string;
  rppsOrIdNatSource?: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

export interface SmimeVerdict {
  signed: boolean;
  valid: boolean;
  status: Status;
  signer: SignerIdentity | null;
  /** Errors first (reasons[0] explains the status), then warnings and information. */
  reasons: Reason[];
  warnings: Reason[];
  format: "multipart/signed" | "application/pkcs7-mime" | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  signingTime: string | null;
  /** Subjects of the certification path, signer first. */
  chain: string[];
  /** CRL distribution points of the path's certificates (anchor excluded): what to fetch for revocation. */
  crlDistributionPoints: string[];
  checkedAt: string;
}

const SIGNATURE_TYPES = new Set(["application/pkcs7-signature", "application/x-pkcs7-signature"]);
const PKCS7_MIME = new Set(["application/pkcs7-mime", "application/x-pkcs7-mime"]);
const HOUR = 3600_000;

class Builder {
  signed = false;
  reasons: Reason[] = [];
  signer: SignerIdentity | null = null;
  format: SmimeVerdict["format"] = null;
  digestAlgorithm: string | null = null;
  signatureAlgorithm: string | null = null;
  signingTime: Date | null = null;
  chain: string[] = [];
  crlDistributionPoints: string[] = [];
  /** Set only once the digest and the signature were both computed and matched. */
  integrityVerified = false;
  /** Set only once the signer's path reached a trust anchor. */
  anchored = false;
  constructor(readonly at: Date) {}
  add(r: Reason): this {
    this.reasons.push(r);
    return this;
  }
  done(): SmimeVerdict {
    // Whatever path the checks took, `valid` needs positive evidence of each of them: a check that
    // was skipped (an algorithm we cannot compute, a branch not taken) cannot leave "no error".
    if (statusOf(this.reasons) === "valid" && !(this.signed && this.integrityVerified && this.anchored)) {
      this.reasons.push(error("unsupported", msg("smimeNotFullyVerified")));
    }
    const reasons = sortReasons(this.reasons);
    const status = statusOf(reasons);
    return {
      signed: this.signed,
      valid: status === "valid",
      status,
      signer: this.signer,
      reasons,
      warnings: reasons.filter((r) => r.severity === "warning"),
      format: this.format,
      digestAlgorithm: this.digestAlgorithm,
      signatureAlgorithm: this.signatureAlgorithm,
      signingTime: this.signingTime?.toISOString() ?? null,
      chain: this.chain,
      crlDistributionPoints: this.crlDistributionPoints,
      checkedAt: this.at.toISOString(),
    };
  }
}

/** Addresses (lower-case) of an address-list header value, parsed by core/mail/address.ts. */
function addressesIn(value: string): string[] {
  return parseAddressList(value).mailboxes.map((m) => m.address.toLowerCase());
}

function isSignedPkcs7(e: { contentType: ReturnType<typeof parseContentType> }, body: () => Uint8Array | null): boolean {
  if (!PKCS7_MIME.has(e.contentType.mediaType)) return false;
  const smimeType = e.contentType.params["smime-type"]?.toLowerCase();
  if (smimeType) return smimeType === "signed-data";
  const der = body();
  return der !== null && sniffContentType(der, CMS_LIMITS) === CT.signedData;
}

/** A signed entity anywhere below the top level (for information). */
function hasNestedSigned(e: MimeEntity): boolean {
  for (const p of e.parts) {
    if (p.contentType.mediaType === "multipart/signed" || PKCS7_MIME.has(p.contentType.mediaType)) return true;
    if (hasNestedSigned(p)) return true;
  }
  return false;
}

export async function verifySmime(message: Uint8Array, options: SmimeOptions): Promise<SmimeVerdict> {
  const at = options.at ?? new Date();
  const out = new Builder(at);
  try {
    await verifyInto(out, message, options, at);
  } catch (err) {
    if (err instanceof PkiDecodeError) out.add(error(err.kind, msg("pkiSentence", err.text)));
    else out.add(error("malformed", msg("smimeStructureUnreadable", err instanceof Error ? err.message : String(err))));
  }
  return localizeVerdict(out.done(), options.translate);
}

async function verifyInto(out: Builder, message: Uint8Array, options: SmimeOptions, at: Date): Promise<void> {
  const max = options.maxMessageBytes ?? 64 * 1024 * 1024;
  if (message.length > max) {
    out.add(error("unsupported", msg("smimeTooLarge", String(message.length), String(max))));
    return;
  }
  const tree = parseMime(message);
  const root = tree.root;
  const type = root.contentType.mediaType;

  if (type === "multipart/signed") {
    out.signed = true;
    out.format = "multipart/signed";
    const protocol = root.contentType.params["protocol"]?.toLowerCase();
    if (protocol && !SIGNATURE_TYPES.has(protocol)) {
      out.add(error("unsupported", msg("smimeProtocolUnsupported", protocol ?? "")));
      return;
    }
  } else if (PKCS7_MIME.has(type)) {
    const smimeType = root.contentType.params["smime-type"]?.toLowerCase();
    const der = decodedBody(message, root);
    if (!smimeType && !der) {
      out.add(error("malformed", msg("smimeBodyBase64")));
      return;
    }
    const kind = smimeType ?? ctName(sniffContentType(der!, CMS_LIMITS));
    if (kind === "enveloped-data" || kind === "authenveloped-data") {
      out.add(error("encrypted", msg("smimeEncrypted")));
      return;
    }
    if (kind !== "signed-data") {
      out.add(error("unsupported", kind ? msg("smimeTypeUnsupported", kind) : msg("smimeTypeUnknown")));
      return;
    }
    out.signed = true;
    out.format = "application/pkcs7-mime";
  } else if (type === "multipart/encrypted") {
    out.add(error("encrypted", msg("smimeEncryptedOpenPgp")));
    return;
  } else {
    if (tree.limitExceeded) {
      out.add(error("unsupported", limitMessage(tree.limitExceeded)));
      return;
    }
    out.add(error("not-signed", msg("smimeNotSigned")));
    if (hasNestedSigned(root)) out.add(info("signed-part-only", msg("smimeSignedPartOnly")));
    return;
  }

  if (tree.limitExceeded) {
    out.add(error("unsupported", limitMessage(tree.limitExceeded)));
    return;
  }
  if (root.headers.truncated) {
    out.add(error("unsupported", limitMessage("header-size")));
    return;
  }

  // The signed bytes and the CMS blob.
  let content: Uint8Array | null;
  let rawSignedPart: Uint8Array | null = null;
  let cmsDer: Uint8Array;
  if (out.format === "multipart/signed") {
    if (root.problems.includes("no-boundary") || root.parts.length < 2) {
      out.add(error("malformed", msg("smimeMultipartIncomplete")));
      return;
    }
    const [signedPart, sigPart] = [root.parts[0]!, root.parts[1]!];
    if (!SIGNATURE_TYPES.has(sigPart.contentType.mediaType)) {
      out.add(error("unsupported", msg("smimeSignaturePartType", sigPart.contentType.mediaType)));
      return;
    }
    rawSignedPart = message.subarray(signedPart.start, signedPart.end);
    content = canonicalCrlf(rawSignedPart);
    const sig = signatureBytes(message, sigPart);
    if (!sig) {
      out.add(error("malformed", msg("smimeSignaturePartBase64")));
      return;
    }
    cmsDer = sig;
  } else {
    const der = decodedBody(message, root);
    if (!der) {
      out.add(error("malformed", msg("smimeBodyBase64")));
      return;
    }
    cmsDer = der;
    content = null;
  }

  const ci = parseContentInfo(cmsDer, out.format === "multipart/signed" ? SMALL_LIMITS : CMS_LIMITS);
  if (ci.contentType !== CT.signedData) {
    if (ci.contentType === CT.envelopedData || ci.contentType === CT.authEnvelopedData) {
      out.signed = false;
      out.add(error("encrypted", msg("smimeEncrypted")));
    } else out.add(error("unsupported", msg("smimeCmsUnsupported", ci.contentType)));
    return;
  }
  const sd = parseSignedData(ci);
  if (out.format === "application/pkcs7-mime") {
    if (!sd.eContent) {
      out.add(error("malformed", msg("smimeOpaqueNoContent")));
      return;
    }
    content = sd.eContent;
  } else if (sd.eContent) {
    // Two candidate contents (the first part, the encapsulated one): which one is signed is ambiguous.
    out.add(error("unsupported", msg("smimeDetachedWithContent")));
    return;
  }
  if (sd.eContentType !== CT.data) {
    out.add(error("unsupported", msg("smimeContentTypeUnsupported", sd.eContentType)));
    return;
  }
  if (sd.signers.length === 0) {
    out.add(error("unsupported", msg("smimeNoSigner")));
    return;
  }
  if (sd.signers.length > 1) {
    // Verifying only one would let a forged signer ride along a genuine one (or the reverse), and
    // which of them "signs" the message would be ambiguous: refused rather than half-checked.
    out.add(error("unsupported", msg("smimeMultipleSigners", String(sd.signers.length))));
    out.add(info("multiple-signers", msg("smimeMultipleSignersInfo", String(sd.signers.length))));
    return;
  }
  // Versions are not signed but follow from the structure (RFC 5652 §5.1, §5.3): a different one
  // is a structure changed after signing, or one we do not read as its signer meant.
  const sidVersion = sd.signers[0]!.info.sid instanceof pkijs.IssuerAndSerialNumber ? 1 : 3;
  if (sd.version !== sd.expectedVersion || sd.signers[0]!.info.version !== sidVersion) {
    out.add(error("malformed", msg("smimeVersions", String(sd.version ?? "?"), String(sd.expectedVersion), String(sd.signers[0]!.info.version), String(sidVersion))));
    return;
  }
  if (sd.badCertificates) out.add(info("bad-attached-certificate", msg("smimeBadAttachedCertificate")));
  const signedContent = content!;

  // A signature directly wrapping another signature is refused (like Thunderbird).
  const inner = parseHeaderBlock(signedContent, { maxBytes: 256 * 1024 });
  const innerType = parseContentType(headerValues(inner, "content-type")[0]);
  if (
    innerType.mediaType === "multipart/signed" ||
    isSignedPkcs7({ contentType: innerType }, () => {
      const innerTree = parseMime(signedContent, { maxDepth: 1, maxParts: 4 });
      return decodedBody(signedContent, innerTree.root);
    })
  ) {
    out.add(error("nested-signature", msg("smimeNested")));
  }

  const signer = sd.signers[0]!;
  const si = signer.info;
  const digestOid = si.digestAlgorithm.algorithmId;
  out.digestAlgorithm = digestName(digestOid);
  out.signatureAlgorithm = signatureName(si.signatureAlgorithm.algorithmId);
  const crypto = options.crypto ?? defaultCrypto();

  const signerCert = findSignerCertificate(si, [...sd.certificates, ...options.anchors]);
  if (signerCert) out.signer = identity(signerCert, senderAddresses(root.headers));

  // Signing time, read before the chain so validity can be checked at that time too.
  let attrsOk = true;
  if (signer.signedAttrsDer) {
    const st = attributeValues(signer.attributes, ATTR.signingTime);
    if (st && st.length === 1) {
      const t = st[0];
      if (t instanceof asn1js.UTCTime || t instanceof asn1js.GeneralizedTime) out.signingTime = t.toDate();
      else out.add(error("malformed", msg("smimeSigningTimeUnreadable")));
    } else if (st) out.add(error("malformed", msg("smimeSigningTimeRepeated")));
  }

  // The digest algorithm: one we compute, with the parameters its specification allows, and the one
  // SignedData announces. Not computable is `unsupported`: the digest is never skipped.
  const digest = digestHash(digestOid);
  if (digest.unsupported) {
    out.add(error("unsupported", msg("smimeDigestUnsupported", digestName(digestOid))));
  }
  if (digest.weak) out.add(error("weak-algorithm", msg("smimeDigestWeak", digest.weak)));
  if (!paramsAbsentOrNull(si.digestAlgorithm)) out.add(error("unsupported", msg("smimeDigestParams", digestName(digestOid))));
  const listed = sd.digestAlgorithms.map((a) => a.algorithmId);
  // One signer: exactly its digest algorithm, once, with parameters as specified.
  if (listed.length !== 1 || listed[0] !== digestOid || !sd.digestAlgorithms.every(paramsAbsentOrNull)) {
    out.add(
      error(
        "unsupported",
        listed.length ? msg("smimeDigestListMismatch", listed.map(digestName).join(", "), digestName(digestOid)) : msg("smimeDigestListEmpty", digestName(digestOid)),
      ),
    );
  }

  // Positive evidence only: the content is vouched for once its digest matched the signed
  // messageDigest (or, without signed attributes, by the signature itself).
  let contentVouched = false;
  let signatureVerified = false;
  if (digest.hash) {
    const computed = await crypto.digest(digest.hash, signedContent);
    if (signer.signedAttrsDer) {
      const ct = attributeValues(signer.attributes, ATTR.contentType);
      const md = attributeValues(signer.attributes, ATTR.messageDigest);
      if (!ct || ct.length !== 1 || !(ct[0] instanceof asn1js.ObjectIdentifier) || ct[0].valueBlock.toString() !== sd.eContentType) {
        out.add(error("malformed", msg("smimeContentTypeAttr")));
        attrsOk = false;
      }
      const protection = algorithmProtectionProblem(signer.attributes, si);
      if (protection) {
        out.add(protection);
        attrsOk = false;
      }
      if (!md || md.length !== 1 || !(md[0] instanceof asn1js.OctetString) || md[0].idBlock.isConstructed) {
        out.add(error("malformed", msg("smimeMessageDigestAttr")));
        attrsOk = false;
      } else if (bytesEqual(md[0].valueBlock.valueHexView, computed)) {
        contentVouched = true;
      } else {
        // Some signers hash the part as stored, without making line ends CRLF (openssl -binary): the
        // bytes as they are in the message are then what was signed, which is just as good.
        const asStored = rawSignedPart && rawSignedPart !== signedContent ? await crypto.digest(digest.hash, rawSignedPart) : null;
        if (asStored && bytesEqual(md[0].valueBlock.valueHexView, asStored)) contentVouched = true;
        else out.add(error("altered", msg("smimeAltered")));
      }
    } else contentVouched = true; // the signature below is over the content itself
    if (!signerCert) {
      out.add(error("bad-signature", msg("smimeSignerCertMissing")));
    } else if (attrsOk) {
      const data = signer.signedAttrsDer ?? signedContent;
      const sig = await checkSignature(crypto, data, si.signature.valueBlock.valueHexView, si.signatureAlgorithm, signerCert.cert.subjectPublicKeyInfo, digestOid);
      if (sig.weak && !digest.weak) out.add(error("weak-algorithm", msg("smimeSignatureWeak", sig.weak)));
      if (sig.unsupported) out.add(error("unsupported", msg("smimeSignatureUnverifiable", sig.unsupported)));
      else if (!sig.ok) {
        out.add(
          error(
            "bad-signature",
            signer.signedAttrsDer
              ? msg("smimeSignatureBadKey")
              : msg("smimeSignatureBad"),
          ),
        );
      } else signatureVerified = true;
    }
  } else if (!signerCert) {
    out.add(error("bad-signature", msg("smimeSignerCertMissing")));
  }
  out.integrityVerified = contentVouched && signatureVerified;
  if (!signerCert) return;

  // Certification path, at the verification time and at the signing time.
  const times: CheckTime[] = [{ date: at, label: msg("pkiAtVerificationTime") }];
  if (out.signingTime) times.push({ date: out.signingTime, label: msg("pkiAtSigningTime") });
  const intermediates = sd.certificates.filter((c) => c !== signerCert);
  const path = await checkPath({
    leaf: signerCert,
    intermediates,
    anchors: options.anchors,
    times,
    purpose: "smime",
    revocation: { crls: options.crls, require: options.requireRevocation },
    crypto,
  });
  out.anchored = path.anchored;
  out.chain = path.path.map((c) => c.subject);
  out.crlDistributionPoints = distributionPoints(path.path, path.anchored);
  for (const r of path.reasons) out.add(r);

  checkSender(out, signerCert, root.headers);
  checkSigningTime(out, root.headers, at, options.signingTimeToleranceMs ?? HOUR);
}

/**
 * RFC 6211 CMSAlgorithmProtection, when present: the algorithms it names inside the signed
 * attributes must be those of the SignerInfo (which is not itself signed). Null when consistent.
 */
function algorithmProtectionProblem(attrs: readonly pkijs.Attribute[], si: pkijs.SignerInfo): Reason | null {
  const values = attributeValues(attrs, ATTR.algorithmProtection);
  if (values === null) return null;
  const unreadable = error("malformed", msg("smimeAlgProtectionUnreadable"));
  const seq = values.length === 1 ? values[0] : undefined;
  if (!(seq instanceof asn1js.Sequence)) return unreadable;
  const [digestAlg, ...rest] = seq.valueBlock.value;
  let digestOid: string;
  try {
    digestOid = new pkijs.AlgorithmIdentifier({ schema: digestAlg }).algorithmId;
  } catch {
    return unreadable;
  }
  const tagged = (n: number) => rest.filter((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === n);
  const sigAlg = tagged(1);
  if (tagged(2).length) return error("unsupported", msg("smimeMacUnsupported"));
  if (sigAlg.length !== 1 || rest.length !== 1) return unreadable;
  // [1] IMPLICIT AlgorithmIdentifier: the OID is the first element of the tagged value.
  const sigOidBlock = (sigAlg[0] as asn1js.Constructed).valueBlock?.value?.[0];
  if (!(sigOidBlock instanceof asn1js.ObjectIdentifier)) return unreadable;
  const sigOid = sigOidBlock.valueBlock.toString();
  if (digestOid !== si.digestAlgorithm.algorithmId || sigOid !== si.signatureAlgorithm.algorithmId) {
    return error(
      "bad-signature",
      msg("smimeAlgProtectionMismatch", digestName(si.digestAlgorithm.algorithmId), signatureName(si.signatureAlgorithm.algorithmId), digestName(digestOid), signatureName(sigOid)),
    );
  }
  return null;
}

function ctName(oid: string | null): string | undefined {
  if (oid === CT.signedData) return "signed-data";
  if (oid === CT.envelopedData) return "enveloped-data";
  if (oid === CT.authEnvelopedData) return "authenveloped-data";
  if (oid === CT.compressedData) return "compressed-data";
  return oid ?? undefined;
}

function limitMessage(kind: "depth" | "parts" | "header-size"): Text {
  if (kind === "depth") return msg("smimeMimeTooDeep");
  if (kind === "parts") return msg("smimeMimeTooManyParts");
  return msg("smimeHeadersTooLarge");
}

/** The DER of a detached signature part: base64 as announced, or raw DER when sent in binary. */
function signatureBytes(message: Uint8Array, part: MimeEntity): Uint8Array | null {
  const decoded = decodedBody(message, part);
  if (part.transferEncoding === "base64") return decoded;
  const body = message.subarray(part.bodyStart, part.end);
  if (body[0] === 0x30) return body;
  return decodedBody(message, { ...part, transferEncoding: "base64" });
}

function senderAddresses(h: HeaderBlock): { from: string[]; sender: string[] } {
  return {
    from: headerValues(h, "from").flatMap(addressesIn),
    sender: headerValues(h, "sender").flatMap(addressesIn),
  };
}

function identity(c: CertInfo, senders: { from: string[]; sender: string[] }): SignerIdentity {
  const all = [...senders.from, ...senders.sender];
  const id: SignerIdentity = {
    email: c.emails.find((e) => all.includes(e)) ?? c.emails[0] ?? null,
    emails: c.emails,
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialHex,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
  };
  if (c.rppsOrIdNat) {
    id.rppsOrIdNat = c.rppsOrIdNat;
    id.rppsOrIdNatSource = c.rppsOrIdNatSource ?? undefined;
  }
  return id;
}

function checkSender(out: Builder, c: CertInfo, h: HeaderBlock): void {
  const { from, sender } = senderAddresses(h);
  if (c.emails.length === 0) {
    out.add(error("signer-mismatch", msg("smimeSignerNoEmail", displayName(c))));
    return;
  }
  // No displayed sender: nothing the signature could contradict; said, not counted against it.
  if (from.length === 0 && sender.length === 0) {
    out.add(info("sender-missing", msg("smimeSenderMissing")));
    return;
  }
  // Only the sender the user sees counts, as the trust verdict reads it: the first From mailbox,
  // and only when it is the one displayed. A signer matching a second author or a second From
  // field proves nothing about it.
  const shown = displayedFrom(h);
  if (shown.ambiguity.length > 0) {
    out.add(
      error(
        "signer-mismatch",
        shown.values.length > 1 ? msg("smimeSenderAmbiguousFields", String(shown.values.length), c.emails.join(", ")) : msg("smimeSenderAmbiguous", c.emails.join(", ")),
      ),
    );
    return;
  }
  const displayed = shown.first ? [shown.first.address.toLowerCase()] : [];
  const senderOnly = headerValues(h, "sender").length === 1 && sender.length === 1 ? sender : [];
  if ([...displayed, ...senderOnly].some((a) => c.emails.includes(a))) return;
  out.add(
    error(
      "signer-mismatch",
      msg("smimeSignerNotSender", c.emails.join(", "), [...from, ...sender].join(", ")),
    ),
  );
}

function checkSigningTime(out: Builder, h: HeaderBlock, at: Date, tolerance: number): void {
  const st = out.signingTime;
  if (!st) {
    out.add(info("signing-time-missing", msg("smimeSigningTimeMissing")));
    return;
  }
  const dateHeader = headerValues(h, "date")[0];
  const date = dateHeader !== undefined ? parseMailDate(dateHeader) : null;
  const future = st.getTime() - at.getTime() > tolerance;
  if (date) {
    const gap = st.getTime() - date.getTime();
    if (Math.abs(gap) > tolerance) {
      out.add(
        error(
          "signing-time-mismatch",
          msg("smimeSigningTimeFar", frDateTime(st), frDateTime(date)),
        ),
      );
    } else if (future) {
      out.add(info("signing-time-in-future", msg("smimeSigningTimeAfterCheck", frDateTime(st))));
    }
    return;
  }
  // Without a usable Date header, the verification time is the reference.
  if (future) {
    out.add(error("signing-time-mismatch", msg("smimeSigningTimeFuture", frDateTime(st))));
  } else if (dateHeader === undefined) {
    out.add(info("date-missing", msg("smimeDateMissing")));
  } else out.add(info("date-unreadable", msg("smimeDateUnreadable")));
}

function frDateTime(d: Date): string {
  return `${frDate(d)} ${d.toISOString().slice(11, 16)} UTC`;
}
