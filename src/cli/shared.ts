// Helpers shared by the PKI commands (`smime`, `cert`): the common options, reading input files,
// loading anchors and CRLs with a French reason when they cannot be used, and printing reasons.
import { readFileSync } from "node:fs";
import { parseCertificates, type CertInfo } from "../core/pki/certificate.ts";
import { parseCrls, type ParsedCrl } from "../core/pki/crl.ts";
import type { Reason } from "../core/pki/reasons.ts";

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CommonArgs {
  positional: string[];
  anchors: string[];
  crls: string[];
  at: Date | undefined;
  json: boolean;
  requireRevocation: boolean;
  values: Map<string, string>;
  help: boolean;
}

/** Parses the options shared by `smime` and `cert`; `extra` lists further options taking a value. */
export function parseCommonArgs(argv: string[], extra: string[] = [], extraFlags: string[] = []): CommonArgs {
  const out: CommonArgs = { positional: [], anchors: [], crls: [], at: undefined, json: false, requireRevocation: false, values: new Map(), help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new CliError(2, `l'option ${arg} attend une valeur`);
      return v;
    };
    const list = () =>
      value()
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    if (arg === "--anchors" || arg === "--anchor" || arg === "--ca") out.anchors.push(...list());
    else if (arg === "--crl" || arg === "--crls") out.crls.push(...list());
    else if (arg === "--at") {
      const v = value();
      const t = Date.parse(v);
      if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new CliError(2, `date invalide pour --at : « ${v} » (format ISO 8601 attendu, ex. 2026-01-15T12:00:00Z)`);
      out.at = new Date(t);
    } else if (arg === "--json") out.json = true;
    else if (arg === "--require-revocation") out.requireRevocation = true;
    else if (arg === "--help" || arg === "-h") out.help = true;
    else if (extra.includes(arg)) out.values.set(arg, value());
    else if (extraFlags.includes(arg)) out.values.set(arg, "true");
    else if (arg.startsWith("--")) throw new CliError(2, `option inconnue : ${arg}`);
    else out.positional.push(arg);
  }
  return out;
}

export function readInput(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "fichier introuvable" : code === "EISDIR" ? "c'est un répertoire" : code === "EACCES" ? "accès refusé" : (err as Error).message;
    throw new CliError(1, `impossible de lire ${what} « ${path} » : ${why}`);
  }
}

export function loadAnchors(paths: string[]): CertInfo[] {
  if (paths.length === 0) throw new CliError(2, "l'option --anchors est obligatoire (certificats des autorités de confiance, PEM)");
  const anchors: CertInfo[] = [];
  for (const p of paths) {
    const bytes = readInput(p, "le fichier d'autorités de confiance");
    let certs: CertInfo[];
    try {
      certs = parseCertificates(bytes);
    } catch (err) {
      throw new CliError(1, `autorités de confiance « ${p} » inutilisables : ${(err as Error).message}`);
    }
    if (certs.length === 0) throw new CliError(1, `aucun certificat trouvé dans « ${p} » (PEM « BEGIN CERTIFICATE » ou DER attendu)`);
    anchors.push(...certs);
  }
  return anchors;
}

export function loadCrls(paths: string[]): ParsedCrl[] | undefined {
  if (paths.length === 0) return undefined;
  const crls: ParsedCrl[] = [];
  for (const p of paths) {
    const bytes = readInput(p, "la liste de révocation");
    try {
      const found = parseCrls(bytes);
      if (found.length === 0) throw new Error("aucune CRL trouvée (DER ou PEM « BEGIN X509 CRL » attendu)");
      crls.push(...found);
    } catch (err) {
      throw new CliError(1, `liste de révocation « ${p} » inutilisable : ${(err as Error).message}`);
    }
  }
  return crls;
}

export function formatReasons(reasons: readonly Reason[]): string[] {
  const mark = { error: "✗", warning: "!", info: "·" } as const;
  return reasons.map((r) => `  ${mark[r.severity]} ${r.message} [${r.code}]`);
}
