// From an address to server settings: white-list check with its refusals, operator from the DN,
// RFC 6186 records, Thunderbird auto-configuration, the order of the sources, the display name.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWhitelistXml } from "../../src/core/trust/whitelist.ts";
import { checkMailbox } from "../../src/core/operators/mailbox.ts";
import { operatorFromDn } from "../../src/core/operators/operator.ts";
import { bestRecord, srvSettings, type SrvRecord } from "../../src/core/operators/srv.ts";
import { autoconfigUrls, fetchAutoconfig, parseAutoconfig } from "../../src/core/operators/autoconfig.ts";
import { discoverSettings } from "../../src/core/operators/discover.ts";
import { KNOWN_OPERATORS, knownOperator, type KnownOperator } from "../../src/core/operators/known-operators.ts";
import { defaultSettings, endpointProblems, normaliseHost, normaliseSettings } from "../../src/core/operators/settings.ts";
import { capitaliseFirstName, formatDisplayName } from "../../src/core/operators/display-name.ts";

const LIST = parseWhitelistXml(readFileSync(join(import.meta.dirname, "../fixtures/trust/liste-blanche-test.xml"), "utf8"));
const GP = "jean.dupont@medecin.mssante.fr";

describe("checkMailbox", () => {
  it("finds the domain and its operator", () => {
    const r = checkMailbox("  Jean.Dupont@Medecin.MSSante.fr ", LIST);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.address).toBe("Jean.Dupont@medecin.mssante.fr");
    expect(r.domain).toBe("medecin.mssante.fr");
    expect(r.operators).toEqual([
      { dn: "CN=mx.mailiz.mssante.fr,OU=180092041200010,O=AGENCE DU NUMERIQUE EN SANTE,ST=Paris (75),C=FR", host: "mx.mailiz.mssante.fr", organisation: "AGENCE DU NUMERIQUE EN SANTE", structureId: "180092041200010", department: "Paris (75)", country: "FR" },
    ]);
  });

  it("lists every operator of a domain served by several", () => {
    const r = checkMailbox("secretariat@chu-lyon.mssante.fr", LIST);
    expect(r.ok && r.operators.map((o) => o.host)).toEqual(["mss.chu-lyon.fr", "mss2.chu-lyon.fr"]);
  });

  it("matches upper-case and Unicode names exactly", () => {
    expect(checkMailbox("a@uc-cmp.mssante.fr", LIST).ok).toBe(true);
    expect(checkMailbox("a@pharmacie-gérardmer.mssante.fr", LIST).ok).toBe(true);
  });

  it.each([
    ["jean.dupont@formation.mssante.fr", "training"],
    ["jean.dupont@medecin.formation.mssante.fr", "training"],
    ["123456789012345@patient.mssante.fr", "patient"],
    ["jean.dupont@inconnu.mssante.fr", "not-listed-mssante"],
    ["jean.dupont@mssante.fr", "not-listed-mssante"],
    // No suffix logic: a sub-domain of a listed domain is not listed.
    ["jean.dupont@x.medecin.mssante.fr", "not-listed-mssante"],
    ["jean.dupont@gmail.com", "not-listed"],
    ["jean.dupont@medecin.mssante.fr.example.com", "not-listed"],
    ["jean dupont@medecin.mssante.fr", "invalid-address"],
    ["medecin.mssante.fr", "invalid-address"],
    ["@medecin.mssante.fr", "invalid-address"],
    ["a@b", "invalid-address"],
    ["a@[127.0.0.1]", "invalid-address"],
  ])("%s is refused: %s", (address, refusal) => {
    const r = checkMailbox(address, LIST);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal).toBe(refusal);
  });

  it("says when no list is available yet", () => {
    const r = checkMailbox(GP, undefined);
    expect(!r.ok && r.refusal).toBe("no-whitelist");
  });
});

describe("operatorFromDn", () => {
  it("reads the parts of a DN written with spaces and escapes", () => {
    expect(operatorFromDn("CN=MSS.Example.fr, OU=123, O=CLINIQUE DU LAC\\, LYON, ST=Rhône (69), C=FR")).toEqual({
      dn: "CN=MSS.Example.fr,OU=123,O=CLINIQUE DU LAC\\, LYON,ST=Rhône (69),C=FR",
      host: "mss.example.fr",
      organisation: "CLINIQUE DU LAC, LYON",
      structureId: "123",
      department: "Rhône (69)",
      country: "FR",
    });
  });
});

