// A certificate name as a secretary reads it: « Jean DUPONT — CABINET DR DUPONT » instead of
// `CN=JEAN DUPONT,GN=JEAN,SN=DUPONT,serialNumber=…,OU=…,O=CABINET DR DUPONT,C=FR`. For display
// only (the checks compare the DER names): the full DN stays one click away in the popup.
import { dnAttributes } from "../operators/operator.ts";

/** « CN — O » (or the first of them present), else the DN itself. */
export function readableDn(dn: string): string {
  const attrs = dnAttributes(dn);
  const first = (type: string) => attrs.find(([t]) => t === type)?.[1];
  const cn = first("CN");
  const o = first("O");
  const parts = [cn, o && o !== cn ? o : undefined].filter(Boolean);
  return parts.length ? parts.join(" — ") : dn;
}
