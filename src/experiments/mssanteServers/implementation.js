/* mssanteServers: what a mail server presents before any login, and the DNS. The certificate chain
 * of an IMAP or SMTP server (through STARTTLS or TLS, then one harmless command), the negotiated TLS
 * version and whether Thunderbird trusts the chain; and SRV records (RFC 6186). No MailExtension API
 * opens a socket or resolves SRV (README.md). The add-on checks the chain by its own rules; this file
 * only reads it. Errors are ExtensionError "[kind:code] [params…]" (JSON), said by the add-on.
 * getAPI has no side effect (tests load it with stubs). */
/* global Components */
"use strict";

// Thunderbird looks the API class up by this global name (manifest experiment_apis key).
// eslint-disable-next-line no-unused-vars, @typescript-eslint/no-unused-vars
var mssanteServers = class extends ExtensionCommon.ExtensionAPI {
  getAPI(_context) {
    const lazy = {};
    const modules = {
      setTimeout: "resource://gre/modules/Timer.sys.mjs",
      clearTimeout: "resource://gre/modules/Timer.sys.mjs",
      DNS: "resource:///modules/DNS.sys.mjs",
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

    const TLS_VERSIONS = () => ({
      [Ci.nsITransportSecurityInfo.TLS_VERSION_1]: "1.0",
      [Ci.nsITransportSecurityInfo.TLS_VERSION_1_1]: "1.1",
      [Ci.nsITransportSecurityInfo.TLS_VERSION_1_2]: "1.2",
      [Ci.nsITransportSecurityInfo.TLS_VERSION_1_3]: "1.3",
    });

    /** The protocol up to STARTTLS, then one harmless command: a state machine over lines. */
    function dialogue(protocol, security) {
      let state = security === "tls" ? "tls-greeting" : "greeting";
      const capabilities = [];
      return (line) => {
        if (protocol === "imap") {
          if (state === "tls-greeting") return /^\* (OK|PREAUTH)/i.test(line) ? { send: "A1 LOGOUT\r\n", done: true } : { fail: ["unexpected-reply", line] };
          if (state === "greeting") {
            if (/^\* OK/i.test(line)) return (state = "starttls"), { send: "A1 STARTTLS\r\n" };
            return { fail: ["unexpected-reply", line] };
          }
          if (state === "starttls") {
            if (/^A1 OK/i.test(line)) return (state = "after"), { startTls: true, send: "A2 LOGOUT\r\n" };
            if (/^A1 /i.test(line)) return { fail: ["starttls-refused", line] };
            return {};
          }
          return { done: true };
        }
        // SMTP: replies may span several lines ("250-…" then "250 …").
        const code = line.slice(0, 3);
        const last = line[3] !== "-";
        if (state === "tls-greeting") return code === "220" ? (last ? { send: "QUIT\r\n", done: true } : {}) : { fail: ["unexpected-reply", line] };
        if (state === "greeting") {
          if (code !== "220") return { fail: ["unexpected-reply", line] };
          return last ? ((state = "ehlo"), { send: "EHLO [127.0.0.1]\r\n" }) : {};
        }
        if (state === "ehlo") {
          if (code !== "250") return { fail: ["unexpected-reply", line] };
          capabilities.push(line.slice(4).trim().toUpperCase());
          if (!last) return {};
          if (!capabilities.some((c) => c === "STARTTLS")) return { fail: ["no-starttls", line] };
          return (state = "starttls"), { send: "STARTTLS\r\n" };
        }
        if (state === "starttls") {
          if (code === "220") return (state = "after"), { startTls: true, send: "QUIT\r\n" };
          return { fail: ["starttls-refused", line] };
        }
        return { done: true };
      };
    }

    function readCertificates({ host, port, protocol, security }) {
      const sts = Cc["@mozilla.org/network/socket-transport-service;1"].getService(Ci.nsISocketTransportService);
      const transport = sts.createTransport([security === "tls" ? "ssl" : "starttls"], host, port, null, null);
      transport.setTimeout(Ci.nsISocketTransport.TIMEOUT_CONNECT, 15);
      transport.setTimeout(Ci.nsISocketTransport.TIMEOUT_READ_WRITE, 15);
      const output = transport.openOutputStream(0, 0, 0);
      const input = transport.openInputStream(0, 0, 0);
      const scriptable = Cc["@mozilla.org/scriptableinputstream;1"].createInstance(Ci.nsIScriptableInputStream);
      scriptable.init(input);
      const pump = Cc["@mozilla.org/network/input-stream-pump;1"].createInstance(Ci.nsIInputStreamPump);
      pump.init(input, 0, 0, false);
      const next = dialogue(protocol, security);
      let buffer = "";
      let upgraded = security === "tls";
      let finished = false;
      let failure;
      let queue = Promise.resolve();

      const result = new Promise((resolve, reject) => {
        const finish = (status) => settle(status).catch(reject);
        const settle = async (status) => {
          if (finished) return;
          finished = true;
          let info = null;
          try {
            info = await transport.tlsSocketControl?.asyncGetSecurityInfo();
          } catch {
            // No TLS at all (refused before the handshake).
          }
          try {
            transport.close(Components.results.NS_OK);
          } catch {
            // Already closed.
          }
          // Some attributes throw NS_ERROR_NOT_AVAILABLE depending on how the handshake ended.
          const get = (name) => {
            try {
              return info ? info[name] : undefined;
            } catch {
              return undefined;
            }
          };
          const certs = [get("handshakeCertificates"), get("failedCertChain"), get("succeededCertChain")].find((list) => list && list.length) ?? (get("serverCert") ? [get("serverCert")] : []);
          if (certs.length === 0) {
            const name = ChromeUtils.getXPCOMErrorName(status);
            if (failure) return reject(codedError("protocol", failure[0], `${host}:${port}`, failure[1]));
            if (!upgraded) return reject(codedError("unreachable", "server-unreachable", `${host}:${port}`, name));
            return reject(codedError("tls", "tls-failed", `${host}:${port}`, get("errorCodeString") || name));
          }
          const errorCode = get("errorCodeString") || null;
          resolve({
            certificates: certs.map((c) => c.getBase64DERString()),
            // Unknown when the handshake stopped on the certificate (Thunderbird does not trust it yet).
            tlsVersion: TLS_VERSIONS()[get("protocolVersion")] ?? null,
            // What Thunderbird offered at least: a server that got as far as its certificate accepted it.
            minimumTlsVersion: { 1: "1.0", 2: "1.1", 3: "1.2", 4: "1.3" }[Services.prefs.getIntPref("security.tls.version.min", 3)] ?? null,
            trustedByThunderbird: Components.isSuccessCode(status) && !errorCode && Boolean(get("succeededCertChain")?.length),
            nssError: errorCode,
          });
        };

        const onLine = async (line) => {
          if (finished) return;
          const step = next(line);
          if (step.fail) {
            failure = step.fail;
            return finish(Components.results.NS_ERROR_FAILURE);
          }
          if (step.startTls) {
            await transport.tlsSocketControl.asyncStartTLS();
            upgraded = true;
          }
          if (step.send) output.write(step.send, step.send.length);
          // Data arrived after the handshake: the chain is known, no need to wait for the server.
          if (step.done) return finish(Components.results.NS_OK);
        };

        pump.asyncRead({
          QueryInterface: ChromeUtils.generateQI(["nsIStreamListener"]),
          onStartRequest() {},
          onDataAvailable(_request, _stream, _offset, count) {
            buffer += scriptable.read(count);
            const lines = buffer.split(/\r?\n/);
            buffer = lines.pop();
            for (const line of lines) queue = queue.then(() => onLine(line)).catch((err) => ((failure = ["dialogue-error", String(err)]), finish(Components.results.NS_ERROR_FAILURE)));
          },
          onStopRequest(_request, status) {
            queue = queue.then(() => finish(status));
          },
        });
      });
      return withTimeout(result, 30000, "server-timeout", `${host}:${port}`, () => {
        finished = true;
        try {
          transport.close(Components.results.NS_ERROR_ABORT);
        } catch {
          // Already closed.
        }
      });
    }

    return {
      mssanteServers: {
        async getServerCertificates(options) {
          try {
            return await readCertificates(options);
          } catch (err) {
            return fail("tls", err);
          }
        },

        async resolveSrv(name) {
          try {
            const records = await withTimeout(lazy.DNS.srv(name), 15000, "dns-timeout", name);
            return (records ?? []).map((r) => ({ priority: r.prio, weight: r.weight, port: r.port, target: r.host }));
          } catch (err) {
            return fail("dns", err);
          }
        },
      },
    };
  }
};
