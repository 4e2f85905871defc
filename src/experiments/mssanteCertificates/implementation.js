/* mssanteCertificates: the IGC-Santé root in Thunderbird's certificate database, trusted to identify
 * servers: installed only when its fingerprint is one the add-on pins, listed, and removed (or its
 * trust withdrawn when it was there before). No MailExtension API reads or writes the certificate
 * database (README.md). Errors are ExtensionError "[kind:code] [params…]" (JSON), said by the add-on.
 * getAPI has no side effect (tests load it with stubs). */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var mssanteCertificates = class extends ExtensionCommon.ExtensionAPI {
  getAPI(_context) {
    /** An error the add-on can say: a kind (what failed), a code (why) and its parameters. */
    const codedError = (kind, code, ...params) => new Error(`[${kind}:${code}] ${JSON.stringify(params.map(String))}`);
    /** Rethrows for the add-on; an error not ours keeps its text as the parameter of "internal". */
    const fail = (kind, err) => {
      const text = err && err.message ? err.message : String(err);
      throw new ExtensionUtils.ExtensionError(text.startsWith("[") ? text : `[${kind}:internal] ${JSON.stringify([text])}`);
    };
    const normFp = (fp) => String(fp).replace(/[^0-9a-f]/gi, "").toUpperCase();
    const certDb = () => Cc["@mozilla.org/security/x509certdb;1"].getService(Ci.nsIX509CertDB);
    const findCert = (sha256) => certDb().getCerts().find((c) => normFp(c.sha256Fingerprint) === normFp(sha256));
    const trustedForServers = (cert) => certDb().isCertTrusted(cert, Ci.nsIX509Cert.CA_CERT, Ci.nsIX509CertDB.TRUSTED_SSL);

    return {
      mssanteCertificates: {
        async installTrustAnchor(certificate, pinnedSha256) {
          try {
            const db = certDb();
            const candidate = db.constructX509FromBase64(certificate);
            const sha256 = candidate.sha256Fingerprint;
            if (!pinnedSha256.map(normFp).includes(normFp(sha256))) {
              throw codedError("pin", "not-pinned", candidate.subjectName, sha256);
            }
            const existing = findCert(sha256);
            if (existing && trustedForServers(existing)) return { sha256, subject: existing.subjectName, added: false, previouslyPresent: true };
            if (existing) db.setCertTrustFromString(existing, "C,,");
            else db.addCertFromBase64(certificate, "C,,");
            const installed = findCert(sha256);
            if (!installed || !trustedForServers(installed)) throw codedError("anchor", "anchor-not-saved");
            return { sha256, subject: installed.subjectName, added: true, previouslyPresent: Boolean(existing) };
          } catch (err) {
            return fail("anchor", err);
          }
        },

        async removeTrustAnchor(sha256, trustOnly) {
          try {
            const cert = findCert(sha256);
            if (!cert) return false;
            if (cert.isBuiltInRoot) throw codedError("anchor", "builtin-root");
            if (trustOnly) certDb().setCertTrustFromString(cert, ",,");
            else certDb().deleteCertificate(cert);
            return true;
          } catch (err) {
            return fail("anchor", err);
          }
        },

        async listTrustAnchors(sha256) {
          try {
            const wanted = new Set(sha256.map(normFp));
            return certDb()
              .getCerts()
              .filter((c) => wanted.has(normFp(c.sha256Fingerprint)))
              .map((c) => ({ sha256: c.sha256Fingerprint, subject: c.subjectName, trusted: trustedForServers(c) }));
          } catch (err) {
            return fail("anchor", err);
          }
        },
      },
    };
  }
};
