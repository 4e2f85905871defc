// Step 4: with the user's consent, the pinned root is installed (only it, only if its fingerprint
// matches); the add-on remembers what it added and can remove it (and only that).
import { pinFor } from "../../../core/operators/server-certificate.ts";
import { toBase64 } from "../../../core/base64.ts";
import { installTrustAnchor, removeTrustAnchor } from "../../platform/certificates-experiment.ts";
import { translate } from "../../platform/mail.ts";
import { anchorPolicy } from "../../platform/trust-anchors.ts";
import { loadInstalledAnchors, saveInstalledAnchors } from "../../storage/anchor-store.ts";
import { experimentFailure, fail, isFailure, session } from "./session.ts";
import type { Result } from "../../platform/contract.ts";

export async function installAnchors(sessionId: string): Promise<Result<{ installed: { name: string; sha256: string }[] }>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!s.checkedFor) return fail("not-checked", translate("accountErrorNotChecked"));
  const policy = anchorPolicy();
  const installed: { name: string; sha256: string }[] = [];
  try {
    for (const { pin, der } of s.anchorsNeeded) {
      const r = await installTrustAnchor(toBase64(der), policy.pins.map((p) => p.sha256));
      if (r.added) {
        const list = (await loadInstalledAnchors()).filter((a) => !pinFor(a.sha256, [pin]));
        list.push({ sha256: r.sha256, name: pin.name, subject: r.subject, der: toBase64(der), installedAt: new Date().toISOString(), previouslyPresent: r.previouslyPresent });
        await saveInstalledAnchors(list);
      }
      installed.push({ name: pin.name, sha256: r.sha256 });
    }
  } catch (err) {
    return experimentFailure(err);
  }
  s.anchorsNeeded = [];
  return { ok: true, installed };
}

/** Removes a root the add-on installed (and only those). */
export async function removeAnchor(sha256: string): Promise<Result<{ removed: boolean }>> {
  const list = await loadInstalledAnchors();
  const mine = list.find((a) => pinFor(a.sha256, [{ name: "", sha256 }]));
  if (!mine) return fail("not-ours", translate("accountErrorNotOurs"));
  try {
    const removed = await removeTrustAnchor(mine.sha256, mine.previouslyPresent);
    await saveInstalledAnchors(list.filter((a) => a !== mine));
    return { ok: true, removed };
  } catch (err) {
    return experimentFailure(err);
  }
}