describe("RFC 6186 records", () => {
  const records: Record<string, SrvRecord[]> = {
    "_imap._tcp.medecin.mssante.fr": [
      { priority: 10, weight: 0, port: 143, target: "imap-b.operateur.fr." },
      { priority: 0, weight: 5, port: 143, target: "imap-a.operateur.fr." },
      { priority: 0, weight: 10, port: 1143, target: "IMAP.operateur.fr." },
    ],
    "_submission._tcp.medecin.mssante.fr": [{ priority: 0, weight: 0, port: 587, target: "smtp.operateur.fr." }],
  };
  const resolve = async (name: string) => records[name] ?? [];

  it("takes the lowest priority, then the highest weight", async () => {
    expect(await srvSettings("medecin.mssante.fr", GP, resolve)).toEqual({
      imap: { host: "imap.operateur.fr", port: 1143, security: "starttls", username: GP, auth: "password" },
      smtp: { host: "smtp.operateur.fr", port: 587, security: "starttls", username: GP, auth: "password" },
    });
  });

  it("treats a '.' target as 'no such service' and ignores unusable records", () => {
    expect(bestRecord([{ priority: 0, weight: 0, port: 143, target: "." }, { priority: 1, weight: 0, port: 143, target: "imap.example.fr" }])).toBeUndefined();
    expect(bestRecord([{ priority: 0, weight: 0, port: 0, target: "x.example.fr" }])).toBeUndefined();
    expect(bestRecord([])).toBeUndefined();
  });

  it("skips targets that are not host names", async () => {
    const r = await srvSettings("d.mssante.fr", GP, async () => [{ priority: 0, weight: 0, port: 143, target: "10.0.0.1." }]);
    expect(r).toEqual({ imap: undefined, smtp: undefined });
  });
});

const CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="operateur.fr">
    <domain>medecin.mssante.fr</domain>
    <incomingServer type="pop3"><hostname>pop.operateur.fr</hostname><port>995</port><socketType>SSL</socketType></incomingServer>
    <incomingServer type="imap">
      <hostname>imap-clair.operateur.fr</hostname><port>143</port><socketType>plain</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>IMAP.operateur.fr</hostname><port>143</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username><authentication>OAuth2</authentication><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.operateur.fr</hostname><port>465</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-encrypted</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

describe("Thunderbird auto-configuration", () => {
  it("reads the first usable IMAP and SMTP servers, never a plain-text one", () => {
    expect(parseAutoconfig(CONFIG, GP)).toEqual({
      imap: { host: "imap.operateur.fr", port: 143, security: "starttls", username: "jean.dupont", auth: "oauth2" },
      smtp: { host: "smtp.operateur.fr", port: 465, security: "tls", username: GP, auth: "password" },
    });
  });

  it("refuses what is not a clientConfig", () => {
    expect(() => parseAutoconfig("<html><body>404</body>", GP)).toThrow();
    expect(() => parseAutoconfig("<other/>", GP)).toThrow(/clientConfig/);
  });

  it("asks Thunderbird's two HTTPS addresses, in order, and keeps the first usable answer", async () => {
    const urls = autoconfigUrls("medecin.mssante.fr", GP);
    expect(urls).toEqual([
      "https://autoconfig.medecin.mssante.fr/mail/config-v1.1.xml?emailaddress=jean.dupont%40medecin.mssante.fr",
      "https://medecin.mssante.fr/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=jean.dupont%40medecin.mssante.fr",
    ]);
    const asked: string[] = [];
    const r = await fetchAutoconfig(urls, GP, async (url) => {
      asked.push(url);
      if (url === urls[0]) throw new Error("unreachable");
      return { status: 200, text: CONFIG };
    });
    expect(asked).toEqual(urls);
    expect(r.url).toBe(urls[1]);
    expect(r.imap?.host).toBe("imap.operateur.fr");
    expect(await fetchAutoconfig(urls, GP, async () => ({ status: 404, text: "" }))).toEqual({});
  });
});

