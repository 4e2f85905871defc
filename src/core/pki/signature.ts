// One signature check (certificate, CRL or CMS signer), with the hash policy applied first.
import * as pkijs from "pkijs";
import { DIGESTS, OID_RSA_PSS, SIGNATURES, signatureName, type HashName } from "./algorithms.ts";
import { UnsupportedAlgorithmError, type PkiCrypto } from "./crypto.ts";

export interface HashChoice {
  hash: HashName | null;
  /** Name of the weak hash in use (SHA-1, MD5…), if any. */
  weak: string | null;
  /** Why the signature cannot be checked, if it cannot. */
  unsupported: string | null;
}

/**
 * The hash a signature algorithm uses: bound to the algorithm (sha256WithRSAEncryption…), taken from
 * the PSS parameters, or `fallback` (the CMS digest algorithm) for bare rsaEncryption / id-ecPublicKey.
 */
export function signatureHash(alg: pkijs.AlgorithmIdentifier, fallback: string | null): HashChoice {
  const sig = SIGNATURES[alg.algorithmId];
  if (!sig) return { hash: null, weak: null, unsupported: `algorithme de signature inconnu (${alg.algorithmId})` };
  if (sig.weakHash) return { hash: sig.hash, weak: sig.weakHash, unsupported: sig.hash ? null : `${signatureName(alg.algorithmId)} n'est pas vérifiable` };
  let hashOid: string | null;
  if (alg.algorithmId === OID_RSA_PSS) {
    try {
      const params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      hashOid = params.hashAlgorithm?.algorithmId ?? "1.3.14.3.2.26"; // RFC 4055 default: SHA-1
    } catch {
      return { hash: null, weak: null, unsupported: "paramètres RSA-PSS illisibles" };
    }
  } else if (sig.hash) {
    if (fallback && DIGESTS[fallback]?.hash && DIGESTS[fallback]!.hash !== sig.hash) {
      return { hash: null, weak: null, unsupported: "algorithmes de condensat incohérents entre la signature et le signataire" };
    }
    return { hash: sig.hash, weak: null, unsupported: null };
  } else hashOid = fallback;
  if (!hashOid) return { hash: null, weak: null, unsupported: `${signatureName(alg.algorithmId)} sans algorithme de condensat` };
  const d = DIGESTS[hashOid];
  if (!d) return { hash: null, weak: null, unsupported: `algorithme de condensat inconnu (${hashOid})` };
  if (fallback && alg.algorithmId === OID_RSA_PSS && fallback !== hashOid && DIGESTS[fallback]?.hash) {
    return { hash: null, weak: null, unsupported: "algorithmes de condensat incohérents entre la signature et le signataire" };
  }
  return { hash: d.hash, weak: d.weak ? d.name : null, unsupported: d.hash ? null : `${d.name} n'est pas vérifiable` };
}

export interface SignatureOutcome {
  ok: boolean;
  weak: string | null;
  unsupported: string | null;
}

export async function checkSignature(
  crypto: PkiCrypto,
  data: Uint8Array,
  signature: Uint8Array,
  algorithm: pkijs.AlgorithmIdentifier,
  publicKey: pkijs.PublicKeyInfo,
  fallbackHash: string | null = null,
): Promise<SignatureOutcome> {
  const choice = signatureHash(algorithm, fallbackHash);
  if (!choice.hash) return { ok: false, weak: choice.weak, unsupported: choice.unsupported ?? "signature non vérifiable" };
  try {
    const ok = await crypto.verify({ data, signature, publicKey, algorithm, hash: choice.hash });
    return { ok, weak: choice.weak, unsupported: null };
  } catch (err) {
    if (err instanceof UnsupportedAlgorithmError) return { ok: false, weak: choice.weak, unsupported: err.message };
    return { ok: false, weak: choice.weak, unsupported: null };
  }
}
