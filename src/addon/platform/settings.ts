// The user's settings, in storage.local, with their defaults.
export interface Settings {
  /** Accounts whose mail is MSSanté mail (set by the account feature, or by the user). */
  mssanteAccounts: string[];
  /** Whether accounts were already preset from their addresses (done once). */
  mssanteAccountsPreset: boolean;
  /** Mark outside mail in ordinary accounts too (off: warning fatigue). Impersonation is always marked. */
  markOrdinaryOutside: boolean;
  /** User decisions per domain. */
  overrides: Record<string, "trusted" | "untrusted">;
  whitelistUrl: string;
  whitelistMirrorUrl: string;
  whitelistMirrorChecksumUrl: string;
  /** The directory extraction (data.gouv.fr mirror of the ANS file: plain TXT, public TLS). */
  directoryUrl: string;
  /** Live source (Annuaire Santé FHIR API): off by default, queries then leave the machine. */
  directoryLiveEnabled: boolean;
  /** The user's own ESANTE-API-KEY; never shown back nor logged. */
  directoryApiKey: string;
  directoryApiUrl: string;
  /**
   * « Placer en premier mes correspondants habituels »: count the addresses the user sends to
   * (on this machine only) and list those before their homonyms. On by default, as Thunderbird's
   * own popularity count is: nothing leaves the machine. Off stops both counting and ranking.
   */
  directoryUsualFirst: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  mssanteAccounts: [],
  mssanteAccountsPreset: false,
  markOrdinaryOutside: false,
  overrides: {},
  whitelistUrl: "https://espacedeconfiance.mssante.fr/listeblanchemssante.xml",
  whitelistMirrorUrl: "https://raw.githubusercontent.com/ansforge/MSS-liste-blanche/main/listeblanchemssante.xml",
  whitelistMirrorChecksumUrl: "https://raw.githubusercontent.com/ansforge/MSS-liste-blanche/main/checksum",
  directoryUrl: "https://www.data.gouv.fr/api/1/datasets/r/afe01105-d9a1-41fe-921f-e40ea48b2ba6",
  directoryLiveEnabled: false,
  directoryApiKey: "",
  directoryApiUrl: "https://gateway.api.esante.gouv.fr/fhir/v2",
  directoryUsualFirst: true,
};

const KEY = "settings";

export async function getSettings(): Promise<Settings> {
  const stored = (await messenger.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...change };
  await messenger.storage.local.set({ [KEY]: next });
  return next;
}

export function onSettingsChanged(listener: (s: Settings) => void): void {
  messenger.storage.local.onChanged.addListener((changes) => {
    const change = changes[KEY];
    if (change) listener({ ...DEFAULT_SETTINGS, ...((change.newValue as Partial<Settings>) ?? {}) });
  });
}
