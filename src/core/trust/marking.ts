// Which tag a verdict earns. Tags are the only change the add-on makes to messages.
import type { AccountKind, Category, Verdict } from "./verdict.ts";

export const TAGS = {
  // Amber, not a second red: "outside" and "impersonation" must be told apart without colour vision too.
  outside: { key: "mssante_hors_espace", color: "#A85100", label: "tagOutside" },
  impersonation: { key: "mssante_usurpation", color: "#8B0000", label: "tagImpersonation" },
  patient: { key: "mssante_usager", color: "#0060DF", label: "tagPatient" },
  // A signed message whose signature is altered, bad, revoked or not the sender's (core/state).
  signature: { key: "mssante_signature_invalide", color: "#6A1B9A", label: "tagSignatureInvalid" },
} as const satisfies Partial<Record<Category | "signature", { key: string; color: string; label: string }>>;

export const ALL_TAG_KEYS: string[] = Object.values(TAGS).map((t) => t.key);

/**
 * The add-on's tag for a verdict, if any. Ordinary accounts' everyday outside mail is only marked
 * when the user asked for it (warning fatigue); impersonation is always marked.
 */
export function tagFor(verdict: Pick<Verdict, "category">, account: AccountKind, markOrdinaryOutside: boolean): string | undefined {
  switch (verdict.category) {
    case "impersonation":
      return TAGS.impersonation.key;
    case "patient":
      return TAGS.patient.key;
    case "outside":
      return account === "mssante" || markOrdinaryOutside ? TAGS.outside.key : undefined;
    default:
      return undefined;
  }
}

/** The message's new tag list: the user's own tags kept, ours replaced. */
export function mergeTags(current: string[], ours: string | undefined): string[] {
  const kept = current.filter((t) => !ALL_TAG_KEYS.includes(t));
  return ours ? [...kept, ours] : kept;
}
