// The operator behind a white-listed domain, read from the DN of its server certificate
// (`CN=<server FQDN>,OU=<structure id>,O=<organisation>,ST=<Département (NN)>,C=FR`).
import { normaliseDn } from "../trust/whitelist.ts";

export interface Operator {
  /** The DN as the white list normalises it: what the server certificate must carry. */
  dn: string;
  /** CN: host name of the operator's server certificate, lower-case. */
  host?: string;
  organisation?: string;
  /** OU: the structure's identifier (FINESS, SIRET…). */
  structureId?: string;
  department?: string;
  country?: string;
}

function unescape(value: string): string {
  return value.replace(/\\([\\,+"<>;= #])/g, "$1").replace(/\\([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Attribute values of a DN in order, keyed by upper-case attribute type. */
export function dnAttributes(dn: string): [type: string, value: string][] {
  return normaliseDn(dn)
    .split(/(?<!\\),/)
    .map((rdn) => {
      const eq = rdn.indexOf("=");
      return [rdn.slice(0, eq).toUpperCase(), unescape(rdn.slice(eq + 1))] as [string, string];
    })
    .filter(([type]) => type.length > 0);
}

export function operatorFromDn(dn: string): Operator {
  const attrs = dnAttributes(dn);
  const first = (type: string) => attrs.find(([t]) => t === type)?.[1];
  return {
    dn: normaliseDn(dn),
    host: first("CN")?.toLowerCase(),
    organisation: first("O"),
    structureId: first("OU"),
    department: first("ST"),
    country: first("C"),
  };
}
