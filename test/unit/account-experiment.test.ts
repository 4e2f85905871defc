// The production Experiment's all-or-nothing account creation and its root pinning, run against
// fakes of Thunderbird's account manager, login manager and certificate database: whatever step
// fails, nothing it added stays (no half account, no orphan login, a replaced password restored).
// The same code runs for real in test/e2e/account.e2e.test.ts.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

// Two of the Experiments, each loaded on its own as Thunderbird does (one script per API).
const IMPLS = {
  mssanteAccounts: readFileSync(join(import.meta.dirname, "../../src/experiments/mssanteAccounts/implementation.js"), "utf8"),
  mssanteCertificates: readFileSync(join(import.meta.dirname, "../../src/experiments/mssanteCertificates/implementation.js"), "utf8"),
};

class ExtensionError extends Error {}
class MailNewsUrl {
  errorMessage = "";
  errorCode = "";
  msgWindow: unknown = "window";
}

interface Login {
  origin: string;
  username: string;
  password: string;
}

interface FakeCert {
  sha256Fingerprint: string;
  subjectName: string;
  trust: string;
  certType?: number;
}

const USER_CERT = 2;
/** What the fake .p12 files hold: a client certificate and its issuer, by file content. */
const P12: Record<string, { password: string; certs: FakeCert[] }> = {
  "app.p12": {
    password: "p12-secret",
    certs: [
      { sha256Fingerprint: "11:22", subjectName: "CN=app.cabinet,O=Cabinet", trust: ",,", certType: USER_CERT },
      { sha256Fingerprint: "33:44", subjectName: "CN=TEST AC IGC-SANTE", trust: ",,", certType: 1 },
    ],
  },
  "ca-only.p12": { password: "p12-secret", certs: [{ sha256Fingerprint: "55:66", subjectName: "CN=CA", trust: ",,", certType: 1 }] },
};

