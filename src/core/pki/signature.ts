// One signature check (certificate, CRL or CMS signer), with the hash policy applied first.
//
// Fail closed: the hash a signature is checked with must be fully determined by what we read
// (algorithm, its parameters, the CMS digest algorithm) and computable here. Anything unknown,
// unreadable or disagreeing is `unsupported`, never "checked with some default".
import type * as pkijs from "pkijs";
import { OID_RSA_PSS, SIGNATURES, digestHash, paramsAbsentOrNull, pssHash, refuse, signatureName, type HashChoice } from "./algorithms.ts";
import { UnsupportedAlgorithmError, type PkiCrypto } from "./crypto.ts";
import { msg, type Text } from "../i18n.ts";

/**
 * The hash a signature algorithm uses: bound to the algorithm (sha256WithRSAEncryption…), taken from
 * the PSS parameters, or `cmsDigest` (the CMS digest algorithm) for bare rsaEncryption / id-ecPublicKey.
 * With a CMS digest, the two must name the same hash: the digest the messageDigest attribute holds is
 * the one the signature vouches for.
 */
export function signatureHash(alg: pkijs.AlgorithmIdentifier, cmsDigest: string | null): HashChoice {
  const sig = SIGNATURES[alg.algorithmId];
  if (!sig) return refuse(msg("pkiSigAlgUnknown", alg.algorithmId));
  let choice: HashChoice;
  if (alg.algorithmId === OID_RSA_PSS) {
    choice = pssHash(alg);
  } else if (!paramsAbsentOrNull(alg)) {
    return refuse(msg("pkiSigParamsUnexpected", signatureName(alg.algorithmId)));
  } else if (sig.hash) {
    choice = { hash: sig.hash, weak: sig.weakHash ?? null, unsupported: null };
  } else if (sig.weakHash) {
    return refuse(msg("pkiSigNotVerifiable", signatureName(alg.algorithmId)), sig.weakHash);
  } else {
    // Bare key algorithm: the CMS digest algorithm is the hash.
    return cmsDigest === null ? refuse(msg("pkiSigNoDigest", signatureName(alg.algorithmId))) : digestHash(cmsDigest);
  }
  if (choice.unsupported || cmsDigest === null) return choice;
  const cms = digestHash(cmsDigest);
  if (cms.unsupported) return { ...cms, weak: cms.weak ?? choice.weak };
  if (cms.hash !== choice.hash) return refuse(msg("pkiSigDigestMismatch"), choice.weak);
  return choice;
}

export interface SignatureOutcome {
  ok: boolean;
  weak: string | null;
  unsupported: Text | null;
}

export async function checkSignature(
  crypto: PkiCrypto,
  data: Uint8Array,
  signature: Uint8Array,
  algorithm: pkijs.AlgorithmIdentifier,
  publicKey: pkijs.PublicKeyInfo,
  cmsDigest: string | null = null,
): Promise<SignatureOutcome> {
  const choice = signatureHash(algorithm, cmsDigest);
  if (!choice.hash) return { ok: false, weak: choice.weak, unsupported: choice.unsupported ?? msg("pkiSigUnverifiable") };
  try {
    const ok = await crypto.verify({ data, signature, publicKey, algorithm, hash: choice.hash });
    return { ok: ok === true, weak: choice.weak, unsupported: null };
  } catch (err) {
    if (err instanceof UnsupportedAlgorithmError) return { ok: false, weak: choice.weak, unsupported: err.text };
    return { ok: false, weak: choice.weak, unsupported: null };
  }
}
