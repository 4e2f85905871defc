// A certificate name as a secretary reads it: « Jean DUPONT — CABINET DR DUPONT » instead of
// `CN=JEAN DUPONT,GN=JEAN,SN=DUPONT,serialNumber=…,OU=…,O=CABINET DR DUPONT,C=FR`. For display
// only (the checks compare the DER names): the full DN stays one click away in the popup.

/** The attributes of a DN string as dnToString writes it (`A=v,B=w`, `\,` inside a value). */
export function dnAttributes(dn: string): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  // Split before each `TYPE=` that follows an unescaped comma: linear in the DN's length.
  for (const part of dn.split(/(?<!\\),(?=\s*[A-Za-z][A-Za-z0-9.-]*=)/)) {
    const eq = part.indexOf("=");
    if (eq > 0) out.push({ type: part.slice(0, eq).trim().toUpperCase(), value: part.slice(eq + 1).trim().replace(/\\(.)/g, "$1") });
  }
  return out;
}

/** « CN — O » (or the first of them present), else the DN itself. */
export function readableDn(dn: string): string {
  const attrs = dnAttributes(dn);
  const first = (type: string) => attrs.find((a) => a.type === type)?.value;
  const cn = first("CN");
  const o = first("O");
  const parts = [cn, o && o !== cn ? o : undefined].filter(Boolean);
  return parts.length ? parts.join(" — ") : dn;
}