function fakeThunderbird(
  opts: { loginStatus?: number; failOn?: "createAccount" | "createIdentity"; existingLogins?: Login[]; certs?: FakeCert[]; onLogon?: (server: Record<string, unknown>) => void } = {},
  apiName: keyof typeof IMPLS = "mssanteAccounts",
) {
  const logins: Login[] = [...(opts.existingLogins ?? [])];
  // Thunderbird 153 names it `hostname` (it was `hostName` before).
  const servers: { key: string; removed: boolean; hostname: string; port: number; username: string; authMethod?: number; password?: string }[] = [];
  const smtpServers: { key: string; deleted: boolean; authMethod: number }[] = [];
  const accounts: { key: string; removed: boolean }[] = [];
  let n = 0;
  const certs = opts.certs ?? [];
  // Temporary files written for importPKCS12File, and what was remembered for client authentication.
  const files = new Map<string, Uint8Array>();
  const filesSeen: string[] = [];
  const passwordsSeen: string[] = [];
  const decisions = new Map<string, string>();
  const loginInfo = () => {
    const l: Login & { init(...a: string[]): void; clone(): Login } = {
      origin: "",
      username: "",
      password: "",
      init(origin: string, _f: string, _r: string, username: string, password: string) {
        Object.assign(l, { origin, username, password });
      },
      clone() {
        return { ...l };
      },
    };
    return l;
  };
  const MailServices = {
    accounts: {
      findServer: () => null,
      createIncomingServer(username: string, hostName: string) {
        const s = {
          key: `server${++n}`,
          removed: false,
          hostname: hostName,
          username,
          port: 0,
          serverURI: `imap://${username}@${hostName}`,
          closeCachedConnections() {},
          setBoolValue() {},
          verifyLogon(listener: { OnStopRunningUrl(url: unknown, status: number): void }) {
            opts.onLogon?.(s);
            const url = new MailNewsUrl();
            queueMicrotask(() => listener.OnStopRunningUrl(url, opts.loginStatus ?? 0));
            return url;
          },
        };
        servers.push(s);
        return s;
      },
      removeIncomingServer(s: { removed: boolean }) {
        s.removed = true;
      },
      createIdentity() {
        if (opts.failOn === "createIdentity") throw new Error("identité impossible");
        return { key: `id${++n}`, clearAllValues() {} };
      },
      createAccount() {
        if (opts.failOn === "createAccount") throw new Error("compte impossible");
        const a = { key: `account${++n}`, removed: false, addIdentity() {}, incomingServer: null };
        accounts.push(a);
        return a;
      },
      removeAccount(a: { removed: boolean }) {
        a.removed = true;
      },
      defaultAccount: null,
      localFoldersServer: {},
      saveAccountInfo() {},
    },
    outgoingServer: {
      findServer: () => null,
      createServer() {
        const s = { key: `smtp${++n}`, deleted: false, authMethod: 0, QueryInterface: () => ({}) as Record<string, unknown>, serverURI: { host: "" } };
        smtpServers.push(s);
        return s;
      },
      deleteServer(s: { deleted: boolean }) {
        s.deleted = true;
      },
      defaultServer: { serverURI: { host: "smtp.ailleurs.fr" } },
    },
  };
  const Services = {
    logins: {
      async searchLoginsAsync({ origin }: { origin: string }) {
        return logins.filter((l) => l.origin === origin).map((l) => ({ ...l, clone: () => ({ ...l }) }));
      },
      async addLoginAsync(l: Login) {
        logins.push({ origin: l.origin, username: l.username, password: l.password });
      },
      modifyLogin(old: Login, next: Login) {
        const i = logins.findIndex((l) => l.origin === old.origin && l.username === old.username);
        logins[i] = { origin: next.origin, username: next.username, password: next.password };
      },
      removeLogin(old: Login) {
        logins.splice(logins.findIndex((l) => l.origin === old.origin && l.username === old.username), 1);
      },
    },
    uuid: { generateUUID: () => "{0000}" },
    dirsvc: {
      get: () => {
        let path = "/profile";
        return {
          get path() {
            return path;
          },
          append(name: string) {
            path += `/${name}`;
          },
          createUnique() {
            path += `-${++n}`;
            filesSeen.push(path);
          },
        };
      },
    },
    prefs: { savePrefFile() {}, getIntPref: () => 3 },
  };
  const certDb = {
    constructX509FromBase64: (b64: string) => ({ sha256Fingerprint: Buffer.from(b64, "base64").toString(), subjectName: "CN=x" }),
    getCerts: () => certs,
    isCertTrusted: (c: { trust: string }) => c.trust === "C,,",
    addCertFromBase64(b64: string, trust: string) {
      certs.push({ sha256Fingerprint: Buffer.from(b64, "base64").toString(), subjectName: "CN=x", trust });
    },
    setCertTrustFromString(c: { trust: string }, trust: string) {
      c.trust = trust;
    },
    deleteCertificate(c: object) {
      certs.splice(certs.indexOf(c as (typeof certs)[number]), 1);
    },
    importPKCS12File(file: { path: string }, password: string) {
      passwordsSeen.push(password);
      const content = P12[Buffer.from(files.get(file.path) ?? []).toString()];
      if (!content) return 11; // ERROR_DECODE_ERROR
      if (content.password !== password) return 10; // ERROR_BAD_PASSWORD
      for (const c of content.certs) if (!certs.some((x) => x.sha256Fingerprint === c.sha256Fingerprint)) certs.push({ ...c });
      return 0;
    },
  };
  const sandbox: Record<string, unknown> = {
    ExtensionCommon: { ExtensionAPI: class {} },
    ExtensionUtils: { ExtensionError },
    IOUtils: {
      async write(path: string, bytes: Uint8Array) {
        files.set(path, bytes);
      },
      async remove(path: string) {
        files.delete(path);
      },
    },
    ChromeUtils: {
      base64URLDecode: (s: string) => new Uint8Array(Buffer.from(s, "base64url")).buffer,
      importESModule: () => ({ MailServices, setTimeout, clearTimeout, DNS: {} }),
      generateQI: () => () => {},
      getXPCOMErrorName: (s: number) => (s === 0 ? "NS_OK" : "NS_ERROR_FAILURE"),
    },
    Components: { isSuccessCode: (s: number) => s === 0, results: { NS_OK: 0 } },
    Services,
    Cc: {
      "@mozilla.org/login-manager/loginInfo;1": { createInstance: loginInfo },
      "@mozilla.org/security/x509certdb;1": { getService: () => certDb },
      "@mozilla.org/nss_errors_service;1": { getService: () => ({ getErrorClass: () => 0 }) },
      "@mozilla.org/security/clientAuthRememberService;1": {
        getService: () => ({
          rememberDecisionScriptable(host: string, _oa: object, cert: FakeCert, duration: number) {
            expect(duration).toBe(2);
            decisions.set(host, cert.sha256Fingerprint);
          },
          deleteDecisionsByHost(host: string) {
            decisions.delete(host);
          },
        }),
      },
    },
    Ci: {
      nsMsgSocketType: { alwaysSTARTTLS: 2, SSL: 3 },
      nsMsgAuthMethod: { none: 1, passwordCleartext: 3, External: 7, OAuth2: 10 },
      nsIFile: { NORMAL_FILE_TYPE: 0 },
      nsIClientAuthRememberService: { Permanent: 2 },
      nsISmtpServer: {},
      nsIMsgMailNewsUrl: MailNewsUrl,
      nsINSSErrorsService: { ERROR_CLASS_BAD_CERT: 2 },
      nsIX509Cert: { CA_CERT: 1, USER_CERT },
      nsIX509CertDB: { TRUSTED_SSL: 1, Success: 0, ERROR_BAD_PASSWORD: 10, ERROR_DECODE_ERROR: 11, ERROR_PKCS12_CERT_COLLISION: 12, ERROR_PKCS12_DUPLICATE_DATA: 13 },
    },
    console: { ...console, error: (...a: unknown[]) => logged.push(a.map(String).join(" ")), log: (...a: unknown[]) => logged.push(a.map(String).join(" ")) },
  };
  const logged: string[] = [];
  runInNewContext(`${IMPLS[apiName]}\n;globalThis.__api = ${apiName};`, sandbox);
  const Api = sandbox.__api as new () => { getAPI(c: unknown): Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> };
  return { api: new Api().getAPI({})[apiName]!, logins, servers, smtpServers, accounts, certs, files, filesSeen, passwordsSeen, decisions, logged };
}

