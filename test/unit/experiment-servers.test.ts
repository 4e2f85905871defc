// The mssanteServers Experiment's hand-written STARTTLS dialogue and its DNS look-up, run against a
// fake socket: the chain is read after the upgrade with no credential ever sent, and each way it can
// go wrong comes back as a code the add-on says (never as French text from privileged code).
// The same code runs for real in test/e2e/account.e2e.test.ts and server-certificates.e2e.test.ts.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

const IMPL = readFileSync(join(import.meta.dirname, "../../src/experiments/mssanteServers/implementation.js"), "utf8");

const NS_ERROR_FAILURE = 0x80004005;
const NS_ERROR_CONNECTION_REFUSED = 0x804b000d;
const NAMES: Record<number, string> = { 0: "NS_OK", [NS_ERROR_FAILURE]: "NS_ERROR_FAILURE", [NS_ERROR_CONNECTION_REFUSED]: "NS_ERROR_CONNECTION_REFUSED" };

interface Listener {
  onDataAvailable(r: unknown, s: unknown, o: number, count: number): void;
  onStopRequest(r: unknown, status: number): void;
}

/**
 * A server that answers each line the client writes with `reply(line)`: a string is sent back, null
 * closes the connection. `refuse` closes before any data, as a refused connection does.
 */
function fakeServer(opts: { greeting: string; reply: (line: string) => string | null; refuse?: boolean; dns?: () => Promise<unknown> }) {
  const sent: string[] = [];
  let pending = "";
  let listener: Listener | undefined;
  let tls = false;
  const deliver = (text: string) => {
    pending += text;
    listener!.onDataAvailable(null, null, 0, text.length);
  };
  const transport = {
    setTimeout() {},
    openOutputStream: () => ({
      write(data: string) {
        sent.push(data);
        const answer = opts.reply(data);
        setTimeout(() => (answer === null ? listener!.onStopRequest(null, 0) : deliver(answer)), 0);
      },
    }),
    openInputStream: () => ({}),
    close() {},
    tlsSocketControl: {
      async asyncStartTLS() {
        tls = true;
      },
      async asyncGetSecurityInfo() {
        if (!tls) return null;
        return { succeededCertChain: [{ getBase64DERString: () => "TEVBRg==" }, { getBase64DERString: () => "Uk9PVA==" }], protocolVersion: 4, errorCodeString: "" };
      },
    },
  };
  const sandbox: Record<string, unknown> = {
    ExtensionCommon: { ExtensionAPI: class {} },
    ExtensionUtils: { ExtensionError: Error },
    ChromeUtils: {
      importESModule: () => ({ setTimeout, clearTimeout, DNS: { srv: opts.dns ?? (async () => []) } }),
      generateQI: () => () => {},
      getXPCOMErrorName: (s: number) => NAMES[s] ?? String(s),
    },
    Components: { isSuccessCode: (s: number) => s === 0, results: { NS_OK: 0, NS_ERROR_FAILURE, NS_ERROR_ABORT: 0x80004004 } },
    Services: { prefs: { getIntPref: () => 3 } },
    Cc: {
      "@mozilla.org/network/socket-transport-service;1": { getService: () => ({ createTransport: () => transport }) },
      "@mozilla.org/scriptableinputstream;1": {
        createInstance: () => ({
          init() {},
          read(count: number) {
            const out = pending.slice(0, count);
            pending = pending.slice(count);
            return out;
          },
        }),
      },
      "@mozilla.org/network/input-stream-pump;1": {
        createInstance: () => ({
          init() {},
          asyncRead(l: Listener) {
            listener = l;
            setTimeout(() => (opts.refuse ? l.onStopRequest(null, NS_ERROR_CONNECTION_REFUSED) : deliver(opts.greeting)), 0);
          },
        }),
      },
    },
    Ci: {
      nsISocketTransportService: {},
      nsISocketTransport: { TIMEOUT_CONNECT: 0, TIMEOUT_READ_WRITE: 1 },
      nsIScriptableInputStream: {},
      nsIInputStreamPump: {},
      nsITransportSecurityInfo: { TLS_VERSION_1: 1, TLS_VERSION_1_1: 2, TLS_VERSION_1_2: 3, TLS_VERSION_1_3: 4 },
    },
  };
  runInNewContext(`${IMPL}\n;globalThis.__api = mssanteServers;`, sandbox);
  const Api = sandbox.__api as new () => { getAPI(c: unknown): { mssanteServers: Record<string, (...a: unknown[]) => Promise<unknown>> } };
  return { api: new Api().getAPI({}).mssanteServers, sent };
}

