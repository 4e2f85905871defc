// Typed, thin access to the mssanteServers Experiment (src/experiments/mssanteServers): what a mail
// server presents before any login, and DNS SRV look-ups. Errors arrive as AccountsApiError.
import type { Security } from "../../core/operators/settings.ts";
import { invoke } from "./experiment-errors.ts";

declare global {
  namespace messenger.mssanteServers {
    function getServerCertificates(options: { host: string; port: number; protocol: "imap" | "smtp"; security: Security }): Promise<PresentedChain>;
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

export const serverCertificates = (o: { host: string; port: number; protocol: "imap" | "smtp"; security: Security }) => invoke(() => messenger.mssanteServers.getServerCertificates(o));
export const resolveSrv = (name: string) => invoke(() => messenger.mssanteServers.resolveSrv(name));
