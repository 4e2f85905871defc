// The crypto engine behind an interface: digests and signature checks only (we never sign nor
// decrypt). The default calls WebCrypto (`globalThis.crypto`, present in Node 20 and in Thunderbird)
// on the pkijs structures; tests or a future native engine can pass another implementation.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { msg, render, type Text } from "../i18n.ts";
import { CURVES, SIGNATURES, pssHash, type HashName } from "./algorithms.ts";

export interface SignatureCheck {
  data: Uint8Array;
  signature: Uint8Array;
  publicKey: pkijs.PublicKeyInfo;
  algorithm: pkijs.AlgorithmIdentifier;
  hash: HashName;
}

export interface PkiCrypto {
  digest(hash: HashName, data: Uint8Array): Promise<Uint8Array>;
  /** True when the signature verifies; false when it does not; throws when it cannot be checked. */
  verify(check: SignatureCheck): Promise<boolean>;
}

/** A signature that cannot be checked here (unknown algorithm or curve, inconsistent key). */
export class UnsupportedAlgorithmError extends Error {
  constructor(readonly text: Text) {
    super(render(text));
    this.name = "UnsupportedAlgorithmError";
  }
}

const KEY_KINDS: Record<string, "RSA" | "RSA-PSS" | "EC"> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10045.2.1": "EC",
};

/** RSA modulus size in bits, or null for other keys / undecodable keys. */
export function rsaKeyBits(publicKey: pkijs.PublicKeyInfo): number | null {
  if (KEY_KINDS[publicKey.algorithm.algorithmId] === undefined || publicKey.algorithm.algorithmId === "1.2.840.10045.2.1") return null;
  try {
    const parsed = publicKey.parsedKey;
    if (!(parsed instanceof pkijs.RSAPublicKey)) return null;
    const n = parsed.modulus.valueBlock.valueHexView;
    let i = 0;
    while (i < n.length && n[i] === 0) i++;
    if (i === n.length) return 0;
    return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
  } catch {
    return null;
  }
}

export function keyDescription(publicKey: pkijs.PublicKeyInfo): string {
  const kind = KEY_KINDS[publicKey.algorithm.algorithmId];
  if (kind === "EC") {
    const params = publicKey.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined;
    const curve = params instanceof asn1js.ObjectIdentifier ? CURVES[params.valueBlock.toString()] : undefined;
    return `ECDSA ${curve ?? "courbe inconnue"}`;
  }
  if (kind) return `RSA ${rsaKeyBits(publicKey) ?? "?"} bits`;
  return publicKey.algorithm.algorithmId;
}

const CURVE_BYTES: Record<string, number> = { "P-256": 32, "P-384": 48, "P-521": 66 };

/** ECDSA-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }, DER) to WebCrypto's r‖s; null when malformed. */
export function ecdsaSignatureToRaw(der: Uint8Array, size: number): Uint8Array | null {
  let p = 0;
  const length = (): number | null => {
    const first = der[p++];
    if (first === undefined) return null;
    if (first < 0x80) return first;
    if (first !== 0x81) return null; // at most 2 × (66 + 3) bytes: one length byte suffices
    const n = der[p++];
    return n === undefined || n < 0x80 ? null : n;
  };
  if (der[p++] !== 0x30) return null;
  const total = length();
  if (total === null || p + total !== der.length) return null;
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    if (der[p++] !== 0x02) return null;
    const n = length();
    if (n === null || n === 0 || p + n > der.length) return null;
    let int = der.subarray(p, p + n);
    p += n;
    while (int.length > 1 && int[0] === 0) int = int.subarray(1);
    if (int.length > size) return null;
    out.set(int, size * (k + 1) - int.length);
  }
  return p === der.length ? out : null;
}

/**
 * WebCrypto directly: the key imported once per certificate (certificates are cached by cms.ts, so
 * their PublicKeyInfo objects recur) and per algorithm, the ECDSA signature converted from DER.
 */
