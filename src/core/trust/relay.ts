// The extra signal of domain.md §1: the Received field written by the user's own operator names
// the relay it accepted the message from, and for genuine MSSanté traffic that relay is one of the
// operator servers listed (by certificate CN) for the From domain. A mismatch is worth a warning,
// not a verdict: relays and internal hops vary.
import { commonName, sharedOperatorHosts, type Whitelist } from "./whitelist.ts";

export interface ReceivedHop {
  from?: string;
  /** Host name in the parenthesised TCP-info (reverse DNS), when present. */
  fromRdns?: string;
  by?: string;
}

export function parseReceived(value: string): ReceivedHop {
  const hop: ReceivedHop = {};
  const from = FROM.exec(value);
  if (from) {
    hop.from = withoutFinalDot(from[1]!.toLowerCase());
    const rdns = from[2] ? RDNS.exec(from[2].trim()) : null;
    if (rdns) hop.fromRdns = rdns[1]!.toLowerCase();
  }
  const by = BY.exec(value);
  if (by) hop.by = withoutFinalDot(by[1]!.toLowerCase());
  return hop;
}

// Made once (no flags that keep state): a literal in the function is a new RegExp per call.
const FROM = /\bfrom\s+([^\s()]+)(?:\s*\(([^)]*)\))?/i;
const RDNS = /^([a-z0-9.-]+\.[a-z]{2,})\b/i;
const BY = /\bby\s+([^\s();]+)/i;
const withoutFinalDot = (s: string) => (s.endsWith(".") ? s.slice(0, -1) : s);

// Parents too broad to say two hosts belong to the same operator.
const BROAD = new Set(["fr", "com", "org", "net", "eu", "gouv.fr", "sante.fr", "mssante.fr", "com.fr", "asso.fr", "apicrypt.org"]);

function parentOf(host: string): string | undefined {
  // What follows the first label: host.split(".").slice(1).join("."), without the arrays.
  const dot = host.indexOf(".");
  const parent = dot < 0 ? "" : host.slice(dot + 1);
  return parent && !BROAD.has(parent) ? parent : undefined;
}

/** Same host, or a sibling under the operator's own (non-generic) parent domain. */
export function sameOperatorHost(host: string, operatorCn: string): boolean {
  if (host === operatorCn) return true;
  const parent = parentOf(operatorCn);
  return Boolean(parent && (host === parent || host.endsWith(`.${parent}`)));
}

export type RelayCheck =
  | { outcome: "match"; relay: string }
  | { outcome: "mismatch"; relay: string; expected: string[] }
  | { outcome: "not-applicable" };

/** An operator's CN with what sameOperatorHost derives from it, worked out once per CN list. */
interface OperatorHost {
  cn: string;
  parent: string | undefined;
  dotParent: string;
}

// By the CN array sharedOperatorHosts returns (a new array whenever an entry's DNs change).
const matchers = new WeakMap<readonly string[], OperatorHost[]>();

function operatorHostsOf(cns: readonly string[]): OperatorHost[] {
  let m = matchers.get(cns);
  if (!m) {
    m = cns.map((cn) => {
      const parent = parentOf(cn);
      return { cn, parent, dotParent: `.${parent}` };
    });
    matchers.set(cns, m);
  }
  return m;
}

/** Whether `host` (when there is one) is one of the CNs or a sibling under one's parent (sameOperatorHost). */
function onOperator(host: string | undefined, ops: readonly OperatorHost[]): boolean {
  if (!host) return false;
  for (const o of ops) if (host === o.cn || (o.parent && (host === o.parent || host.endsWith(o.dotParent)))) return true;
  return false;
}

export function checkRelay(receivedValues: string[], whitelist: Whitelist, fromDomain: string, accountDomain: string): RelayCheck {
  const oursCns = sharedOperatorHosts(whitelist, accountDomain);
  const theirsCns = sharedOperatorHosts(whitelist, fromDomain);
  if (oursCns.length === 0 || theirsCns.length === 0) return { outcome: "not-applicable" };
  // Both sides on the same operator: the message never crossed the trust space between operators.
  for (const o of oursCns) if (theirsCns.includes(o)) return { outcome: "not-applicable" };
  const ours = operatorHostsOf(oursCns);
  const theirs = operatorHostsOf(theirsCns);
  const hops = Math.min(receivedValues.length, 20);
  for (let i = 0; i < hops; i++) {
    // parseReceived's parts, each read only when the walk needs it (the same patterns).
    const value = receivedValues[i]!;
    const by = BY.exec(value);
    if (!onOperator(by ? withoutFinalDot(by[1]!.toLowerCase()) : undefined, ours)) continue;
    const fromMatch = FROM.exec(value);
    const from = fromMatch ? withoutFinalDot(fromMatch[1]!.toLowerCase()) : undefined;
    // Internal hops of our own operator: keep walking down.
    if (onOperator(from, ours)) continue;
    const rdnsMatch = fromMatch?.[2] ? RDNS.exec(fromMatch[2].trim()) : null;
    const fromRdns = rdnsMatch ? rdnsMatch[1]!.toLowerCase() : undefined;
    if (onOperator(fromRdns, ours)) continue;
    const relay = fromRdns ?? from ?? "";
    if (onOperator(from, theirs) || onOperator(fromRdns, theirs)) return { outcome: "match", relay };
    return { outcome: "mismatch", relay, expected: [...theirsCns] };
  }
  return { outcome: "not-applicable" };
}

export { commonName };