describe("discoverSettings", () => {
  const operateur: KnownOperator = {
    domains: ["medecin.mssante.fr"],
    imap: { host: "imap.connu.fr", port: 143, security: "starttls", auth: "oauth2" },
    smtp: { host: "smtp.connu.fr", port: 587, security: "starttls", auth: "oauth2" },
    source: "https://example.invalid/doc",
    checked: "2026-11-01",
  };

  it("the known-operator table is empty until a public source confirms an operator", () => {
    expect(KNOWN_OPERATORS).toEqual([]);
    expect(knownOperator("medecin.mssante.fr", [])).toBeUndefined();
    expect(knownOperator("x.mssante.fr", ["CN=a"], [{ ...operateur, domains: [], operatorDns: ["CN=a"] }])?.imap.host).toBe("imap.connu.fr");
  });

  it("uses the table first and stops there", async () => {
    let asked = false;
    const d = await discoverSettings(GP, "medecin.mssante.fr", [], {
      knownOperators: [operateur],
      resolveSrv: async () => ((asked = true), []),
    });
    expect(asked).toBe(false);
    expect(d.complete).toBe(true);
    expect(d.sources).toEqual({ imap: "known", smtp: "known" });
    expect(d.settings.imap).toEqual({ ...operateur.imap, username: GP });
  });

  it("then SRV records, then auto-configuration for what is still missing", async () => {
    const d = await discoverSettings(GP, "medecin.mssante.fr", [], {
      resolveSrv: async (name) => (name.startsWith("_imap.") ? [{ priority: 0, weight: 0, port: 143, target: "imap.srv.fr." }] : []),
      httpGet: async () => ({ status: 200, text: CONFIG }),
      autoconfigUrls: () => ["https://config.test/x.xml"],
    });
    expect(d.sources).toEqual({ imap: "srv", smtp: "autoconfig" });
    expect(d.settings.imap.host).toBe("imap.srv.fr");
    expect(d.settings.smtp.host).toBe("smtp.operateur.fr");
    expect(d.attempts.map((a) => [a.source, a.outcome])).toEqual([
      ["known", "none"],
      ["srv", "partial"],
      ["autoconfig", "found"],
    ]);
  });

  it("ends in manual entry with the rules' defaults when nothing is found", async () => {
    const d = await discoverSettings(GP, "medecin.mssante.fr", [], {
      resolveSrv: async () => {
        throw new Error("DNS indisponible");
      },
      httpGet: async () => ({ status: 0, text: "" }),
    });
    expect(d.complete).toBe(false);
    expect(d.sources).toEqual({ imap: "manual", smtp: "manual" });
    expect(d.settings).toEqual(defaultSettings(GP));
    expect(d.settings.imap).toMatchObject({ port: 143, security: "starttls" });
    expect(d.settings.smtp).toMatchObject({ port: 587, security: "starttls" });
    expect(d.attempts[1]).toMatchObject({ source: "srv", outcome: "error", detail: "DNS indisponible" });
  });
});

describe("settings", () => {
  it("checks what the manual form holds", () => {
    expect(endpointProblems({ host: "", port: 0, security: "starttls", username: " ", auth: "password" })).toEqual(["host", "port", "username"]);
    expect(normaliseHost("IMAP.Operateur.fr.")).toBe("imap.operateur.fr");
    expect(normaliseHost("192.168.1.1")).toBeUndefined();
    expect(normaliseHost("intranet")).toBeUndefined();
    const s = defaultSettings(GP);
    expect(normaliseSettings(s)).toBeUndefined();
    s.imap.host = " Imap.Op.fr ";
    s.smtp.host = "smtp.op.fr";
    expect(normaliseSettings(s)?.imap.host).toBe("imap.op.fr");
  });
});

describe("display name", () => {
  it("title, first name, NAME, entity", () => {
    expect(formatDisplayName({ title: "Dr", firstName: "jean-pierre", lastName: "Lefèvre", entity: "Cabinet des Lilas" })).toBe("Dr Jean-Pierre LEFÈVRE - Cabinet des Lilas");
    expect(formatDisplayName({ firstName: "marie  anne", lastName: "d'Arc" })).toBe("Marie Anne D'ARC");
    expect(capitaliseFirstName("éloïse")).toBe("Éloïse");
  });

  it("never lets an address hide in the name", () => {
    expect(formatDisplayName({ firstName: "x", lastName: "<a@b.fr>" })).toBe("X AB.FR");
  });
});
