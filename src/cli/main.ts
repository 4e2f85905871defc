// `mssante`: the command line over src/core, for administrators, scripts and acceptance tests.
// Each command lives in its own file and is loaded only when used.
declare const __MSSANTE_VERSION__: string;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): AsyncIterable<string>;
}

type Command = { run(argv: string[], io: CliIo): Promise<number>; summary: string };

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

async function* stdinLines(): AsyncIterable<string> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: stdinLines,
};

export async function main(argv: string[]): Promise<number> {
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

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain before exiting (large JSON outputs on a pipe).
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mssante : erreur inattendue : ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