const IMAP = { host: "imap.op.fr", port: 143, protocol: "imap", security: "starttls" };
const SMTP = { host: "smtp.op.fr", port: 587, protocol: "smtp", security: "starttls" };

describe("mssanteServers.getServerCertificates", () => {
  it("IMAP: STARTTLS, then the chain and the TLS version; LOGOUT, never a login", async () => {
    const server = fakeServer({ greeting: "* OK Dovecot ready.\r\n", reply: (l) => (l.startsWith("A1 STARTTLS") ? "A1 OK Begin TLS negotiation now.\r\n" : "* BYE Logging out\r\n") });
    expect(await server.api.getServerCertificates!(IMAP)).toEqual({
      certificates: ["TEVBRg==", "Uk9PVA=="],
      tlsVersion: "1.3",
      minimumTlsVersion: "1.2",
      trustedByThunderbird: true,
      nssError: null,
    });
    expect(server.sent).toEqual(["A1 STARTTLS\r\n", "A2 LOGOUT\r\n"]);
  });

  it("SMTP: EHLO over several lines, STARTTLS, then QUIT", async () => {
    const server = fakeServer({
      greeting: "220 smtp.op.fr ESMTP\r\n",
      reply: (l) => (l.startsWith("EHLO") ? "250-smtp.op.fr\r\n250-SIZE 1000\r\n250 STARTTLS\r\n" : l.startsWith("STARTTLS") ? "220 Ready to start TLS\r\n" : "221 Bye\r\n"),
    });
    expect(await server.api.getServerCertificates!(SMTP)).toMatchObject({ certificates: ["TEVBRg==", "Uk9PVA=="], tlsVersion: "1.3" });
    expect(server.sent).toEqual(["EHLO [127.0.0.1]\r\n", "STARTTLS\r\n", "QUIT\r\n"]);
  });

  it("a server that offers no STARTTLS: a code, not a text, and no upgrade attempted", async () => {
    const server = fakeServer({ greeting: "220 smtp.op.fr ESMTP\r\n", reply: () => "250-smtp.op.fr\r\n250 SIZE 1000\r\n" });
    await expect(server.api.getServerCertificates!(SMTP)).rejects.toThrow(/^\[protocol:no-starttls\] \["smtp\.op\.fr:587","250 SIZE 1000"\]$/);
    expect(server.sent).toEqual(["EHLO [127.0.0.1]\r\n"]);
  });

  it("STARTTLS refused, and an unexpected greeting, each with the server's line", async () => {
    const refused = fakeServer({ greeting: "* OK ready\r\n", reply: () => "A1 NO [PRIVACYREQUIRED] no TLS today\r\n" });
    await expect(refused.api.getServerCertificates!(IMAP)).rejects.toThrow(/^\[protocol:starttls-refused\] \["imap\.op\.fr:143","A1 NO \[PRIVACYREQUIRED\] no TLS today"\]$/);
    const odd = fakeServer({ greeting: "* BYE too busy\r\n", reply: () => null });
    await expect(odd.api.getServerCertificates!(IMAP)).rejects.toThrow(/^\[protocol:unexpected-reply\] \["imap\.op\.fr:143","\* BYE too busy"\]$/);
  });

  it("a refused connection is `unreachable`, with the network error's name", async () => {
    const server = fakeServer({ greeting: "", reply: () => null, refuse: true });
    await expect(server.api.getServerCertificates!(IMAP)).rejects.toThrow(/^\[unreachable:server-unreachable\] \["imap\.op\.fr:143","NS_ERROR_CONNECTION_REFUSED"\]$/);
    expect(server.sent).toEqual([]);
  });
});

describe("mssanteServers.resolveSrv", () => {
  it("maps Thunderbird's records, and says a resolver failure as `dns`", async () => {
    const ok = fakeServer({ greeting: "", reply: () => null, dns: async () => [{ prio: 10, weight: 5, port: 993, host: "imap.op.fr" }] });
    expect(await ok.api.resolveSrv!("_imaps._tcp.medecin.mssante.fr")).toEqual([{ priority: 10, weight: 5, port: 993, target: "imap.op.fr" }]);
    const broken = fakeServer({ greeting: "", reply: () => null, dns: async () => Promise.reject(new Error("NS_ERROR_UNKNOWN_HOST")) });
    await expect(broken.api.resolveSrv!("_imap._tcp.x.fr")).rejects.toThrow(/^\[dns:internal\] \["NS_ERROR_UNKNOWN_HOST"\]$/);
  });
});
