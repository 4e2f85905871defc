// Typed, thin access to the mssanteCertificates Experiment (src/experiments/mssanteCertificates):
// the pinned IGC-Santé root in Thunderbird's certificate database. Errors arrive as AccountsApiError.
import { invoke } from "./experiment-errors.ts";

declare global {
  namespace messenger.mssanteCertificates {
    function installTrustAnchor(certificate: string, pinnedSha256: string[]): Promise<InstalledAnchor>;
    function removeTrustAnchor(sha256: string, trustOnly: boolean): Promise<boolean>;
    function listTrustAnchors(sha256: string[]): Promise<{ sha256: string; subject: string; trusted: boolean }[]>;
  }
}

export interface InstalledAnchor {
  sha256: string;
  subject: string;
  added: boolean;
  previouslyPresent: boolean;
}

export const installTrustAnchor = (derBase64: string, pins: string[]) => invoke(() => messenger.mssanteCertificates.installTrustAnchor(derBase64, pins));
export const removeTrustAnchor = (sha256: string, trustOnly: boolean) => invoke(() => messenger.mssanteCertificates.removeTrustAnchor(sha256, trustOnly));
export const listTrustAnchors = (sha256: string[]) => invoke(() => messenger.mssanteCertificates.listTrustAnchors(sha256));
