// Placeholder until the feature lands: keeps the command table complete.
import type { CliIo } from "./main.ts";

export const summary = "annuaire santé : import de l'extraction, recherche";

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("mssante directory : commande pas encore disponible.\n");
  return 2;
}
