// Placeholder until the feature lands: keeps the command table complete.
import type { CliIo } from "./main.ts";

export const summary = "verdict de confiance d'un message (.eml) face à la liste blanche";

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("mssante trust : commande pas encore disponible.\n");
  return 2;
}
