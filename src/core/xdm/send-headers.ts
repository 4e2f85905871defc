// The headers an MSSanté client adds when it sends an XDM: X-MSS-CODECDA lists the documents'
// type codes (the CDA `code`, e.g. `34112-3,PRESC-BIO`), X-MSS-INS says whether a qualified INS
// travels with them, so that receiving systems can route and index without opening the ZIP.
import type { XdmResult } from "./xdm.ts";

export interface XdmSendHeaders {
  "X-MSS-CODECDA": string;
  "X-MSS-INS": "O" | "N";
}

/** Distinct typeCodes in document order; `O` only for a qualified INS of an XDM read whole. */
export function xdmSendHeaders(xdm: XdmResult): XdmSendHeaders {
  const codes: string[] = [];
  for (const d of xdm.documents) if (d.typeCode && !codes.includes(d.typeCode)) codes.push(d.typeCode);
  const qualified = xdm.status === "ok" && xdm.patient?.qualified === true;
  return { "X-MSS-CODECDA": codes.join(","), "X-MSS-INS": qualified ? "O" : "N" };
}