export function webCryptoEngine(crypto: Crypto = globalThis.crypto): PkiCrypto {
  if (!crypto?.subtle) throw new Error("WebCrypto (crypto.subtle) n'est pas disponible");
  const subtle = crypto.subtle;
  const keys = new WeakMap<pkijs.PublicKeyInfo, Map<string, Promise<CryptoKey>>>();
  const importKey = (publicKey: pkijs.PublicKeyInfo, params: RsaHashedImportParams | EcKeyImportParams): Promise<CryptoKey> => {
    let byAlg = keys.get(publicKey);
    if (!byAlg) keys.set(publicKey, (byAlg = new Map()));
    const id = JSON.stringify(params);
    let key = byAlg.get(id);
    if (!key) {
      const spki = new Uint8Array(publicKey.toSchema().toBER(false));
      key = subtle.importKey("spki", spki, params, false, ["verify"]);
      byAlg.set(id, key);
      key.catch(() => byAlg.delete(id));
    }
    return key;
  };
  return {
    async digest(hash, data) {
      return new Uint8Array(await subtle.digest(hash, data as Uint8Array<ArrayBuffer>));
    },
    async verify({ data, signature, publicKey, algorithm, hash }) {
      const sig = SIGNATURES[algorithm.algorithmId];
      const keyKind = KEY_KINDS[publicKey.algorithm.algorithmId];
      if (!sig || !keyKind) throw new UnsupportedAlgorithmError(msg("pkiSigAlgUnsupported", algorithm.algorithmId));
      const compatible = sig.key === keyKind || (sig.key === "RSA-PSS" && keyKind === "RSA");
      // A signature of one kind presented with a key of another cannot be right: simply invalid.
      if (!compatible) return false;
      const payload = data as Uint8Array<ArrayBuffer>;
      try {
        if (sig.key === "EC") {
          const params = publicKey.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined;
          const curve = params instanceof asn1js.ObjectIdentifier ? CURVES[params.valueBlock.toString()] : undefined;
          if (!curve) throw new UnsupportedAlgorithmError(msg("pkiCurveUnsupported"));
          const raw = ecdsaSignatureToRaw(signature, CURVE_BYTES[curve]!);
          if (!raw) return false;
          const key = await importKey(publicKey, { name: "ECDSA", namedCurve: curve });
          return await subtle.verify({ name: "ECDSA", hash }, key, raw as Uint8Array<ArrayBuffer>, payload);
        }
        if (sig.key === "RSA-PSS") {
          // Parameters read once, by the same rules as the hash policy (signature.ts).
          const pss = pssHash(algorithm);
          if (pss.unsupported || pss.hash !== hash || pss.saltLength === undefined) throw new UnsupportedAlgorithmError(pss.unsupported ?? msg("pkiPssUnsupported"));
          const key = await importKey(publicKey, { name: "RSA-PSS", hash });
          return await subtle.verify({ name: "RSA-PSS", saltLength: pss.saltLength }, key, signature as Uint8Array<ArrayBuffer>, payload);
        }
        const key = await importKey(publicKey, { name: "RSASSA-PKCS1-v1_5", hash });
        return await subtle.verify({ name: "RSASSA-PKCS1-v1_5" }, key, signature as Uint8Array<ArrayBuffer>, payload);
      } catch (err) {
        if (err instanceof UnsupportedAlgorithmError) throw err;
        // WebCrypto refusing an algorithm it does not implement, versus a key that is simply broken.
        if (err instanceof Error && err.name === "NotSupportedError") throw new UnsupportedAlgorithmError(msg("pkiSigUnverifiableDetail", err.message));
        return false;
      }
    },
  };
}

let shared: PkiCrypto | null = null;
/** One engine per realm, created on first use. */
export function defaultCrypto(): PkiCrypto {
  shared ??= webCryptoEngine();
  return shared;
}
