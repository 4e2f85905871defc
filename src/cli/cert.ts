// `mssante cert CHAIN.pem --anchors CA.pem [--at ISO-DATE] [--crl F.crl] [--issuer-cn REGEX]
//  [--domain D --whitelist LISTE.xml] [--json]`: checks the certificate chain a server presents
// (leaf first, then intermediates), the same way the add-on does (issue 6).
import { readFileSync } from "node:fs";
import type { CliIo } from "./io.ts";
import { parseCertificates, type CertInfo } from "../core/pki/certificate.ts";
import { SERVER_ISSUER_CN } from "../core/pki/igc-sante.ts";
import { STATUS_LABELS } from "../core/pki/reasons.ts";
import { checkServerChain, type ServerCertVerdict } from "../core/pki/server.ts";
import { lookup, parseWhitelistXml } from "../core/trust/whitelist.ts";
import { CliError, formatReasons, loadAnchors, loadCrls, parseCommonArgs, readInput } from "./shared.ts";

export const summary = "vérifie une chaîne de certificats de serveur";

const USAGE = `Usage : mssante cert CHAINE.pem --anchors CA.pem[,CA2.pem] [options]

Vérifie la chaîne de certificats présentée par un serveur (certificat du serveur d'abord, puis les
autorités intermédiaires).

Options :
  --anchors F[,G]        certificats des autorités de confiance (PEM) — obligatoire
  --at DATE              date de vérification (ISO 8601) ; défaut : maintenant
  --crl F[,G]            listes de révocation (DER ou PEM) ; sans cette option la révocation n'est pas
                         vérifiée (raison « revocation-not-checked »)
  --require-revocation   sans liste de révocation utilisable, statut « revocation-unknown »
  --issuer-cn REGEX      le CN de l'autorité émettrice doit correspondre (statut « wrong-issuer-ca »)
  --igc-sante-organisations
                         raccourci : autorité « AC IGC-SANTE ELEMENTAIRE ORGANISATIONS » exigée
  --domain D --whitelist LISTE.xml
                         le DN du certificat doit être listé pour le domaine D dans la liste blanche
                         MSSanté (statut « not-whitelisted »)
  --json                 sortie JSON (un objet)
`;

function human(v: ServerCertVerdict): string {
  const lines = [`Statut : ${STATUS_LABELS[v.status]} (${v.status})`];
  if (v.subject) lines.push(`Certificat : ${v.subject}`, `Émis par : ${v.issuer}`);
  if (v.notAfter) lines.push(`Expire le : ${v.notAfter} (${v.daysLeft} jours)`);
  if (v.fingerprintSha256) lines.push(`Empreinte SHA-256 : ${v.fingerprintSha256}`);
  if (v.reasons.length) lines.push("Raisons :", ...formatReasons(v.reasons));
  return lines.join("\n") + "\n";
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommonArgs(argv, ["--issuer-cn", "--domain", "--whitelist"], ["--igc-sante-organisations"]);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.positional.length !== 1) throw new CliError(2, `indiquez un seul fichier de chaîne de certificats.\n${USAGE}`);
    const path = args.positional[0]!;
    const bytes = readInput(path, "la chaîne de certificats");
    let chain: CertInfo[];
    try {
      chain = parseCertificates(bytes);
    } catch (err) {
      throw new CliError(1, `chaîne de certificats « ${path} » illisible : ${(err as Error).message}`);
    }
    if (chain.length === 0) throw new CliError(1, `aucun certificat trouvé dans « ${path} » (PEM « BEGIN CERTIFICATE » ou DER attendu)`);
    const anchors = loadAnchors(args.anchors);
    const crls = loadCrls(args.crls);

    let expectedIssuerCn: RegExp | undefined;
    const issuerCn = args.values.get("--issuer-cn");
    if (issuerCn !== undefined) {
      try {
        expectedIssuerCn = new RegExp(issuerCn);
      } catch {
        throw new CliError(2, `expression invalide pour --issuer-cn : « ${issuerCn} »`);
      }
    } else if (args.values.has("--igc-sante-organisations")) expectedIssuerCn = SERVER_ISSUER_CN;

    const domain = args.values.get("--domain");
    const whitelistPath = args.values.get("--whitelist");
    let allowedDns: string[] | undefined;
    if ((domain === undefined) !== (whitelistPath === undefined)) throw new CliError(2, "--domain et --whitelist vont ensemble");
    if (domain !== undefined && whitelistPath !== undefined) {
      let xml: string;
      try {
        xml = readFileSync(whitelistPath, "utf8");
      } catch {
        throw new CliError(1, `impossible de lire la liste blanche « ${whitelistPath} »`);
      }
      try {
        allowedDns = lookup(parseWhitelistXml(xml), domain)?.operatorDns ?? [];
      } catch (err) {
        throw new CliError(1, `liste blanche « ${whitelistPath} » inutilisable : ${(err as Error).message}`);
      }
    }

    const verdict = await checkServerChain(chain, {
      anchors,
      at: args.at,
      crls,
      requireRevocation: args.requireRevocation,
      expectedIssuerCn,
      allowedDns,
      domain,
    });
    io.stdout(args.json ? `${JSON.stringify(verdict, null, 2)}\n` : human(verdict));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`mssante cert : ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
