// `mssante trust MESSAGE.eml --whitelist LISTE.xml --account mssante|other [--json]`
import { openSync, readSync, closeSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { CliIo } from "./io.ts";
import { parseWhitelistXml, WhitelistError } from "../core/trust/whitelist.ts";
import { computeVerdict, type AccountKind } from "../core/trust/verdict.ts";
import { translator } from "../core/i18n.ts";

export const summary = "verdict de confiance d'un message (.eml) face à la liste blanche";

const HELP = `Usage : mssante trust MESSAGE.eml --whitelist LISTE.xml --account mssante|other [options]

Donne le verdict de confiance d'un message : expéditeur dans l'espace de confiance MSSanté ou non.

Options :
  --whitelist FICHIER   liste blanche MSSanté au format XML officiel (obligatoire)
  --account TYPE        boîte où se trouve le message : mssante ou other (obligatoire)
  --account-domain D    domaine de l'adresse MSSanté de l'utilisateur (contrôle du relais)
  --trust-domain D      domaine auquel l'utilisateur fait confiance (répétable)
  --distrust-domain D   domaine dont l'utilisateur se méfie (répétable)
  --lang fr|en          langue des messages (fr par défaut)
  --json                sortie JSON : {trusted, category, sender, reasons, whitelistDate}

Code de sortie : 0 quand un verdict est produit (même « non fiable »), 1 si le message ou la liste
blanche est illisible, 2 en cas d'erreur d'utilisation.
`;

// Enough for any real header block; beyond it the verdict reports an oversized header.
const HEADER_LIMIT = 1024 * 1024;

function readHead(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(HEADER_LIMIT + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0 || total + n >= buf.length) {
        total += n;
        break;
      }
      total += n;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        whitelist: { type: "string" },
        account: { type: "string" },
        "account-domain": { type: "string" },
        "trust-domain": { type: "string", multiple: true },
        "distrust-domain": { type: "string", multiple: true },
        lang: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    io.stderr(`mssante trust : ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const account = values.account as AccountKind | undefined;
  if (positionals.length !== 1 || !values.whitelist || (account !== "mssante" && account !== "other")) {
    io.stderr(`mssante trust : il faut un message, --whitelist et --account mssante|other.\n\n${HELP}`);
    return 2;
  }
  const lang = values.lang === "en" ? "en" : "fr";
  let whitelist;
  try {
    whitelist = parseWhitelistXml(readFileSync(values.whitelist, "utf8"));
  } catch (err) {
    const why = err instanceof WhitelistError ? err.message : `lecture impossible (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    io.stderr(`mssante trust : liste blanche inutilisable « ${values.whitelist} » : ${why}\n`);
    return 1;
  }
  let head: Uint8Array;
  try {
    head = readHead(positionals[0]!);
  } catch (err) {
    io.stderr(`mssante trust : message illisible « ${positionals[0]} » : ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 1;
  }
  const overrides: Record<string, "trusted" | "untrusted"> = {};
  for (const d of values["trust-domain"] ?? []) overrides[d.toLowerCase()] = "trusted";
  for (const d of values["distrust-domain"] ?? []) overrides[d.toLowerCase()] = "untrusted";
  const verdict = computeVerdict({
    // The bytes, not a parsed block: read to the same bound (HEADER_LIMIT is readFields' own), and
    // the verdict can also read the From as Thunderbird shows bytes that are not UTF-8.
    headers: head,
    whitelist,
    account,
    accountDomain: values["account-domain"],
    overrides,
    translate: translator(lang),
  });
  if (values.json) {
    io.stdout(JSON.stringify(verdict, null, 2) + "\n");
    return 0;
  }
  const label = { professional: "professionnel MSSanté", patient: "usager (patient)", outside: "hors espace de confiance", impersonation: "usurpation possible" }[verdict.category];
  io.stdout(`${verdict.trusted ? "FIABLE" : "NON FIABLE"} — ${label}\n`);
  if (verdict.sender) io.stdout(`Expéditeur : ${verdict.sender.displayName ? `${verdict.sender.displayName} ` : ""}<${verdict.sender.address}>\n`);
  for (const r of verdict.reasons) io.stdout(`  [${r.severity}] ${r.code} : ${r.message}\n`);
  io.stdout(`Liste blanche du ${verdict.whitelistDate}\n`);
  return 0;
}
