// `mssante check MESSAGE.eml --whitelist LISTE.xml --account mssante|other --anchors CA.pem[,CA2.pem]
//  [--crl F.crl[,G.crl]] [--at ISO-DATE] [--json]`: the one state of a message (core/state), with
// the `trust` and `smime` commands' own objects inside. Both commands are run as they are, so that
// `check` can never say something else about the sender or the signature than they do.
import type { CliIo } from "./io.ts";
import { messageState } from "../core/state/message-state.ts";

export const summary = "état d'un message (confiance + signature) : ok, warning ou danger";

const USAGE = `Usage : mssante check MESSAGE.eml --whitelist LISTE.xml --account mssante|other --anchors CA.pem[,CA2.pem] [options]

Donne l'état du message, celui que montre le bouton du module : ok, warning ou danger, avec
l'avis de confiance (commande trust) et la vérification de signature (commande smime).

Options de trust : --whitelist, --account, --account-domain, --trust-domain, --distrust-domain, --lang
Options de smime : --anchors, --crl, --at, --require-revocation
  --json   sortie JSON : {level, decisive, parts, trust, signature}
`;

const TRUST_VALUES = new Set(["--whitelist", "--account", "--account-domain", "--trust-domain", "--distrust-domain", "--lang"]);
const SMIME_VALUES = new Set(["--anchors", "--anchor", "--ca", "--crl", "--crls", "--at"]);
const SMIME_FLAGS = new Set(["--require-revocation"]);

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async function* () {} },
    out: () => out,
    err: () => err,
  };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const trustArgs: string[] = [];
  const smimeArgs: string[] = [];
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith("--") && arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    const inline = name !== arg;
    if (arg === "--help" || arg === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (arg === "--json") json = true;
    else if (TRUST_VALUES.has(name) || SMIME_VALUES.has(name)) {
      const to = TRUST_VALUES.has(name) ? trustArgs : smimeArgs;
      if (inline) to.push(arg);
      else {
        if (i + 1 >= argv.length) {
          io.stderr(`mssante check : valeur manquante pour ${arg}\n\n${USAGE}`);
          return 2;
        }
        to.push(arg, argv[++i]!);
      }
    } else if (SMIME_FLAGS.has(arg)) smimeArgs.push(arg);
    else if (arg.startsWith("--")) {
      io.stderr(`mssante check : option inconnue : ${arg}\n\n${USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    io.stderr(`mssante check : indiquez un seul message.\n\n${USAGE}`);
    return 2;
  }
  const [{ run: trust }, { run: smime }] = await Promise.all([import("./trust.ts"), import("./smime.ts")]);
  const t = capture();
  const tCode = await trust([positional[0]!, ...trustArgs, "--json"], t.io);
  if (tCode !== 0) {
    io.stderr(t.err().replace(/^mssante trust/gm, "mssante check"));
    return tCode;
  }
  const s = capture();
  const sCode = await smime([positional[0]!, ...smimeArgs, "--json"], s.io);
  if (sCode !== 0) {
    io.stderr(s.err().replace(/^mssante smime/gm, "mssante check"));
    return sCode;
  }
  const trustObject = JSON.parse(t.out()) as { category: "professional" | "patient" | "outside" | "impersonation"; trusted: boolean };
  const signatureObject = JSON.parse(s.out()) as { status: string; signed: boolean };
  const state = messageState({ verdict: trustObject, signature: signatureObject });
  const result = { level: state.level, decisive: state.decisive, parts: state.parts, trust: trustObject, signature: signatureObject };
  if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const label = { ok: "OK", warning: "ATTENTION", danger: "DANGER" }[state.level];
    io.stdout(`${label}${state.decisive ? ` — ${state.decisive.part} : ${state.decisive.code}` : ""}\n`);
    for (const p of state.parts) io.stdout(`  ${p.part.padEnd(10)} ${p.level.padEnd(8)} ${p.code}\n`);
  }
  return 0;
}
