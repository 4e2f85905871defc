// Step 3: the certificate chains of the IMAP and SMTP servers, read WITHOUT logging in and checked
// by our own rules (pinned IGC-Santé root, Élémentaire Organisations, dates, host, TLS ≥ 1.2, DN
// listed for the domain) whatever Thunderbird itself would accept. Run again right before the
// credentials leave (create.ts).
import { normaliseSettings, type Endpoint, type ServerSettings } from "../../../core/operators/settings.ts";
import { pinFor, type ServerCheck, type TrustAnchorPin } from "../../../core/operators/server-certificate.ts";
import { listTrustAnchors } from "../../platform/certificates-experiment.ts";
import { accountsExperimentAvailable } from "../../platform/experiment-errors.ts";
import { serverCertificates, type PresentedChain } from "../../platform/servers-experiment.ts";
import { translate } from "../../platform/mail.ts";
import { checkPresentedChain } from "../../platform/server-check.ts";
import { experimentFailure, fail, isFailure, session, type Session } from "./session.ts";
import type { Checked, Failure, Result, ServerSummary } from "../../platform/contract.ts";

async function readChain(e: Endpoint, protocol: "imap" | "smtp"): Promise<PresentedChain | Failure> {
  try {
    return await serverCertificates({ host: e.host, port: e.port, protocol, security: e.security });
  } catch (err) {
    return experimentFailure(err, `${e.host}:${e.port}`);
  }
}

async function checkOne(s: Session, e: Endpoint, protocol: "imap" | "smtp"): Promise<{ summary: ServerSummary; check: ServerCheck } | Failure> {
  const presented = await readChain(e, protocol);
  if (isFailure(presented)) return presented;
  // Revocation: a revoked server is refused; an unreachable CRL leaves the check to the daily
  // server-certificate check.
  const check = await checkPresentedChain(presented, { host: e.host, domain: s.domain, allowedDns: s.operatorDns }, { fetchPinnedRoots: true, missingCrl: "leave" });
  return {
    check,
    summary: {
      host: e.host,
      port: e.port,
      protocol,
      ok: check.ok,
      subject: check.subject,
      issuer: check.issuer,
      notAfter: check.notAfter,
      tlsVersion: presented.tlsVersion,
      minimumTlsVersion: presented.minimumTlsVersion,
      trustedByThunderbird: presented.trustedByThunderbird,
      problems: check.problems,
      warnings: check.warnings,
    },
  };
}

export type BothChecked = Checked & { anchors: { pin: TrustAnchorPin; der: Uint8Array }[] };

export async function checkBoth(s: Session, settings: ServerSettings): Promise<Result<BothChecked>> {
  const imap = await checkOne(s, settings.imap, "imap");
  if (isFailure(imap)) return imap;
  const smtp = await checkOne(s, settings.smtp, "smtp");
  if (isFailure(smtp)) return smtp;
  const refused = [imap, smtp].filter((r) => !r.check.ok);
  if (refused.length) {
    const problems = refused.flatMap((r) => r.check.problems.map((p) => ({ ...p, message: `${r.summary.host}:${r.summary.port} — ${p.message}` })));
    return {
      ...fail("certificate", translate("accountErrorCertificate", [refused.map((r) => `${r.summary.host}:${r.summary.port}`).join(", ")]), problems),
      servers: [imap.summary, smtp.summary],
    };
  }
  const anchors: { pin: TrustAnchorPin; der: Uint8Array }[] = [];
  for (const r of [imap, smtp]) {
    const a = r.check.anchor!;
    if (!anchors.some((x) => x.pin.sha256 === a.sha256)) anchors.push({ pin: { name: a.name, sha256: a.sha256, url: a.url }, der: a.der });
  }
  const present = await listTrustAnchors(anchors.map((a) => a.pin.sha256));
  const missing = anchors.filter((a) => !present.some((p) => p.trusted && pinFor(p.sha256, [a.pin])));
  return { ok: true, imap: imap.summary, smtp: smtp.summary, anchors: missing, anchorsToInstall: missing.map((a) => ({ name: a.pin.name, sha256: a.pin.sha256 })) };
}

export async function checkServers(sessionId: string, settings: ServerSettings): Promise<Result<Checked>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  if (!accountsExperimentAvailable()) return fail("unavailable", translate("accountErrorUnavailable"));
  const clean = normaliseSettings(settings);
  if (!clean) return fail("settings", translate("accountErrorSettings"));
  s.settings = clean;
  s.checkedFor = undefined;
  let result: Result<BothChecked>;
  try {
    result = await checkBoth(s, clean);
  } catch (err) {
    return experimentFailure(err);
  }
  if (!result.ok) return result;
  s.checkedFor = JSON.stringify(clean);
  s.anchorsNeeded = result.anchors;
  return { ok: true, imap: result.imap, smtp: result.smtp, anchorsToInstall: result.anchorsToInstall };
}
