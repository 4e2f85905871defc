// A server's presented chain checked by our own rules (core/operators/server-certificate.ts) with
// the anchors the add-on holds, then again with the CRLs of the chain's distribution points: the
// first pass is what tells where they are. Shared by the account wizard and the daily check.
import { checkServerCertificate, type ServerCheck } from "../../core/operators/server-certificate.ts";
import type { ParsedCrl } from "../../core/pki/index.ts";
import { fromBase64 } from "../../core/base64.ts";
import { loadInstalledAnchors } from "../storage/anchor-store.ts";
import type { PresentedChain } from "./servers-experiment.ts";
import { crlsFor } from "./crls.ts";
import { downloadPinned } from "./pinned-roots.ts";
import { anchorPolicy } from "./trust-anchors.ts";
import { translate } from "./mail.ts";

export interface ChainTarget {
  host: string;
  /** The account's domain, and the server DNs the white list allows for it. */
  domain: string;
  allowedDns: string[];
}

export interface ChainCheckOptions {
  /** No anchor found: fetch the pinned roots from their official address (the wizard, before install). */
  fetchPinnedRoots: boolean;
  /**
   * No CRL could be had: "report" checks again with none, so that revocation shows as unknown (the
   * daily check); "leave" keeps the first verdict (the wizard leaves revocation to the daily check).
   */
  missingCrl: "report" | "leave";
}

export async function checkPresentedChain(presented: PresentedChain, target: ChainTarget, options: ChainCheckOptions): Promise<ServerCheck> {
  const policy = anchorPolicy();
  const chain = presented.certificates.map(fromBase64);
  const candidates = (await loadInstalledAnchors()).map((a) => fromBase64(a.der));
  const run = (anchors: Uint8Array[], crls?: ParsedCrl[]) =>
    checkServerCertificate({
      host: target.host,
      chain,
      tlsVersion: presented.tlsVersion ?? undefined,
      anchors,
      pins: policy.pins,
      issuerCn: policy.issuerCn,
      allowedDns: target.allowedDns,
      domain: target.domain,
      crls,
      translate,
    });
  let anchors = candidates;
  let check = await run(anchors);
  if (!check.anchor && options.fetchPinnedRoots) {
    // The server did not send its root and we do not hold it yet: fetch the pinned ones.
    const fetched = (await Promise.all(policy.pins.map(downloadPinned))).filter((d): d is Uint8Array => d !== undefined);
    if (fetched.length) check = await run((anchors = [...candidates, ...fetched]));
  }
  const dps = check.verdict?.crlDistributionPoints ?? [];
  if (dps.length) {
    const crls = await crlsFor(dps);
    if (crls.length || options.missingCrl === "report") check = await run(anchors, crls);
  }
  return check;
}
