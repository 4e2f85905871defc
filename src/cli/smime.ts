// `mssante smime MESSAGE.eml [MESSAGE2.eml …] --anchors CA.pem[,CA2.pem] [--at ISO-DATE]
//  [--crl F.crl[,G.crl]] [--require-revocation] [--json] [--stdin]`: the S/MIME verdict of one
// message (issue 6), or of several from one process (issue 15), so anchors and CRLs are read once and
// the core's caches (decoded certificates, certificate signature checks) serve every message.
//
// One message: exit 0 whenever a verdict was produced, even "invalid"; 1 when an input file cannot be
// used (message unreadable, anchors or CRL unusable); 2 for a wrong command line. Output: the verdict
// (JSON indented, as before).
// Several messages, or --stdin (one path per line): one result per message, in order; with --json one
// compact JSON object per line, the same object as the one-message form, or for a message that cannot
// be read `{"file", "status": "error", "valid": false, "signed": false, "error", "reasons"}` and the
// run goes on. Exit 0 when every message got a verdict, 1 when at least one could not be read (or
// anchors/CRLs are unusable: then nothing is verified), 2 for a wrong command line.
import type { CliIo } from "./io.ts";
import { STATUS_LABELS } from "../core/pki/reasons.ts";
import { CliError, formatReasons, loadAnchors, loadCrls, parseCommonArgs, readInput } from "./shared.ts";
import { verifySmime, type SmimeVerdict } from "../core/pki/smime.ts";

export const summary = "vérifie la signature S/MIME d'un message";

const USAGE = `Usage : mssante smime MESSAGE.eml [MESSAGE2.eml …] --anchors CA.pem[,CA2.pem] [options]
        mssante smime --stdin --anchors CA.pem [options] < liste-des-chemins

Vérifie la signature S/MIME (multipart/signed ou application/pkcs7-mime) d'un ou de plusieurs messages.

Options :
  --anchors F[,G]        certificats des autorités de confiance (PEM, plusieurs certificats par fichier
                         possibles ; option répétable) — obligatoire
  --at DATE              date de vérification (ISO 8601, ex. 2026-01-15T12:00:00Z) ; défaut : maintenant
  --crl F[,G]            listes de révocation (DER ou PEM) ; sans cette option la révocation n'est pas
                         vérifiée (raison « revocation-not-checked »)
  --require-revocation   sans liste de révocation utilisable, statut « revocation-unknown »
  --json                 sortie JSON : un objet (indenté) pour un seul message ; pour plusieurs messages
                         ou avec --stdin, un objet par ligne, dans l'ordre des messages
  --stdin                lit les chemins des messages sur l'entrée standard (un par ligne)

Plusieurs messages : un message illisible donne sa propre ligne (statut « error ») et la vérification
continue. Code de sortie : 0 si chaque message a reçu un verdict (même invalide), 1 si un fichier n'a pas
pu être lu (message, autorités ou CRL), 2 pour une ligne de commande incorrecte.
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
    const args = { ...parseCommonArgs(argv, [], ["--stdin"]), stdin: false };
    args.stdin = args.values.has("--stdin");
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.stdin && args.positional.length > 0) throw new CliError(2, `avec --stdin, les chemins des messages se lisent sur l'entrée standard (aucun message en argument).\n${USAGE}`);
    if (!args.stdin && args.positional.length === 0) throw new CliError(2, `indiquez au moins un message à vérifier (ou --stdin).\n${USAGE}`);
    if (!args.stdin && args.positional.length === 1) {
      // The one-message form, unchanged: the message is read first (its error comes before the anchors').
      const message = readInput(args.positional[0]!, "le message");
      const anchors = loadAnchors(args.anchors);
      const crls = loadCrls(args.crls);
      const verdict = await verifySmime(message, { anchors, at: args.at, crls, requireRevocation: args.requireRevocation });
      io.stdout(args.json ? `${JSON.stringify(verdict, null, 2)}\n` : human(verdict));
      return 0;
    }
    // Several messages: anchors and CRLs first (unusable → nothing verified, exit 1), then each message.
    const anchors = loadAnchors(args.anchors);
    const crls = loadCrls(args.crls);
    const options = { anchors, at: args.at, crls, requireRevocation: args.requireRevocation };
    let unreadable = 0;
    const paths: AsyncIterable<string> | Iterable<string> = args.stdin ? stdinPaths(io) : args.positional;
    for await (const path of paths) {
      let message: Uint8Array;
      try {
        message = readInput(path, "le message");
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        unreadable++;
        io.stdout(args.json ? `${JSON.stringify(unreadableLine(path, err.message))}\n` : `== ${path}\nStatut : erreur\n  ✗ ${capitalised(err.message)} [file-unreadable]\n`);
        continue;
      }
      const verdict = await verifySmime(message, options);
      io.stdout(args.json ? `${JSON.stringify(verdict)}\n` : `== ${path}\n${human(verdict)}`);
    }
    return unreadable > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`mssante smime : ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

/** Paths read from standard input, one per line; blank lines are skipped. */
async function* stdinPaths(io: CliIo): AsyncIterable<string> {
  for await (const line of io.readStdin()) {
    const path = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (path.trim() !== "") yield path;
  }
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The line of a message that could not be read: an error status, never a verdict. */
function unreadableLine(file: string, why: string) {
  const message = `${capitalised(why)}.`;
  return {
    file,
    status: "error",
    valid: false,
    signed: false,
    error: message,
    reasons: [{ code: "file-unreadable", severity: "error", message }],
  };
}
