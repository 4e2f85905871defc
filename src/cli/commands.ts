// `mssante`: the command line over src/core, for administrators, scripts and acceptance tests.
// Each command lives in its own file and is loaded only when used. main.ts only runs `main`.
import type { CliIo, Command } from "./io.ts";

declare const __MSSANTE_VERSION__: string;

const commands: Record<string, () => Promise<Command>> = {
  trust: () => import("./trust.ts"),
  directory: () => import("./directory.ts"),
  smime: () => import("./smime.ts"),
  cert: () => import("./cert.ts"),
  check: () => import("./check.ts"),
  xdm: () => import("./xdm.ts"),
};

async function usage(): Promise<string> {
  const lines = ["Usage : mssante <commande> [options]", "", "Commandes :"];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  lines.push("  --version  affiche la version", "  --help     affiche cette aide", "");
  return lines.join("\n");
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-v") {
    io.stdout(`${__MSSANTE_VERSION__}\n`);
    return 0;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(await usage());
    return 0;
  }
  const load = commands[command];
  if (!load) {
    io.stderr(`mssante : commande inconnue « ${command} ».\n${await usage()}`);
    return 2;
  }
  return (await load()).run(rest, io);
}