const OPTIONS = {
  email: "jean.dupont@medecin.mssante.fr",
  fullName: "Dr Jean DUPONT",
  imap: { host: "imap.op.fr", port: 143, security: "starttls", username: "jean.dupont@medecin.mssante.fr", auth: "password" },
  smtp: { host: "smtp.op.fr", port: 587, security: "starttls", username: "jean.dupont@medecin.mssante.fr", auth: "password" },
  password: "secret",
  rememberPassword: true,
};

describe("mssanteAccounts.createAccount", () => {
  it("creates the account and stores one login per server", async () => {
    const tb = fakeThunderbird();
    const r = (await tb.api.createAccount!(OPTIONS)) as { accountId: string; identityId: string };
    expect(r.accountId).toMatch(/^account/);
    expect(r.identityId).toMatch(/^id/);
    expect(tb.logins.map((l) => l.origin)).toEqual(["imap://imap.op.fr", "smtp://smtp.op.fr"]);
    expect(tb.servers.filter((s) => !s.removed)).toHaveLength(1);
  });

  it("a refused login leaves no server and no login", async () => {
    const tb = fakeThunderbird({ loginStatus: 0x80004005 });
    await expect(tb.api.createAccount!(OPTIONS)).rejects.toThrow(/^\[login:logon-failed\] \["imap\.op\.fr:143","NS_ERROR_FAILURE"\]$/);
    expect(tb.servers.every((s) => s.removed)).toBe(true);
    expect(tb.logins).toEqual([]);
  });

  it.each(["createIdentity", "createAccount"] as const)("a failure at %s removes the logins, the SMTP server and the IMAP server", async (failOn) => {
    const tb = fakeThunderbird({ failOn });
    await expect(tb.api.createAccount!(OPTIONS)).rejects.toThrow(/^\[account:internal\] \["(identité|compte) impossible"\]$/);
    expect(tb.logins).toEqual([]);
    expect(tb.smtpServers.every((s) => s.deleted)).toBe(true);
    expect(tb.servers.every((s) => s.removed)).toBe(true);
    expect(tb.accounts.every((a) => a.removed)).toBe(true);
  });

  it("restores a password it replaced, and keeps a login that was already right", async () => {
    const existingLogins = [
      { origin: "imap://imap.op.fr", username: OPTIONS.imap.username, password: "ancien" },
      { origin: "smtp://smtp.op.fr", username: OPTIONS.smtp.username, password: "secret" },
    ];
    const tb = fakeThunderbird({ failOn: "createAccount", existingLogins });
    await expect(tb.api.createAccount!(OPTIONS)).rejects.toThrow();
    expect(tb.logins).toEqual(existingLogins);
  });

  it("keeps no password for a one-time code", async () => {
    const tb = fakeThunderbird();
    await tb.api.createAccount!({ ...OPTIONS, rememberPassword: false });
    expect(tb.logins).toEqual([]);
  });
});

