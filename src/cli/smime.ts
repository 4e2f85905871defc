// Placeholder until the feature lands: keeps the command table complete.
import type { CliIo } from "./main.ts";

export const summary = "vérifie la signature S/MIME d'un message";

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("mssante smime : commande pas encore disponible.\n");
  return 2;
}
