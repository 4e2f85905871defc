// The optional live source of the directory (Annuaire Santé FHIR API), as the options page sees
// it: its status and a test on demand. The client itself, searched by the autocomplete, is
// platform/directory-live.ts; off by default, nothing is sent unless the user turned it on.
import { handle } from "../platform/rpc.ts";
import { onSettingsChanged } from "../platform/settings.ts";
import { liveStatus, settingsChangedForLive, testLive } from "../platform/directory-live.ts";
import type { Feature } from "./feature.ts";

export const directoryLive: Feature = {
  name: "directory-live",
  start() {
    handle("directory:live-status", () => liveStatus());
    handle("directory:live-test", () => testLive());
    onSettingsChanged(settingsChangedForLive);
  },
};
