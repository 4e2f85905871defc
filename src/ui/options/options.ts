import { localizePage } from "../i18n.ts";

localizePage();
const version = document.getElementById("version");
if (version) version.textContent = messenger.i18n.getMessage("optionsVersion", [messenger.runtime.getManifest().version]);
