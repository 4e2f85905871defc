// A real OpenID provider (panva's oidc-provider, the certified Node implementation) on 127.0.0.1,
// standing in for Pro Santé Connect: authorization code + PKCE for a public native client (what
// Thunderbird's oauth_provider key registers), refresh tokens, and token introspection for the mail
// servers (Dovecot's oauth2 passdb, the SMTP relay). The user "logs in" without any page: the
// interaction is finished by the bench for the address Thunderbird gives as login_hint, as a
// professional holding a CPS card would do in the real wallet.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcProvider {
  issuer: string;
  /**
   * Where the provider sends the browser back. Thunderbird's own default, "http://localhost", relies
   * on the load failing and the error page reporting the address, which headless Thunderbird does
   * not do: the bench answers on a loopback port instead (a page that loads, then Thunderbird reads
   * its address, as in the real flow).
   */
  redirectUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  scopes: string;
  /** For the mail servers: RFC 7662 introspection with the resource server's credentials. */
  introspection: { url: string; clientId: string; clientSecret: string };
  /** Returns the subject (the mail address) of an active access token, else undefined. */
  introspect(token: string): Promise<string | undefined>;
  /** What happened, for assertions and failure logs. */
  events: string[];
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { users: string[]; clientId?: string; scopes?: string }): Promise<OidcProvider> {
  const clientId = opts.clientId ?? "mssante-thunderbird-banc";
  const scopes = opts.scopes ?? "openid scope_all";
  const resourceServer = { clientId: "serveurs-mssante-banc", clientSecret: randomBytes(16).toString("hex") };
  const events: string[] = [];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUri = `http://localhost:${port}/callback`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: "native",
        token_endpoint_auth_method: "none",
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      },
      { client_id: resourceServer.clientId, client_secret: resourceServer.clientSecret, redirect_uris: [], grant_types: [], response_types: [] },
    ],
    scopes: scopes.split(" "),
    claims: { openid: ["sub"], email: ["email"] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Only the mail servers (a confidential client) may introspect tokens.
      introspection: { enabled: true, allowedPolicy: async (_ctx, client) => client.clientId === resourceServer.clientId },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async () => true,
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, RefreshToken: 86400, Grant: 86400, Interaction: 600, Session: 86400 },
    findAccount: async (_ctx, sub) => (opts.users.includes(sub) ? { accountId: sub, claims: async () => ({ sub, email: sub }) } : undefined),
    cookies: { keys: [randomBytes(16).toString("hex")] },
  });
  // Plain HTTP on loopback, as the bench's other servers.
  provider.proxy = false;
  provider.on("grant.success", (ctx) => events.push(`grant ${String(ctx.oidc.params?.grant_type ?? "")}`));
  provider.on("grant.error", (_ctx, err) => events.push(`grant error ${err.message}`));
  provider.on("authorization.error", (_ctx, err) => events.push(`authorization error ${err.message}`));
  provider.on("server_error", (_ctx, err) => events.push(`server error ${err.message}`));
  provider.on("introspection.error", (_ctx, err) => events.push(`introspection error ${err.message}`));

  const callback = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    res.on("finish", () => {
      const location = res.getHeader("location");
      events.push(`${req.method} ${(req.url ?? "").split("?")[0]} ${res.statusCode}${location ? ` → ${String(location).split("?")[0]}` : ""}`);
    });
    if ((req.url ?? "").startsWith("/callback")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><title>Connexion</title><p>Connexion réussie.</p>");
      return;
    }
    const m = /^\/interaction\/([^/?]+)/.exec(req.url ?? "");
    if (!m) {
      void callback(req, res);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        const hint = String(details.params.login_hint ?? "");
        const accountId = opts.users.includes(hint) ? hint : opts.users[0]!;
        const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
        grant!.addOIDCScope(String(details.params.scope ?? scopes));
        const grantId = await grant!.save();
        events.push(`login ${accountId}`);
        await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
      } catch (err) {
        events.push(`interaction error ${err instanceof Error ? err.message : String(err)}`);
        res.writeHead(500).end();
      }
    })();
  });

  const introspectionUrl = `${issuer}/token/introspection`;
  return {
    issuer,
    redirectUri,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    clientId,
    scopes,
    introspection: { url: introspectionUrl, ...resourceServer },
    async introspect(token) {
      const response = await fetch(introspectionUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${resourceServer.clientId}:${resourceServer.clientSecret}`).toString("base64")}`,
        },
        body: new URLSearchParams({ token }).toString(),
      });
      const body = (await response.json()) as { active?: boolean; sub?: string };
      events.push(`introspection ${body.active ? `active ${body.sub}` : "inactive"}`);
      return body.active ? body.sub : undefined;
    },
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