describe("mssanteCertificates trust anchors", () => {
  const b64 = (fp: string) => Buffer.from(fp).toString("base64");

  it("installs only a pinned certificate, trusted to identify servers", async () => {
    const tb = fakeThunderbird({}, "mssanteCertificates");
    await expect(tb.api.installTrustAnchor!(b64("AA:BB"), ["CC:DD"])).rejects.toThrow(/^\[pin:not-pinned\] \["CN=x","AA:BB"\]$/);
    expect(tb.certs).toEqual([]);
    expect(await tb.api.installTrustAnchor!(b64("AA:BB"), ["aabb"])).toMatchObject({ added: true, previouslyPresent: false });
    expect(tb.certs).toMatchObject([{ sha256Fingerprint: "AA:BB", trust: "C,," }]);
    expect(await tb.api.installTrustAnchor!(b64("AA:BB"), ["AA:BB"])).toMatchObject({ added: false });
    expect(await tb.api.listTrustAnchors!(["aa:bb"])).toEqual([{ sha256: "AA:BB", subject: "CN=x", trusted: true }]);
  });

  it("removes what it added; only withdraws the trust of a certificate that was already there", async () => {
    const tb = fakeThunderbird({ certs: [{ sha256Fingerprint: "EE:FF", subjectName: "CN=y", trust: ",," }] }, "mssanteCertificates");
    expect(await tb.api.installTrustAnchor!(b64("EE:FF"), ["EE:FF"])).toMatchObject({ added: true, previouslyPresent: true });
    expect(await tb.api.removeTrustAnchor!("EE:FF", true)).toBe(true);
    expect(tb.certs).toMatchObject([{ sha256Fingerprint: "EE:FF", trust: ",," }]);
    expect(await tb.api.removeTrustAnchor!("EE:FF", false)).toBe(true);
    expect(tb.certs).toEqual([]);
    expect(await tb.api.removeTrustAnchor!("EE:FF", false)).toBe(false);
  });
});

