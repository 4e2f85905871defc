// The daily check of the operator servers' certificates against a fake Thunderbird that throws on
// any API it does not fake (the Experiments faked: the account's servers, the certificates they
// present): the options page's « Vérifier » (runtime.onMessage) stores each server's problems in
// French, a new problem is notified once, and without the Experiments the check says it cannot run.
import { describe, expect, it } from "vitest";
import { fakeThunderbird, storedTestWhitelist, freshAddonPerTest } from "../../support/fake-thunderbird.ts";

const SETTINGS = { mssanteAccounts: ["account1"] };

async function bench(experiments: boolean) {
  const notifications: { id: string; title: string; message: string }[] = [];
  const tb = fakeThunderbird(
    {
      accounts: { get: async () => ({ id: "account1", identities: [{ email: "jean.dupont@medecin.mssante.fr" }] }) },
      notifications: { create: async (id: string, o: { title: string; message: string }) => void notifications.push({ id, title: o.title, message: o.message }) },
      ...(experiments
        ? {
            mssanteAccounts: {
              createAccount: async () => ({}),
              getAccountServers: async () => ({ imap: { host: "imap.mailiz.mssante.fr", port: 143, security: "plain" }, smtp: { host: "smtp.mailiz.mssante.fr", port: 465, security: "tls" } }),
            },
            mssanteCertificates: { installTrustAnchor: async () => ({}), listTrustAnchors: async () => [] },
            mssanteServers: {
              getServerCertificates: async () => {
                throw new Error("connexion refusée");
              },
            },
          }
        : {}),
    },
    { whitelist: storedTestWhitelist(), settings: SETTINGS },
  );
  const { serverCertificatesFeature } = await import("../../../src/addon/features/server-certificates.ts");
  serverCertificatesFeature.start();
  return { tb, notifications };
}

type Checks = Record<string, { servers: { protocol: string; ok: boolean; problems: { code: string; message: string }[] }[]; unavailable?: string }>;

describe("server certificates", () => {
  freshAddonPerTest();

  it("a server without TLS and one that cannot be read: both said in French, notified once", async () => {
    const b = await bench(true);
    const checks = (await b.tb.call("servers:check")) as Checks;
    expect(checks.account1!.servers.map((s) => [s.protocol, s.ok, s.problems.map((p) => p.code)])).toEqual([
      ["imap", false, ["no-tls"]],
      ["smtp", false, ["unreachable"]],
    ]);
    expect(checks.account1!.servers[0]!.problems[0]!.message).toBe("imap.mailiz.mssante.fr est configuré sans chiffrement : MSSanté exige STARTTLS ou TLS.");
    expect(await b.tb.call("servers:status")).toEqual(checks);
    expect(b.notifications).toEqual([{ id: "mssante-server-account1", title: "MSSanté : certificat de serveur à vérifier", message: expect.stringContaining("sans chiffrement") }]);
    // The same problems at the next check: not notified again.
    await b.tb.call("servers:check");
    expect(b.notifications).toHaveLength(1);
  });

  it("without the Experiments: no check pretended, the reason kept for the options page", async () => {
    const b = await bench(false);
    const checks = (await b.tb.call("servers:check")) as Checks;
    expect(checks.account1).toMatchObject({ servers: [], unavailable: expect.any(String) });
    expect(checks.account1!.unavailable).not.toBe("serverCheckNoExperiment");
    expect(b.notifications).toEqual([]);
  });
});
