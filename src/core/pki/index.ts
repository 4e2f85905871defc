// Certificate checks against IGC-Santé: S/MIME signed messages and operator server chains.
export { parseMailDate } from "../mail/date.ts";
export { verifySmime, type SmimeOptions, type SmimeVerdict, type SignerIdentity } from "./smime.ts";
export { checkServerChain, type ServerChainOptions, type ServerCertVerdict } from "./server.ts";
export { parseCertificate, parseCertificates, type CertInfo } from "./certificate.ts";
export { parseCrl, parseCrls, shouldKeepCrl, whenCrlVerified, type ParsedCrl } from "./crl.ts";
export { webCryptoEngine, defaultCrypto, UnsupportedAlgorithmError, type PkiCrypto, type SignatureCheck } from "./crypto.ts";
export { PkiDecodeError, bytesEqual } from "./der.ts";
export { setPkiCaches } from "./cache.ts";
export { STATUS_PRECEDENCE, STATUS_LABELS, localizeReasons, localizeVerdict, statusKey, statusLabel, statusOf, type Reason, type Status, type Severity } from "./reasons.ts";
export { IGC_SANTE_ROOTS, SERVER_ISSUER_CN, TEST_SERVER_ISSUER_CN, EXPIRY_WARNING_DAYS, isPinnedRoot } from "./igc-sante.ts";
