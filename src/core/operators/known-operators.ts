// Server settings of MSSanté operators, as data. Only settings confirmed by a public source may
// be listed here, each with that source: a guessed host name would send the user's credentials to
// whoever owns it.
//
// The table is empty on purpose. No operator publishes its client settings in a form we could
// cite: the one host observed in public (Mailiz's `mail-psc.formation.mailiz.mssante.fr`, IMAP 143
// / SMTP 587 STARTTLS, domain.md §3) is the training environment, whose domains are refused, and
// the production host name is not confirmed. Operators are found through RFC 6186 records and
// auto-configuration instead, then checked by their certificate.
import type { Endpoint } from "./settings.ts";

export interface KnownOperator {
  /** White-listed domains this entry serves (exact names, lower-case). */
  domains: string[];
  /** Operator certificate DNs (normalised) this entry serves, when the domain list is open-ended. */
  operatorDns?: string[];
  imap: Omit<Endpoint, "username">;
  smtp: Omit<Endpoint, "username">;
  /** Where the settings were read (URL), and when. */
  source: string;
  checked: string;
}

export const KNOWN_OPERATORS: readonly KnownOperator[] = [];

export function knownOperator(domain: string, operatorDns: readonly string[], table: readonly KnownOperator[] = KNOWN_OPERATORS): KnownOperator | undefined {
  return (
    table.find((o) => o.domains.includes(domain)) ??
    table.find((o) => o.operatorDns?.some((dn) => operatorDns.includes(dn)))
  );
}
