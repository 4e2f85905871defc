// `mssante xdm MESSAGE.eml|FICHIER.zip [--json]`: the health documents (IHE XDM) of a message or of
// an IHE_XDM.ZIP (issue 14). The input kind is told by its bytes (a ZIP starts with « PK »).
//
// Exit 0 whenever the input was read, including a refused (hostile) XDM or a message without one
// (found false, status "not-found"); 1 when the file cannot be read; 2 for a wrong command line.
import { readFileSync } from "node:fs";
import type { CliIo } from "./io.ts";
import { readXdmMessage, readXdmZip, xdmSendHeaders, type XdmMessageResult } from "../core/xdm/index.ts";
import { isZipBytes } from "../core/xdm/zip.ts";

export const summary = "lit les documents de santé (IHE XDM) d'un message ou d'un IHE_XDM.ZIP";

const USAGE = `Usage : mssante xdm MESSAGE.eml|IHE_XDM.ZIP [--json]

Lit les documents de santé d'un message MSSanté (pièce jointe IHE_XDM.ZIP) ou d'une archive XDM :
patient (INS et traits d'identité), lot de soumission, documents (type, date, auteur), avec la
taille et l'empreinte SHA-1 de chaque fichier vérifiées. Une archive hostile est refusée avec un
statut, jamais extraite.

Options :
  --json   sortie JSON : {found, status, statusMessage, attachment, subject, patient, submission,
           documents, problems, sendHeaders} ; sans XDM : found false, status « not-found »

Code de sortie : 0 si le fichier a été lu (même refusé ou sans XDM), 1 s'il est illisible,
2 pour une ligne de commande incorrecte.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  const positional: string[] = [];
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (arg === "--json") json = true;
    else if (arg.startsWith("-") && arg !== "-") {
      io.stderr(`mssante xdm : option inconnue : ${arg}\n\n${USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    io.stderr(`mssante xdm : indiquez un seul message ou une seule archive.\n\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(positional[0]!);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr(`mssante xdm : fichier ${code === "ENOENT" ? "introuvable" : "illisible"} : ${positional[0]}\n`);
    return 1;
  }
  const result: XdmMessageResult = isZipBytes(bytes) ? { ...(await readXdmZip(bytes)), attachment: null, subject: null } : await readXdmMessage(bytes);
  // The JSON keeps the contract's shape whatever was found: `patient` and `patient.ins` are always
  // objects (null fields when absent), so that a reader never meets a null where it expects them.
  const patient = result.patient ?? { lastName: null, firstNames: null, birthDate: null, sex: null, ins: null, qualified: false, localIds: [] };
  const out = {
    ...result,
    patient: { ...patient, ins: patient.ins ?? { value: null, oid: null, kind: null, test: false } },
    sendHeaders: result.status === "ok" ? xdmSendHeaders(result) : null,
  };
  if (json) {
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${result.statusMessage}\n`);
  if (result.subject) io.stdout(`Objet : ${result.subject.title}\n`);
  const p = result.patient;
  if (p) {
    const ins = p.ins ? `INS ${p.ins.value} (${p.ins.kind}${p.qualified ? ", qualifié" : ", non qualifié"})` : "sans INS";
    io.stdout(`Patient : ${[p.lastName, p.firstNames].filter(Boolean).join(" ") || "?"}, né(e) le ${p.birthDate?.split("-").reverse().join("/") ?? "?"}, sexe ${p.sex ?? "?"}, ${ins}\n`);
  }
  for (const d of result.documents) {
    const check = d.present ? (d.sizeOk && d.hashOk ? "intègre" : "NON CONFORME") : "ABSENT";
    io.stdout(`  - ${d.title ?? "(sans titre)"} [${d.typeCode ?? "?"}] ${d.creationTime ?? ""} ${d.uri ?? ""} : ${check}\n`);
  }
  for (const pr of result.problems) io.stdout(`  ! ${pr.code} : ${pr.message}\n`);
  return 0;
}
