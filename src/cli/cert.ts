// Placeholder until the feature lands: keeps the command table complete.
import type { CliIo } from "./main.ts";

export const summary = "vérifie une chaîne de certificats de serveur";

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("mssante cert : commande pas encore disponible.\n");
  return 2;
}
