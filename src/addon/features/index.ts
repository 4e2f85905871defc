// One feature per file; this list is the only place that knows them all.
import { whitelistRefresh } from "./whitelist-refresh.ts";
import { trustMarking } from "./trust-marking.ts";
import { verdictDisplay } from "./verdict-display.ts";
import { composeGuard } from "./compose-guard.ts";
import { directoryRefresh } from "./directory-refresh.ts";
import { directoryAutocomplete } from "./directory-autocomplete.ts";
import { signatureCheck } from "./signature-check.ts";
import { serverCertificatesFeature } from "./server-certificates.ts";
import { folderSignatures } from "./folder-signatures.ts";
import { accountSetup } from "./account-setup.ts";
import { directoryRecipients } from "./directory-recipients.ts";
import { directoryCorrespondents } from "./directory-correspondents.ts";

export interface Feature {
  /** Stable name, used in logs. */
  name: string;
  /** Registers listeners; must not await before registering them. */
  start(): void;
}

const features: Feature[] = [whitelistRefresh, trustMarking, verdictDisplay, composeGuard, directoryRefresh, directoryAutocomplete, directoryRecipients, directoryCorrespondents, signatureCheck, accountSetup, serverCertificatesFeature, folderSignatures];

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
