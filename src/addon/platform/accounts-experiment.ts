// Typed, thin access to the mssanteAccounts Experiment (src/experiments/mssanteAccounts): creating
// and removing accounts, their client certificate, and which servers they use. Errors arrive as
// AccountsApiError (experiment-errors.ts), said in the user's language.
import type { AuthKind, Endpoint, Security } from "../../core/operators/settings.ts";
import { invoke } from "./experiment-errors.ts";

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
    function deleteAccount(accountId: string): Promise<void>;
    function syncAccount(accountId: string): Promise<boolean>;
    function getAccountServers(accountId: string): Promise<{ imap: ServerEndpoint; smtp: ServerEndpoint | null } | null>;
    interface ServerEndpoint {
      host: string;
      port: number;
      security: Security | "plain";
    }
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
