// `mssante smime MESSAGE.eml --anchors CA.pem[,CA2.pem] [--at ISO-DATE] [--crl F.crl[,G.crl]]
//  [--require-revocation] [--json]`: the S/MIME verdict of one message (issue 6).
//
// Exit 0 whenever a verdict was produced, even "invalid"; 1 when an input file cannot be used
// (message unreadable, anchors or CRL unusable); 2 for a wrong command line.
import type { CliIo } from "./io.ts";
import { STATUS_LABELS } from "../core/pki/reasons.ts";
import { CliError, formatReasons, loadAnchors, loadCrls, parseCommonArgs, readInput } from "./shared.ts";
import { verifySmime, type SmimeVerdict } from "../core/pki/smime.ts";

export const summary = "vérifie la signature S/MIME d'un message";

const USAGE = `Usage : mssante smime MESSAGE.eml --anchors CA.pem[,CA2.pem] [options]

Vérifie la signature S/MIME (multipart/signed ou application/pkcs7-mime) d'un message.

Options :
  --anchors F[,G]        certificats des autorités de confiance (PEM, plusieurs certificats par fichier
                         possibles ; option répétable) — obligatoire
  --at DATE              date de vérification (ISO 8601, ex. 2026-01-15T12:00:00Z) ; défaut : maintenant
  --crl F[,G]            listes de révocation (DER ou PEM) ; sans cette option la révocation n'est pas
                         vérifiée (raison « revocation-not-checked »)
  --require-revocation   sans liste de révocation utilisable, statut « revocation-unknown »
  --json                 sortie JSON (un objet)
`;

function human(v: SmimeVerdict): string {
  const lines = [`Statut : ${STATUS_LABELS[v.status]} (${v.status})`];
  if (v.signer) {
    lines.push(`Signataire : ${v.signer.subject}`);
    if (v.signer.email) lines.push(`Adresse : ${v.signer.email}`);
    if (v.signer.rppsOrIdNat) lines.push(`Identifiant national (RPPS/idNat) : ${v.signer.rppsOrIdNat}`);
    lines.push(`Émis par : ${v.signer.issuer}`);
  }
  if (v.signingTime) lines.push(`Signé le : ${v.signingTime}`);
  if (v.digestAlgorithm) lines.push(`Algorithmes : ${v.digestAlgorithm}, ${v.signatureAlgorithm}`);
  if (v.reasons.length) lines.push("Raisons :", ...formatReasons(v.reasons));
  return lines.join("\n") + "\n";
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommonArgs(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.positional.length !== 1) throw new CliError(2, `indiquez un seul message à vérifier.\n${USAGE}`);
    const message = readInput(args.positional[0]!, "le message");
    const anchors = loadAnchors(args.anchors);
    const crls = loadCrls(args.crls);
    const verdict = await verifySmime(message, { anchors, at: args.at, crls, requireRevocation: args.requireRevocation });
    io.stdout(args.json ? `${JSON.stringify(verdict, null, 2)}\n` : human(verdict));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`mssante smime : ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
