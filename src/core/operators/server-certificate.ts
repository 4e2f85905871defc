// The check an operator's IMAP or SMTP server must pass before any credential is sent to it, on
// the chain it presented (read without logging in): a path to a pinned IGC-Santé root through the
// IGC-Santé Élémentaire Organisations CA, valid dates, a certificate for the host we connect to,
// TLS ≥ 1.2, and a DN the white list lists for the account's domain (domain.md §3–4). It is ours,
// whatever Thunderbird itself would accept. Chain building and dates are src/core/pki's.
import { french, msg, render, type Param, type Text, type Translate } from "../i18n.ts";
import { checkServerChain, PkiDecodeError, IGC_SANTE_ROOTS, parseCertificate, SERVER_ISSUER_CN, type CertInfo, type ParsedCrl, type ServerCertVerdict } from "../pki/index.ts";

export interface TrustAnchorPin {
  name: string;
  /** SHA-256 of the DER certificate, `AA:BB:…` (case and separators ignored). */
  sha256: string;
  /** Official publication of the certificate (plain HTTP is fine: the fingerprint is the check). */
  url?: string;
}

const ELEMENTAIRE = IGC_SANTE_ROOTS.find((r) => r.name === "AC RACINE IGC-SANTE ELEMENTAIRE");
if (!ELEMENTAIRE) throw new Error("IGC-Santé : empreinte de la racine ELEMENTAIRE absente");

/** Roots the production add-on may install: operator servers chain to ELEMENTAIRE. */
export const PRODUCTION_PINS: readonly TrustAnchorPin[] = [
  // URL published by ANS (IGC-Santé's "PC" page and ANS integration guides).
  { name: ELEMENTAIRE.name, sha256: ELEMENTAIRE.sha256, url: "http://igc-sante.esante.gouv.fr/AC/ACR-EL.cer" },
];
export const PRODUCTION_ISSUER_CN: RegExp = SERVER_ISSUER_CN;

export function normaliseFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-f]/gi, "").toUpperCase().replace(/(..)(?!$)/g, "$1:");
}

export async function sha256Fingerprint(der: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

export function pinFor(fingerprint: string, pins: readonly TrustAnchorPin[]): TrustAnchorPin | undefined {
  const fp = normaliseFingerprint(fingerprint);
  return pins.find((p) => normaliseFingerprint(p.sha256) === fp);
}

/** RFC 6125: exact name, or a wildcard standing for exactly the left-most label. */
export function hostMatches(names: readonly string[], host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return names.some((raw) => {
    const n = raw.toLowerCase().replace(/\.$/, "");
    if (n === h) return true;
    if (!n.startsWith("*.")) return false;
    const dot = h.indexOf(".");
    return dot > 0 && h.slice(dot + 1) === n.slice(2) && n.slice(2).includes(".");
  });
}

export interface ServerCheckInput {
  host: string;
  /** DER certificates as presented, leaf first. */
  chain: Uint8Array[];
  /** "1.2", "1.3"… as negotiated. */
  tlsVersion?: string;
  /** Candidate root certificates (stored, downloaded); only pinned ones are used. */
  anchors: Uint8Array[];
  pins: readonly TrustAnchorPin[];
  issuerCn: RegExp;
  /** Operator DNs the white list gives for the domain. */
  allowedDns: readonly string[];
  domain: string;
  at?: Date;
  /** CRLs for revocation (undefined: not checked, see core/pki). */
  crls?: readonly ParsedCrl[];
  /** Words of the problems (default: French, from _locales); the add-on passes Thunderbird's. */
  translate?: Translate;
}

export interface Problem {
  code: string;
  /** For people: French unless the check was given another translator. */
  message: string;
  /** The _locales key of `message` and its parameters. */
  key: string;
  params?: Param[];
}

function problem(code: string, t: Text, translate: Translate): Problem {
  return { code, message: render(t, translate), key: t.key, ...(t.params ? { params: t.params } : {}) };
}

export interface ServerCheck {
  ok: boolean;
  host: string;
  subject?: string;
  issuer?: string;
  notAfter?: string;
  /** The pinned root the chain leads to (to install when Thunderbird does not trust it yet). */
  anchor?: TrustAnchorPin & { der: Uint8Array };
  problems: Problem[];
  warnings: Problem[];
  verdict?: ServerCertVerdict;
}

const TLS_MIN = [1, 2];

export async function checkServerCertificate(input: ServerCheckInput): Promise<ServerCheck> {
  const problems: Problem[] = [];
  const translate = input.translate ?? french;
  let chain: CertInfo[];
  try {
    chain = input.chain.map(parseCertificate);
  } catch (err) {
    const detail = err instanceof PkiDecodeError ? err.text : err instanceof Error ? err.message : String(err);
    return { ok: false, host: input.host, problems: [problem("malformed", msg("serverCertUnreadable", detail), translate)], warnings: [] };
  }
  if (chain.length === 0) return { ok: false, host: input.host, problems: [problem("no-certificate", msg("serverCertNone"), translate)], warnings: [] };

  // Anchors: pinned certificates only, wherever they came from (the server may send its root).
  const anchors: (CertInfo & { pin: TrustAnchorPin })[] = [];
  for (const der of [...input.anchors, ...input.chain]) {
    const pin = pinFor(await sha256Fingerprint(der), input.pins);
    if (!pin || anchors.some((a) => a.der.length === der.length && a.der.every((b, i) => b === der[i]))) continue;
    try {
      anchors.push({ ...parseCertificate(der), pin });
    } catch {
      // A pinned fingerprint cannot belong to an unreadable certificate; ignore defensively.
    }
  }

  const verdict = await checkServerChain(chain, {
    anchors,
    at: input.at,
    crls: input.crls,
    expectedIssuerCn: input.issuerCn,
    allowedDns: input.allowedDns,
    domain: input.domain,
    translate,
  });
  for (const r of verdict.reasons) if (r.severity === "error") problems.push(problem(r.code, r, translate));

  const leaf = chain[0]!;
  const cn = /(?:^|,)CN=([^,]+)/.exec(leaf.subject)?.[1];
  const names = leaf.dnsNames.length ? leaf.dnsNames : cn ? [cn] : [];
  if (!hostMatches(names, input.host)) {
    problems.push(problem("wrong-host", msg("serverCertWrongHost", names.join(", ") || leaf.subject, input.host), translate));
  }
  if (input.tlsVersion !== undefined) {
    const [major, minor] = input.tlsVersion.split(".").map(Number);
    if (!(major! > TLS_MIN[0]! || (major === TLS_MIN[0] && minor! >= TLS_MIN[1]!))) {
      problems.push(problem("old-tls", msg("serverCertOldTls", input.host, input.tlsVersion), translate));
    }
  }

  const top = verdict.chain.at(-1);
  const anchor = anchors.find((a) => a.subject === top);
  return {
    ok: problems.length === 0,
    host: input.host,
    subject: leaf.subject,
    issuer: leaf.issuer,
    notAfter: leaf.notAfter.toISOString(),
    anchor: anchor ? { ...anchor.pin, der: anchor.der } : undefined,
    problems,
    warnings: verdict.warnings.map((r) => problem(r.code, r, translate)),
    verdict,
  };
}
