// IGC-Santé facts the checks rely on, as data (../shared/docs/domain.md §4). The certificates
// themselves are not bundled here: the add-on ships/imports them, and a root is accepted as an
// anchor only when its SHA-256 fingerprint is one of these.

export interface PinnedRoot {
  name: string;
  /** SHA-256 of the DER certificate, `AA:BB:…`. */
  sha256: string;
  notBefore: string;
  notAfter: string;
}

export const IGC_SANTE_ROOTS: readonly PinnedRoot[] = [
  {
    name: "AC RACINE IGC-SANTE ELEMENTAIRE",
    sha256: "2D:9E:22:CA:19:F7:77:C6:B7:45:25:7C:72:3E:CB:8D:F3:C3:5F:A6:F1:F6:EC:36:B8:36:00:C9:73:46:96:7F",
    notBefore: "2013-06-25T00:00:00Z",
    notAfter: "2033-06-25T00:00:00Z",
  },
];

/**
 * Issuing CA expected for operator (IMAP/SMTP) server certificates: CN of the certificate's direct
 * issuer. The add-on's default; tests use TEST_SERVER_ISSUER_CN for the `TEST ` CAs of the test PKI.
 */
export const SERVER_ISSUER_CN = /^AC IGC-SANTE ELEMENTAIRE ORGANISATIONS$/;
export const TEST_SERVER_ISSUER_CN = /^(TEST )?AC IGC-SANTE ELEMENTAIRE ORGANISATIONS$/;

/** Days before expiry from which a server certificate raises the `expires-soon` warning. */
export const EXPIRY_WARNING_DAYS = 30;

export function isPinnedRoot(sha256: string): PinnedRoot | undefined {
  const norm = sha256.replace(/[^0-9a-f]/gi, "").toUpperCase();
  return IGC_SANTE_ROOTS.find((r) => r.sha256.replace(/:/g, "") === norm);
}
