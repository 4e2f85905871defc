// The user's settings as the pages read and change them: through the contract, like everything
// else a page asks of the background, so that the shape of storage.local stays the background's
// business. The directory API key can be set from a page but is never sent back to one (the
// options page only shows whether there is a key: platform/directory-live.ts liveStatus).
import { getSettings, updateSettings, type Settings } from "../platform/settings.ts";
import { handle } from "../platform/rpc.ts";
import type { PageSettings } from "../platform/contract.ts";
import type { Feature } from "./feature.ts";

function forPage(s: Settings): PageSettings {
  const { directoryApiKey: _key, ...rest } = s;
  return rest;
}

export const settingsForPages: Feature = {
  name: "settings",
  start() {
    handle("settings:get", async () => forPage(await getSettings()));
    handle("settings:update", async (change) => forPage(await updateSettings(change)));
  },
};
