import { existsSync, readFileSync } from "node:fs";

/** The last `lines` lines of a log file, or a note that it is missing. */
export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(pas de journal ${file})`;
  return readFileSync(file, "utf8").split("\n").slice(-lines - 1).join("\n");
}
