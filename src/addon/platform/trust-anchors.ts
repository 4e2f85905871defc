// Which IGC-Santé roots may be installed and which CA must issue server certificates (the policy),
// and the roots the add-on installed, as Thunderbird's certificate database sees them now. Shared
// by the account wizard, the daily server check and the signature check.
import { pinFor, PRODUCTION_ISSUER_CN, PRODUCTION_PINS, type TrustAnchorPin } from "../../core/operators/server-certificate.ts";
import { loadInstalledAnchors, type StoredAnchor } from "../storage/anchor-store.ts";
import { listTrustAnchors } from "./certificates-experiment.ts";
import { accountsExperimentAvailable } from "./experiment-errors.ts";

export interface AnchorPolicy {
  pins: TrustAnchorPin[];
  issuerCn: RegExp;
}

let testPolicy: AnchorPolicy | undefined;

/**
 * Test build only: the bench makes its IGC-Santé-like root at each run, so its pin arrives at run
 * time from the probe. The production build folds this to a no-op (__MSSANTE_TEST_BUILD__ is false).
 */
export function setTestAnchorPolicy(policy: AnchorPolicy | undefined): void {
  if (!__MSSANTE_TEST_BUILD__) throw new Error("[mssante] test build only");
  testPolicy = policy;
}

export function anchorPolicy(): AnchorPolicy {
  if (__MSSANTE_TEST_BUILD__ && testPolicy) return testPolicy;
  return { pins: [...PRODUCTION_PINS], issuerCn: PRODUCTION_ISSUER_CN };
}

/** The roots the add-on installed, with whether the database still holds and trusts each. */
export async function trustAnchorsAdded(): Promise<(StoredAnchor & { present: boolean; trusted: boolean })[]> {
  const list = await loadInstalledAnchors();
  const inDb = accountsExperimentAvailable() && list.length ? await listTrustAnchors(list.map((a) => a.sha256)) : [];
  return list.map((a) => {
    const found = inDb.find((p) => pinFor(p.sha256, [a]));
    return { ...a, present: Boolean(found), trusted: Boolean(found?.trusted) };
  });
}
