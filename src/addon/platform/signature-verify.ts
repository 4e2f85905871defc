// S/MIME signatures of the displayed message, checked against the trust anchors (the IGC-Santé
// roots the user installed, plus anchors the user added) with revocation from the certificates'
// CRL distribution points. When a CRL cannot be fetched, the last one kept is used; with none,
// the status says revocation is unknown rather than pretending.
import { parseCertificate, parseCertificates, verifySmime, type SmimeVerdict } from "../../core/pki/index.ts";
import { fromBase64 } from "../../core/base64.ts";
import { crlsFor } from "./crls.ts";
import { clearFailure, recordFailure } from "./failures.ts";
import { rawBytes, translate } from "./mail.ts";
import { trustAnchorsAdded } from "./trust-anchors.ts";
import { loadCrlIndex, loadUserAnchors } from "../storage/pki-store.ts";

// Same bound as the core's default: beyond it the status is "unsupported".
const MAX_MESSAGE = 64 * 1024 * 1024;

/**
 * The IGC-Santé roots the account feature installed (pinned), then the user's own anchors. An
 * anchor that no longer parses is left out (never trusted) and said in the options page: without
 * it, signatures from that authority show as "untrusted issuer" and the user must know why.
 */
async function anchors() {
  const unusable: string[] = [];
  const installed = (await trustAnchorsAdded()).flatMap((a) => {
    try {
      return [parseCertificate(fromBase64(a.der))];
    } catch (err) {
      unusable.push(`${a.name} (${err instanceof Error ? err.message : String(err)})`);
      return [];
    }
  });
  const pems = await loadUserAnchors();
  const added = pems.flatMap((pem, i) => {
    try {
      return parseCertificates(new TextEncoder().encode(pem));
    } catch (err) {
      unusable.push(`${i + 1} (${err instanceof Error ? err.message : String(err)})`);
      return [];
    }
  });
  if (unusable.length) await recordFailure("anchors", new Error(translate("anchorsUnusable", [unusable.join(" ; ")])));
  else await clearFailure("anchors");
  return [...installed, ...added];
}

/**
 * What signature verdicts are computed from: the anchors (installed roots and the user's own) and
 * the CRLs kept. A stored verdict of a signed message from other inputs is stale (trust-marking).
 */
export async function signatureInputs(): Promise<string> {
  const installed = (await trustAnchorsAdded()).map((a) => a.sha256).sort();
  const added = [...(await loadUserAnchors())].sort();
  const crls = Object.entries(await loadCrlIndex()).sort(([a], [b]) => (a < b ? -1 : 1));
  const text = JSON.stringify([installed, added, crls]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The raw message, up to the verifier's bound (one server read for an IMAP message not offline). */
export function rawMessage(messageId: number): Promise<Uint8Array> {
  return rawBytes(messageId, MAX_MESSAGE + 1);
}

/** The message's S/MIME verdict; `raw` when the caller already read the message. */
export async function checkSignature(messageId: number, raw?: Uint8Array): Promise<SmimeVerdict> {
  const bytes = raw ?? (await rawMessage(messageId));
  const trustAnchors = await anchors();
  const first = await verifySmime(bytes, { anchors: trustAnchors, translate });
  if (!first.signed || first.crlDistributionPoints.length === 0 || first.status !== "valid") return first;
  return verifySmime(bytes, { anchors: trustAnchors, crls: await crlsFor(first.crlDistributionPoints), translate });
}