describe("mssanteAccounts client certificate (applicative mailboxes)", () => {
  const p12 = (name: string) => Buffer.from(name).toString("base64");
  const CERT_OPTIONS = {
    ...OPTIONS,
    imap: { ...OPTIONS.imap, username: "app.cabinet@medecin.mssante.fr", auth: "client-certificate" },
    smtp: { ...OPTIONS.smtp, username: "app.cabinet@medecin.mssante.fr", auth: "client-certificate" },
    password: undefined,
    rememberPassword: false,
    clientCertificate: { pkcs12: p12("app.p12"), password: "p12-secret" },
  };

  it("imports the .p12 through a temporary profile file, deleted afterwards, and returns the client certificate", async () => {
    const tb = fakeThunderbird();
    const r = (await tb.api.createAccount!(CERT_OPTIONS)) as { clientCertificate: { sha256: string; subject: string } };
    expect(r.clientCertificate).toEqual({ sha256: "11:22", subject: "CN=app.cabinet,O=Cabinet" });
    expect(tb.filesSeen).toHaveLength(1);
    expect(tb.filesSeen[0]).toMatch(/^\/profile\/mssante-import\.p12/);
    expect(tb.files.size).toBe(0);
    expect(tb.certs.map((c) => c.sha256Fingerprint)).toEqual(["11:22", "33:44"]);
  });

  it("refuses a wrong password or a file without a client certificate, deletes the file, logs no password, leaves no account", async () => {
    const tb = fakeThunderbird();
    const withFile = (file: string, password: string) => ({ ...CERT_OPTIONS, clientCertificate: { pkcs12: p12(file), password } });
    await expect(tb.api.createAccount!(withFile("app.p12", "faux"))).rejects.toThrow(/^\[clientcert:p12-bad-password\] \[\]$/);
    await expect(tb.api.createAccount!(withFile("other", "p12-secret"))).rejects.toThrow(/^\[clientcert:p12-unreadable\] \[\]$/);
    await expect(tb.api.createAccount!(withFile("ca-only.p12", "p12-secret"))).rejects.toThrow(/^\[clientcert:p12-no-user-cert\] \[\]$/);
    // The CA certificate the refused file carried is removed again.
    expect(tb.certs).toEqual([]);
    expect(tb.files.size).toBe(0);
    expect(tb.filesSeen).toHaveLength(3);
    expect(tb.servers.every((s) => s.removed)).toBe(true);
    expect(tb.logged.join("\n")).not.toContain("p12-secret");
  });

  it("creates the account with SASL EXTERNAL for IMAP, no AUTH for SMTP, no password anywhere, the certificate presented to both hosts", async () => {
    let atLogon: { decisions: string[]; certs: number } | undefined;
    const tb = fakeThunderbird({ onLogon: () => (atLogon = { decisions: [...tb.decisions.keys()], certs: tb.certs.length }) });
    const r = (await tb.api.createAccount!(CERT_OPTIONS)) as { accountId: string; clientCertificate: { sha256: string; subject: string } };
    expect(r.clientCertificate).toEqual({ sha256: "11:22", subject: "CN=app.cabinet,O=Cabinet" });
    // Imported and chosen before the login check, so that Thunderbird presents it without asking.
    expect(atLogon).toEqual({ decisions: ["imap.op.fr", "smtp.op.fr"], certs: 2 });
    expect(tb.servers[0]).toMatchObject({ authMethod: 7 });
    expect(tb.servers[0]!.password).toBeUndefined();
    expect(tb.smtpServers[0]).toMatchObject({ authMethod: 1 });
    expect(tb.logins).toEqual([]);
    expect(tb.passwordsSeen).toEqual(["p12-secret"]);
  });

  it("stores no password even when one is given with a client certificate", async () => {
    const tb = fakeThunderbird();
    await tb.api.createAccount!({ ...CERT_OPTIONS, password: "secret", rememberPassword: true });
    expect(tb.logins).toEqual([]);
    expect(tb.servers[0]!.password).toBeUndefined();
  });

  it("a refused login removes the imported certificates, the remembered choice and the servers", async () => {
    const tb = fakeThunderbird({ loginStatus: 0x80004005 });
    await expect(tb.api.createAccount!(CERT_OPTIONS)).rejects.toThrow(/^\[login:logon-failed\]/);
    expect(tb.certs).toEqual([]);
    expect(tb.decisions.size).toBe(0);
    expect(tb.servers.every((s) => s.removed)).toBe(true);
    expect(tb.files.size).toBe(0);
  });

  it("a failure after the login removes the certificate too, and keeps certificates that were there before", async () => {
    const before = { sha256Fingerprint: "AA:AA", subjectName: "CN=autre", trust: ",,", certType: USER_CERT };
    const tb = fakeThunderbird({ failOn: "createAccount", certs: [before] });
    await expect(tb.api.createAccount!(CERT_OPTIONS)).rejects.toThrow(/^\[account:internal\]/);
    expect(tb.certs).toEqual([before]);
    expect(tb.decisions.size).toBe(0);
    expect(tb.smtpServers.every((s) => s.deleted)).toBe(true);
  });

  it("refuses client-certificate auth without a certificate, before creating anything", async () => {
    const tb = fakeThunderbird();
    await expect(tb.api.createAccount!({ ...CERT_OPTIONS, clientCertificate: undefined })).rejects.toThrow(/^\[clientcert:client-cert-missing\] \[\]$/);
    expect(tb.servers).toEqual([]);
  });
});
