// The plumbing every command shares: how a command writes and reads (so that tests and main.ts
// can give it other streams), and what a command module exports. No command code here, and no
// side effect on import.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): AsyncIterable<string>;
}

/** What each src/cli/<command>.ts exports. */
export type Command = { run(argv: string[], io: CliIo): Promise<number>; summary: string };

async function* stdinLines(): AsyncIterable<string> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: stdinLines,
};
