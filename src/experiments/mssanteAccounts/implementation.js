/* mssanteAccounts: creating and removing a Thunderbird mail account, all or nothing (servers,
 * identity, logins, the client certificate of an applicative mailbox), and what an account's
 * servers are. No MailExtension API creates an account, checks a login, writes the login manager or
 * imports a PKCS#12 file (README.md). Every decision (which server, which certificate) is taken by
 * the add-on's checked code; this file only carries it out. Errors are ExtensionError whose text is
 * "[kind:code] [params…]" (JSON): the add-on says them in the user's language
 * (platform/experiment-errors.ts). getAPI has no side effect (tests load it with stubs). */
/* global Components, IOUtils */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var mssanteAccounts = class extends ExtensionCommon.ExtensionAPI {
  getAPI(_context) {
    const lazy = {};
    const modules = {
      MailServices: "resource:///modules/MailServices.sys.mjs",
      setTimeout: "resource://gre/modules/Timer.sys.mjs",
      clearTimeout: "resource://gre/modules/Timer.sys.mjs",
    };
    for (const [name, url] of Object.entries(modules)) {
      Object.defineProperty(lazy, name, { get: () => ChromeUtils.importESModule(url)[name] });
    }

    /** An error the add-on can say: a kind (what failed), a code (why) and its parameters. */
    const codedError = (kind, code, ...params) => new Error(`[${kind}:${code}] ${JSON.stringify(params.map(String))}`);
    /** Rethrows for the add-on; an error not ours keeps its text as the parameter of "internal". */
    const fail = (kind, err) => {
      const text = err && err.message ? err.message : String(err);
      throw new ExtensionUtils.ExtensionError(text.startsWith("[") ? text : `[${kind}:internal] ${JSON.stringify([text])}`);
    };
    const withTimeout = (promise, ms, code, what, onTimeout) =>
      new Promise((resolve, reject) => {
        const timer = lazy.setTimeout(() => {
          if (onTimeout) onTimeout();
          reject(codedError("timeout", code, what, ms / 1000));
        }, ms);
        promise.then(
          (v) => {
            lazy.clearTimeout(timer);
            resolve(v);
          },
          (e) => {
            lazy.clearTimeout(timer);
            reject(e);
          },
        );
      });

    const socketTypes = () => ({ starttls: Ci.nsMsgSocketType.alwaysSTARTTLS, tls: Ci.nsMsgSocketType.SSL });
    // A client certificate is SASL EXTERNAL for IMAP. Thunderbird's SMTP client has no EXTERNAL: it
    // sends no AUTH at all and the server authenticates the certificate presented in TLS.
    const authMethods = (protocol) => ({
      password: Ci.nsMsgAuthMethod.passwordCleartext,
      oauth2: Ci.nsMsgAuthMethod.OAuth2,
      "client-certificate": protocol === "smtp" ? Ci.nsMsgAuthMethod.none : Ci.nsMsgAuthMethod.External,
    });
    const normFp = (fp) => String(fp).replace(/[^0-9a-f]/gi, "").toUpperCase();

    // ---- Login manager --------------------------------------------------------------------
    // Entries as Thunderbird's own account wizard writes them: origin "imap://host", "smtp://host".
    const findLogin = async (origin, username) =>
      (await Services.logins.searchLoginsAsync({ origin, httpRealm: origin })).find((l) => l.username === username);
    /** Stores a login; returns how to undo exactly that (restore a replaced password, or remove). */
    const rememberLogin = async (origin, username, password) => {
      const existing = await findLogin(origin, username);
      if (existing && existing.password === password) return () => {};
      const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
      login.init(origin, null, origin, username, password, "", "");
      if (existing) {
        const before = existing.clone();
        Services.logins.modifyLogin(existing, login);
        return async () => Services.logins.modifyLogin(await findLogin(origin, username), before);
      }
      await Services.logins.addLoginAsync(login);
      return () => forgetLogin(origin, username);
    };
    const forgetLogin = async (origin, username) => {
      const l = await findLogin(origin, username);
      if (l) Services.logins.removeLogin(l);
    };

    // ---- Login check, as Thunderbird's ConfigVerifier does it -------------------------------
    const verifyLogon = (server) => {
      const done = new Promise((resolve, reject) => {
        const listener = {
          QueryInterface: ChromeUtils.generateQI(["nsIUrlListener"]),
          OnStartRunningUrl() {},
          OnStopRunningUrl(url, status) {
            if (Components.isSuccessCode(status)) return resolve();
            let detail = "";
            try {
              if (url instanceof Ci.nsIMsgMailNewsUrl) detail = url.errorMessage || url.errorCode || "";
            } catch {
              // No detail available.
            }
            let certificate = false;
            try {
              const nss = Cc["@mozilla.org/nss_errors_service;1"].getService(Ci.nsINSSErrorsService);
              certificate = nss.getErrorClass(status) === Ci.nsINSSErrorsService.ERROR_CLASS_BAD_CERT;
            } catch {
              // Not an NSS error.
            }
            const name = ChromeUtils.getXPCOMErrorName(status);
            const kind = certificate ? "certificate" : /CONNECTION_REFUSED|UNKNOWN_HOST|NET_TIMEOUT|NET_RESET|OFFLINE/.test(name) ? "unreachable" : "login";
            reject(codedError(kind, "logon-failed", `${server.hostname}:${server.port}`, detail || name));
          },
        };
        const uri = server.verifyLogon(listener, null);
        // No window: Thunderbird must not prompt for another password.
        if (uri instanceof Ci.nsIMsgMailNewsUrl) uri.msgWindow = null;
      });
      return withTimeout(done, 90000, "logon-timeout", `${server.hostname}:${server.port}`, () => server.closeCachedConnections());
    };

    // ---- Certificate database (the client certificate only; roots are mssanteCertificates) -----
    const certDb = () => Cc["@mozilla.org/security/x509certdb;1"].getService(Ci.nsIX509CertDB);

    // ---- Client certificate (applicative mailboxes: IGC-Santé organisation certificate) ------
    const PKCS12_ERRORS = () => ({
      [Ci.nsIX509CertDB.ERROR_BAD_PASSWORD]: "p12-bad-password",
      [Ci.nsIX509CertDB.ERROR_DECODE_ERROR]: "p12-unreadable",
      [Ci.nsIX509CertDB.ERROR_PKCS12_CERT_COLLISION]: "p12-collision",
      [Ci.nsIX509CertDB.ERROR_PKCS12_DUPLICATE_DATA]: "p12-duplicate",
    });
    /** Imports a PKCS#12 (base64) into the NSS database through a temporary file of the profile,
     * deleted whatever happens. Resolves to the client certificate, and the undo of exactly what
     * was added (the certificate, its key, the chain certificates the file carried). The password
     * is never logged nor kept. */
    const importPkcs12 = async (pkcs12, password) => {
      const db = certDb();
      const before = new Set(db.getCerts().map((c) => normFp(c.sha256Fingerprint)));
      const file = Services.dirsvc.get("ProfD", Ci.nsIFile);
      file.append("mssante-import.p12");
      file.createUnique(Ci.nsIFile.NORMAL_FILE_TYPE, 0o600);
      let status;
      try {
        // No atob in this scope: base64url decoding of the same text.
        const url = String(pkcs12).replace(/\s/g, "").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        const bytes = new Uint8Array(ChromeUtils.base64URLDecode(url, { padding: "reject" }));
        await IOUtils.write(file.path, bytes);
        status = db.importPKCS12File(file, password);
      } finally {
        await IOUtils.remove(file.path, { ignoreAbsent: true });
      }
      if (status !== Ci.nsIX509CertDB.Success) throw PKCS12_ERRORS()[status] ? codedError("clientcert", PKCS12_ERRORS()[status]) : codedError("clientcert", "p12-refused", status);
      const added = db.getCerts().filter((c) => !before.has(normFp(c.sha256Fingerprint)));
      // The client certificate is the one with a private key (NSS: a user certificate).
      const mine = added.filter((c) => c.certType === Ci.nsIX509Cert.USER_CERT);
      const undo = () => {
        for (const c of added) certDb().deleteCertificate(c);
      };
      if (mine.length !== 1) {
        undo();
        throw mine.length ? codedError("clientcert", "p12-several-user-certs") : codedError("clientcert", "p12-no-user-cert");
      }
      return { cert: mine[0], undo };
    };
    /** Thunderbird presents this certificate to this host without asking (no window may open during
     * the login check). Resolves to the undo. */
    const presentCertificateTo = (host, cert) => {
      const cars = Cc["@mozilla.org/security/clientAuthRememberService;1"].getService(Ci.nsIClientAuthRememberService);
      cars.rememberDecisionScriptable(host, {}, cert, Ci.nsIClientAuthRememberService.Permanent);
      return () => cars.deleteDecisionsByHost(host, {});
    };

    return {
      mssanteAccounts: {
        async createAccount(o) {
          const { MailServices } = lazy;
          // Undo steps, run in reverse on any failure: nothing half-made stays behind.
          const undo = [];
          let clientCertificate = null;
          try {
            const certAuth = o.imap.auth === "client-certificate" || o.smtp.auth === "client-certificate";
            if (certAuth && !o.clientCertificate) throw codedError("clientcert", "client-cert-missing");
            if (MailServices.accounts.findServer(o.imap.username, o.imap.host, "imap", o.imap.port)) {
              throw codedError("exists", "account-exists", o.imap.username, o.imap.host);
            }
            const server = MailServices.accounts.createIncomingServer(o.imap.username, o.imap.host, "imap");
            undo.push(() => MailServices.accounts.removeIncomingServer(server, true));
            server.port = o.imap.port;
            server.socketType = socketTypes()[o.imap.security];
            server.authMethod = authMethods("imap")[o.imap.auth];
            if (o.password && o.imap.auth !== "client-certificate") server.password = o.password;
            if (certAuth) {
              // The .p12 password opens the file only: it is stored nowhere.
              const imported = await importPkcs12(o.clientCertificate.pkcs12, o.clientCertificate.password);
              undo.push(imported.undo);
              for (const host of new Set([o.imap.host, o.smtp.host])) undo.push(presentCertificateTo(host, imported.cert));
              clientCertificate = { sha256: imported.cert.sha256Fingerprint, subject: imported.cert.subjectName };
            }
            server.clientid = Services.uuid.generateUUID().toString().replace(/[{}]/g, "");
            // The credentials go out only now, after the add-on checked the server's certificate.
            await verifyLogon(server);

            if (o.rememberPassword && o.password && !certAuth) {
              undo.push(await rememberLogin(`imap://${o.imap.host}`, o.imap.username, o.password));
            }
            let smtp = MailServices.outgoingServer.findServer(o.smtp.username, o.smtp.host, "smtp");
            if (!smtp) {
              smtp = MailServices.outgoingServer.createServer("smtp");
              const created = smtp;
              undo.push(() => MailServices.outgoingServer.deleteServer(created));
              const smtpServer = smtp.QueryInterface(Ci.nsISmtpServer);
              smtpServer.hostname = o.smtp.host;
              smtpServer.port = o.smtp.port;
              smtp.socketType = socketTypes()[o.smtp.security];
              smtp.authMethod = authMethods("smtp")[o.smtp.auth];
              smtp.username = o.smtp.username;
              smtp.description = o.email;
              if (!MailServices.outgoingServer.defaultServer || !MailServices.outgoingServer.defaultServer.serverURI.host) {
                MailServices.outgoingServer.defaultServer = smtp;
              }
            }
            if (o.rememberPassword && o.password && !certAuth) {
              undo.push(await rememberLogin(`smtp://${o.smtp.host}`, o.smtp.username, o.password));
            }

            const identity = MailServices.accounts.createIdentity();
            undo.push(() => identity.clearAllValues());
            identity.fullName = o.fullName;
            identity.email = o.email;
            identity.smtpServerKey = smtp.key;
            identity.replyOnTop = 1;
            // Where sent mail, drafts and templates go, as Thunderbird's own account wizard sets them.
            const base = `${server.serverURI}/`;
            identity.fccFolderURI = `${base}Sent`;
            identity.draftsFolderURI = `${base}Drafts`;
            identity.templatesFolderURI = `${base}Templates`;
            identity.fccFolderPickerMode = 0;
            identity.draftsFolderPickerMode = 0;
            identity.templatesFolderPickerMode = 0;
            identity.valid = true;

            server.prettyName = o.email;
            server.doBiff = true;
            server.setBoolValue("login_at_startup", true);
            server.valid = true;
            const account = MailServices.accounts.createAccount();
            account.addIdentity(identity);
            account.incomingServer = server;
            undo.pop(); // the identity now belongs to the account
            undo.splice(0, 1, () => MailServices.accounts.removeAccount(account, true));
            if (!MailServices.accounts.defaultAccount || !MailServices.accounts.defaultAccount.incomingServer.canBeDefaultServer) {
              MailServices.accounts.defaultAccount = account;
            }
            try {
              if (!MailServices.accounts.localFoldersServer) MailServices.accounts.createLocalMailAccount();
            } catch {
              MailServices.accounts.createLocalMailAccount();
            }
            MailServices.accounts.saveAccountInfo();
            Services.prefs.savePrefFile(null);
            return { accountId: account.key, identityId: identity.key, clientCertificate };
          } catch (err) {
            for (const step of undo.reverse()) {
              try {
                await step();
              } catch (e) {
                console.error("[mssante] retour arrière incomplet :", e);
              }
            }
            return fail("account", err);
          }
        },

        async deleteAccount(accountId) {
          try {
            const { MailServices } = lazy;
            const account = MailServices.accounts.getAccount(accountId);
            if (!account) throw codedError("account", "no-account", accountId);
            const server = account.incomingServer;
            const host = server.hostname;
            const user = server.username;
            const smtpKeys = account.identities.map((i) => i.smtpServerKey).filter(Boolean);
            MailServices.accounts.removeAccount(account, true);
            await forgetLogin(`imap://${host}`, user);
            const stillUsed = new Set(MailServices.accounts.allIdentities.map((i) => i.smtpServerKey));
            for (const key of smtpKeys) {
              const smtp = MailServices.outgoingServer.getServerByKey(key);
              if (!smtp || stillUsed.has(key)) continue;
              await forgetLogin(`smtp://${smtp.serverURI.host}`, smtp.username);
              MailServices.outgoingServer.deleteServer(smtp);
            }
            MailServices.accounts.saveAccountInfo();
          } catch (err) {
            fail("account", err);
          }
        },

        async syncAccount(accountId) {
          try {
            const account = lazy.MailServices.accounts.getAccount(accountId);
            if (!account) throw codedError("account", "no-account", accountId);
            const server = account.incomingServer;
            const inbox = server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
            if (inbox) {
              inbox.getNewMessages(null, null);
              return true;
            }
            server.performExpand(null);
            return false;
          } catch (err) {
            return fail("sync", err);
          }
        },

        async getAccountServers(accountId) {
          try {
            const account = lazy.MailServices.accounts.getAccount(accountId);
            if (!account) return null;
            // Only the STARTTLS and TLS socket types make sense for MSSanté; plain is reported as such.
            const security = (t) => (t === Ci.nsMsgSocketType.SSL ? "tls" : t === Ci.nsMsgSocketType.alwaysSTARTTLS ? "starttls" : "plain");
            const incoming = account.incomingServer;
            const identity = account.defaultIdentity;
            let smtp = null;
            if (identity) {
              const out = lazy.MailServices.outgoingServer.getServerByIdentity(identity);
              const s = out && out.serverURI ? out.QueryInterface(Ci.nsISmtpServer) : null;
              if (s) smtp = { host: s.hostname, port: s.port || 587, security: security(out.socketType) };
            }
            return { imap: { host: incoming.hostname, port: incoming.port, security: security(incoming.socketType) }, smtp };
          } catch (err) {
            return fail("account", err);
          }
        },
      },
    };
  }
};
