// One feature per file; this list is the only place that knows them all.
import { whitelistRefresh } from "./whitelist-refresh.ts";
import { trustMarking } from "./trust-marking/index.ts";
import { verdictDisplay } from "./verdict-display.ts";
import { composeGuard } from "./compose-guard.ts";
import { directoryRefresh } from "./directory-refresh.ts";
import { directoryAutocomplete } from "./directory-autocomplete.ts";
import { signatureCheck } from "./signature-check.ts";
import { serverCertificatesFeature } from "./server-certificates.ts";
import { folderSignatures } from "./folder-signatures.ts";
import { accountSetup } from "./account-setup/index.ts";
import { directoryRecipients } from "./directory-recipients.ts";
import { xdmSend } from "./xdm-send.ts";
import { patientSearch } from "./patient-search.ts";
import type { Feature } from "./feature.ts";
import { directoryCorrespondents } from "./directory-correspondents.ts";
import { directoryLive } from "./directory-live.ts";
import { settingsForPages } from "./settings.ts";


const features: Feature[] = [settingsForPages, whitelistRefresh, trustMarking, verdictDisplay, composeGuard, directoryRefresh, directoryAutocomplete, directoryLive, directoryRecipients, directoryCorrespondents, signatureCheck, accountSetup, serverCertificatesFeature, folderSignatures, patientSearch, xdmSend];
// Order matters for compose.onBeforeSend: Thunderbird runs one add-on's listeners in the order they
// were added. compose-guard (recipients outside the trust space) first, xdm-send (health-document
// headers) last: documents are only asked about for a message the warning let through.

export function startFeatures(): void {
  for (const feature of features) {
    try {
      feature.start();
    } catch (err) {
      // One broken feature must not take the others down with it.
      console.error(`[mssante] la fonctionnalité ${feature.name} n'a pas pu démarrer :`, err);
    }
  }
}
