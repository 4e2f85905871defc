// Typed, thin access to the add-on's own Experiment (src/experiments/mssanteAccounts). Errors come
// back as AccountsApiError with the kind the Experiment put in front of its message, so that the
// feature can say what happened in French. When Thunderbird does not load the Experiment, every
// call throws `unavailable` and the wizard shows the settings to enter by hand instead.
import type { AuthKind, Endpoint, Security } from "../../core/operators/settings.ts";

declare global {
  namespace messenger.mssanteAccounts {
    interface ExperimentEndpoint {
      host: string;
      port: number;
      security: Security;
      username: string;
      auth: AuthKind;
    }
    function createAccount(options: {
      email: string;
      fullName: string;
      imap: ExperimentEndpoint;
      smtp: ExperimentEndpoint;
      password?: string;
      rememberPassword?: boolean;
      clientCertificate?: ClientCertificateFile;
    }): Promise<{ accountId: string; identityId: string; clientCertificate: ClientCertificate | null }>;
    /** A PKCS#12 file (base64) and the password that opens it (never stored). */
    interface ClientCertificateFile {
      pkcs12: string;
      password: string;
    }
    interface ClientCertificate {
      sha256: string;
      subject: string;
    }
    function importClientCertificate(pkcs12: string, password: string): Promise<ClientCertificate>;
    function removeClientCertificate(sha256: string): Promise<boolean>;
    function deleteAccount(accountId: string): Promise<void>;
    function syncAccount(accountId: string): Promise<boolean>;
    function getAccountServers(accountId: string): Promise<{ imap: ServerEndpoint; smtp: ServerEndpoint | null } | null>;
    interface ServerEndpoint {
      host: string;
      port: number;
      security: Security | "plain";
    }
    function getServerCertificates(options: { host: string; port: number; protocol: "imap" | "smtp"; security: Security }): Promise<PresentedChain>;
    function installTrustAnchor(certificate: string, pinnedSha256: string[]): Promise<InstalledAnchor>;
    function removeTrustAnchor(sha256: string, trustOnly: boolean): Promise<boolean>;
    function listTrustAnchors(sha256: string[]): Promise<{ sha256: string; subject: string; trusted: boolean }[]>;
    function resolveSrv(name: string): Promise<{ priority: number; weight: number; port: number; target: string }[]>;
  }
}

export interface PresentedChain {
  /** Base64 DER, leaf first. */
  certificates: string[];
  /** Negotiated version; null when the handshake stopped on a certificate Thunderbird does not trust. */
  tlsVersion: string | null;
  /** The lowest version Thunderbird offers (its security.tls.version.min). */
  minimumTlsVersion: string | null;
  /** Whether Thunderbird's own certificate store accepts the chain (before or after installing the root). */
  trustedByThunderbird: boolean;
  /** NSS's error name when it does not; never shown as is. */
  nssError: string | null;
}

export interface InstalledAnchor {
  sha256: string;
  subject: string;
  added: boolean;
  previouslyPresent: boolean;
}

export type AccountsErrorKind =
  | "unavailable"
  | "exists"
  | "login"
  | "certificate"
  | "unreachable"
  | "timeout"
  | "protocol"
  | "tls"
  | "pin"
  | "anchor"
  | "dns"
  | "sync"
  | "clientcert"
  | "account";

export class AccountsApiError extends Error {
  constructor(
    readonly kind: AccountsErrorKind,
    readonly detail: string,
  ) {
    super(`[${kind}] ${detail}`);
    this.name = "AccountsApiError";
  }
}

const KINDS = new Set<string>(["exists", "login", "certificate", "unreachable", "timeout", "protocol", "tls", "pin", "anchor", "dns", "sync", "clientcert", "account"]);

/** True when Thunderbird loaded the Experiment (it may refuse non-allow-listed ones one day). */
export function accountsExperimentAvailable(): boolean {
  const api = (messenger as unknown as Record<string, unknown>).mssanteAccounts as Record<string, unknown> | undefined;
  return typeof api?.createAccount === "function";
}

async function invoke<T>(run: () => Promise<T>): Promise<T> {
  if (!accountsExperimentAvailable()) throw new AccountsApiError("unavailable", "l'API privilégiée du module n'est pas chargée");
  try {
    return await run();
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const m = /^\[([a-z]+)\] ([\s\S]*)$/.exec(text);
    if (m && KINDS.has(m[1]!)) throw new AccountsApiError(m[1] as AccountsErrorKind, m[2]!);
    throw new AccountsApiError("account", text);
  }
}

const endpoint = (e: Endpoint): messenger.mssanteAccounts.ExperimentEndpoint => ({ host: e.host, port: e.port, security: e.security, username: e.username, auth: e.auth });

export function createAccount(o: {
  email: string;
  fullName: string;
  imap: Endpoint;
  smtp: Endpoint;
  password?: string;
  rememberPassword: boolean;
  /** Required when an endpoint's auth is "client-certificate"; imported, and removed on failure. */
  clientCertificate?: messenger.mssanteAccounts.ClientCertificateFile;
}) {
  return invoke(() =>
    messenger.mssanteAccounts.createAccount({
      email: o.email,
      fullName: o.fullName,
      imap: endpoint(o.imap),
      smtp: endpoint(o.smtp),
      password: o.password,
      rememberPassword: o.rememberPassword,
      ...(o.clientCertificate ? { clientCertificate: o.clientCertificate } : {}),
    }),
  );
}
export const deleteAccount = (accountId: string) => invoke(() => messenger.mssanteAccounts.deleteAccount(accountId));
export const syncAccount = (accountId: string) => invoke(() => messenger.mssanteAccounts.syncAccount(accountId));
export const accountServers = (accountId: string) => invoke(() => messenger.mssanteAccounts.getAccountServers(accountId));
export const serverCertificates = (o: { host: string; port: number; protocol: "imap" | "smtp"; security: Security }) =>
  invoke(() => messenger.mssanteAccounts.getServerCertificates(o));
export const installTrustAnchor = (derBase64: string, pins: string[]) => invoke(() => messenger.mssanteAccounts.installTrustAnchor(derBase64, pins));
export const removeTrustAnchor = (sha256: string, trustOnly: boolean) => invoke(() => messenger.mssanteAccounts.removeTrustAnchor(sha256, trustOnly));
export const listTrustAnchors = (sha256: string[]) => invoke(() => messenger.mssanteAccounts.listTrustAnchors(sha256));
export const importClientCertificate = (pkcs12Base64: string, password: string) => invoke(() => messenger.mssanteAccounts.importClientCertificate(pkcs12Base64, password));
export const removeClientCertificate = (sha256: string) => invoke(() => messenger.mssanteAccounts.removeClientCertificate(sha256));
export const resolveSrv = (name: string) => invoke(() => messenger.mssanteAccounts.resolveSrv(name));
