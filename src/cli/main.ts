// Entry point of dist/cli.js: runs the command line (src/cli/commands.ts) on the process's streams.
// Nothing imports this file: importing it runs the CLI.
import { main } from "./commands.ts";
import { processIo } from "./io.ts";

main(process.argv.slice(2), processIo).then(
  (code) => {
    // Let stdout drain before exiting (large JSON outputs on a pipe).
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mssante : erreur inattendue : ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
