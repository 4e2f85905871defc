// The algorithms we accept, refuse as weak, or do not know, by OID. Policy like Thunderbird's: SHA-1
// and MD5 (digests and signatures) are not valid; RSA keys under 2048 bits are not either.

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
