// The algorithms we accept, refuse as weak, or do not know, by OID. Policy like Thunderbird's: SHA-1
// and MD5 (digests and signatures) are not valid; RSA keys under 2048 bits are not either.

import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { msg, type Param, type Text } from "../i18n.ts";
import { encodedBytes } from "./der.ts";

export type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

interface DigestInfo {
  name: string;
  hash: HashName | null;
  weak: boolean;
}

export const DIGESTS: Record<string, DigestInfo> = {
  "1.2.840.113549.2.5": { name: "MD5", hash: null, weak: true },
  "1.2.840.113549.2.2": { name: "MD2", hash: null, weak: true },
  "1.3.14.3.2.26": { name: "SHA-1", hash: "SHA-1", weak: true },
  "2.16.840.1.101.3.4.2.4": { name: "SHA-224", hash: null, weak: false },
  "2.16.840.1.101.3.4.2.1": { name: "SHA-256", hash: "SHA-256", weak: false },
  "2.16.840.1.101.3.4.2.2": { name: "SHA-384", hash: "SHA-384", weak: false },
  "2.16.840.1.101.3.4.2.3": { name: "SHA-512", hash: "SHA-512", weak: false },
};

interface SignatureInfo {
  name: string;
  /** Hash bound to the algorithm; null when it comes from elsewhere (rsaEncryption, PSS params). */
  hash: HashName | null;
  /** Name of a hash that is never acceptable (MD5, SHA-1), when the algorithm implies one. */
  weakHash?: string;
  key: "RSA" | "RSA-PSS" | "EC";
}

export const OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
export const OID_RSA_PSS = "1.2.840.113549.1.1.10";
export const OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";

export const SIGNATURES: Record<string, SignatureInfo> = {
  [OID_RSA_ENCRYPTION]: { name: "RSA PKCS#1 v1.5", hash: null, key: "RSA" },
  "1.2.840.113549.1.1.2": { name: "md2WithRSAEncryption", hash: null, weakHash: "MD2", key: "RSA" },
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", hash: null, weakHash: "MD5", key: "RSA" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "SHA-1", weakHash: "SHA-1", key: "RSA" },
  "1.3.14.3.2.29": { name: "sha1WithRSASignature", hash: "SHA-1", weakHash: "SHA-1", key: "RSA" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "SHA-256", key: "RSA" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "SHA-384", key: "RSA" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "SHA-512", key: "RSA" },
  [OID_RSA_PSS]: { name: "RSASSA-PSS", hash: null, key: "RSA-PSS" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "SHA-1", weakHash: "SHA-1", key: "EC" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "SHA-256", key: "EC" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "SHA-384", key: "EC" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "SHA-512", key: "EC" },
  // Some signers put the key algorithm where the signature algorithm belongs (RFC 5753 tolerates it).
  [OID_EC_PUBLIC_KEY]: { name: "ECDSA", hash: null, key: "EC" },
};

export const CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

export function digestName(oid: string): string {
  return DIGESTS[oid]?.name ?? oid;
}

export function signatureName(oid: string): string {
  return SIGNATURES[oid]?.name ?? oid;
}

export const OID_MGF1 = "1.2.840.113549.1.1.8";

/** Output size in bytes of each hash we compute: a messageDigest of another size cannot match. */
export const HASH_BYTES: Record<HashName, number> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

export interface HashChoice {
  hash: HashName | null;
  /** Name of the weak hash in use (SHA-1, MD5…), if any. */
  weak: string | null;
  /** Why the signature cannot be checked, if it cannot. */
  unsupported: Text | null;
}

export const refuse = (why: Text, weak: string | null = null): HashChoice => ({ hash: null, weak, unsupported: why });

/**
 * Parameters absent or NULL, the only forms RFC 3370/5754/5758 allow for the digest and signature
 * algorithms we know (RSASSA-PSS aside): anything else is a structure we do not understand.
 */
export function paramsAbsentOrNull(alg: pkijs.AlgorithmIdentifier): boolean {
  const p = alg.algorithmParams as asn1js.AsnType | undefined;
  if (p === undefined || p.constructor === asn1js.Any) return true;
  return p instanceof asn1js.Null && encodedBytes(p).length === 2;
}

/** The hash of a digest algorithm, when we can compute it. */
export function digestHash(oid: string | null, what: Param = msg("pkiDigestAlgorithm")): HashChoice {
  if (!oid) return refuse(msg("pkiAlgAbsent", what));
  const d = DIGESTS[oid];
  if (!d) return refuse(msg("pkiAlgUnknown", what, oid));
  if (!d.hash) return refuse(msg("pkiAlgNotComputable", d.name), d.weak ? d.name : null);
  return { hash: d.hash, weak: d.weak ? d.name : null, unsupported: null };
}

/** RSASSA-PSS parameters (RFC 4055 §3.1), restricted to what WebCrypto checks: MGF1 with the same hash, trailer 1. */
export function pssHash(alg: pkijs.AlgorithmIdentifier): HashChoice & { saltLength?: number } {
  // RFC 4055: the parameters MUST be present in a signature's algorithm identifier.
  if (!(alg.algorithmParams instanceof asn1js.Sequence)) return refuse(msg("pkiPssParamsMissing"));
  let params: pkijs.RSASSAPSSParams;
  try {
    params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
  } catch {
    return refuse(msg("pkiPssParamsUnreadable"));
  }
  // pkijs skips fields its schema does not expect (a repeated one…): what it read must encode back to
  // what was received, or part of the parameters was never looked at.
  const received = encodedBytes(alg.algorithmParams);
  const reencoded = new Uint8Array(params.toSchema().toBER(false));
  if (received.length !== reencoded.length || received.some((b, i) => b !== reencoded[i])) return refuse(msg("pkiPssParamsNonCanonical"));
  const hashOid = params.hashAlgorithm.algorithmId;
  if (!paramsAbsentOrNull(params.hashAlgorithm)) return refuse(msg("pkiPssParamsHash"));
  if (params.maskGenAlgorithm.algorithmId !== OID_MGF1) return refuse(msg("pkiPssMgfUnsupported", params.maskGenAlgorithm.algorithmId));
  let mgfHash: pkijs.AlgorithmIdentifier;
  try {
    mgfHash = new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams });
  } catch {
    return refuse(msg("pkiPssMgfUnreadable"));
  }
  if (mgfHash.algorithmId !== hashOid || !paramsAbsentOrNull(mgfHash)) return refuse(msg("pkiPssMgfHash"));
  if (params.trailerField !== 1) return refuse(msg("pkiPssTrailer"));
  if (!Number.isSafeInteger(params.saltLength) || params.saltLength < 0 || params.saltLength > 1024) return refuse(msg("pkiPssSalt"));
  return { ...digestHash(hashOid, msg("pkiPssDigest")), saltLength: params.saltLength };
}

