// Before sending from an MSSanté identity: which recipients are outside the trust space.
import { parseAddressList } from "../mail/address.ts";
import { normaliseDomain } from "./domains.ts";
import { lookup, type Whitelist } from "./whitelist.ts";

export interface RecipientCheck {
  address: string;
  /** Why it is refused: outside the list, or not a readable address at all. */
  problem: "outside" | "unreadable";
}

/** Recipients (as the compose window gives them: "Name <addr>" strings) outside the trust space. */
export function recipientsOutside(recipients: string[], whitelist: Whitelist, overrides: Record<string, "trusted" | "untrusted"> = {}): RecipientCheck[] {
  const out: RecipientCheck[] = [];
  for (const r of recipients) {
    const parsed = parseAddressList(r);
    if (parsed.mailboxes.length === 0) {
      if (r.trim()) out.push({ address: r.trim(), problem: "unreadable" });
      continue;
    }
    for (const m of parsed.mailboxes) {
      const domain = normaliseDomain(m.domain);
      const inside = domain && (overrides[domain] === "trusted" || (lookup(whitelist, domain) && overrides[domain] !== "untrusted"));
      if (!inside) out.push({ address: m.address, problem: domain ? "outside" : "unreadable" });
    }
  }
  return out;
}
