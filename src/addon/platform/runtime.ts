// The add-on's own runtime for the features: install events, its manifest, the URLs of its files,
// its options page.
export type InstallReason = messenger.runtime.OnInstalledReason;

/** Fired when the add-on is installed or updated (or Thunderbird is). Registers at once (event page). */
export function onInstalled(listener: (details: { reason: InstallReason }) => void): void {
  messenger.runtime.onInstalled.addListener(listener);
}

// Read once: getManifest() copies the whole manifest, and a scan asks twice per message.
let version: string | undefined;

export function addonVersion(): string {
  version ??= String(messenger.runtime.getManifest().version);
  return version;
}

/** One key of the manifest, as built (e.g. oauth_provider, filled in at build time). */
export function manifestKey(key: string): unknown {
  return messenger.runtime.getManifest()[key];
}

/** The full URL of a file of the add-on (a page, an icon, the directory worker). */
export function addonUrl(path: string): string {
  return messenger.runtime.getURL(path);
}

export function openOptionsPage(): Promise<void> {
  return messenger.runtime.openOptionsPage();
}
