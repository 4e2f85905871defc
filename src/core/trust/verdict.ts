// The trust verdict of one message: pure, from its raw header block, the white list and the kind
// of account it sits in. Ambiguity is never trusted: whatever a reader could take for an MSSanté
// sender must be one, unambiguously, or the message is not trusted.
import { headerValues, parseHeaderBlock, type HeaderBlock } from "../mail/headers.ts";
import { parseAddressList, type AddressAnomaly, type Mailbox } from "../mail/address.ts";
import { translator, type Translate } from "../i18n.ts";
import { displayDomain, normaliseDomain, scriptsOf } from "./domains.ts";
import { imitatedDomain, lookup, PATIENT_DOMAIN, type Whitelist } from "./whitelist.ts";
import { checkRelay } from "./relay.ts";
import { messageKey, REASONS, type ReasonCode, type Severity } from "./reasons.ts";

export type AccountKind = "mssante" | "other";
export type Category = "professional" | "patient" | "outside" | "impersonation";

export interface Reason {
  code: ReasonCode;
  severity: Severity;
  message: string;
  params: string[];
}

export interface Verdict {
  trusted: boolean;
  category: Category;
  /** The From mailbox the verdict is about (the first one when there were several). */
  sender: { address: string; displayName: string; domain: string } | null;
  reasons: Reason[];
  /** DateDeGeneration of the white list used. */
  whitelistDate: string;
}

export interface VerdictInput {
  /** Raw message or header block (bytes or text), or an already parsed block. */
  headers: string | Uint8Array | HeaderBlock;
  whitelist: Whitelist;
  account: AccountKind;
  /** Domain of the user's own MSSanté address (for the relay check). */
  accountDomain?: string;
  /** User decisions per domain. */
  overrides?: Record<string, "trusted" | "untrusted">;
  translate?: Translate;
}

// Addresses written where only a name should be: display names, comments, decoded encoded-words.
const ADDRESS_LIKE = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+\.[^\s<>"'(),;:[\]]{2,}/gu;
const DEFAULT_TRANSLATE = translator("fr");

const SYNTAX_ANOMALIES: AddressAnomaly[] = [
  "unquoted-specials-in-name",
  "text-after-address",
  "several-angle-addresses",
  "source-route",
  "domain-literal",
  "unbalanced",
  "empty-element",
  "group",
  "missing-domain",
  "control-characters",
  "encoded-word-undecodable",
];

function isParsed(h: VerdictInput["headers"]): h is HeaderBlock {
  return typeof h === "object" && "fields" in h;
}

export function computeVerdict(input: VerdictInput): Verdict {
  const t = input.translate ?? DEFAULT_TRANSLATE;
  const wl = input.whitelist;
  const block = isParsed(input.headers) ? input.headers : parseHeaderBlock(input.headers);
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, ...params: string[]) => {
    if (reasons.some((r) => r.code === code && r.params.join() === params.join())) return;
    reasons.push({ code, severity: REASONS[code], message: t(messageKey(code), params), params });
  };
  const done = (trusted: boolean, category: Category, sender: Verdict["sender"]): Verdict => {
    const order: Severity[] = ["danger", "warning", "info"];
    reasons.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    return { trusted, category, sender, reasons, whitelistDate: wl.generatedAt };
  };
  const listed = (domain: string | undefined) => Boolean(domain && lookup(wl, domain));

  let ambiguous = false;
  // What a reader may take as an MSSanté sender although the message does not prove it.
  let falseClaim = false;

  if (block.hadNul) {
    add("nul-bytes");
    ambiguous = true;
  }
  if (block.truncated) {
    add("header-too-large");
    ambiguous = true;
  }

  const fromFields = headerValues(block, "from");
  if (fromFields.length === 0) {
    add("no-from");
    return done(false, "outside", null);
  }
  if (fromFields.length > 1) {
    add("several-from-fields", String(fromFields.length));
    ambiguous = true;
  }
  const parsed = fromFields.map(parseAddressList);
  const mailboxes = parsed.flatMap((p) => p.mailboxes);
  const anomalies = new Set(parsed.flatMap((p) => p.anomalies));
  if (mailboxes.length === 0) {
    add("unreadable-from");
    return done(false, input.account === "other" ? "outside" : "outside", null);
  }
  if (fromFields.length === 1 && mailboxes.length > 1) {
    add("several-authors", mailboxes.map((m) => m.address).join(", "));
    ambiguous = true;
  }
  if (anomalies.has("encoded-word-in-address")) {
    add("encoded-address");
    ambiguous = true;
  }
  const syntax = SYNTAX_ANOMALIES.filter((a) => anomalies.has(a));
  if (syntax.length > 0) {
    add("malformed-from", syntax.join(", "));
    ambiguous = true;
  }

  const primary = mailboxes[0]!;
  const domain = normaliseDomain(primary.domain);
  const sender = { address: primary.address, displayName: primary.displayName, domain: domain ? displayDomain(domain) : primary.domain };
  if (!domain) {
    add("invalid-domain", primary.domain);
    ambiguous = true;
  } else if (/[^\x20-\x7e]/.test(primary.domain)) {
    const scripts = scriptsOf(primary.domain);
    if (scripts.length > 1) {
      add("mixed-script-domain", primary.domain, scripts.join(" + "));
      ambiguous = true;
    } else add("international-domain", primary.domain, domain);
  }

  // Other authors, when several: any listed one makes the message claim an MSSanté sender.
  for (const m of mailboxes.slice(1)) if (listed(normaliseDomain(m.domain))) falseClaim = true;

  // Addresses shown in names and comments that are not the real address.
  const realAddress = `${primary.localPart}@${domain ?? primary.domain}`.toLowerCase();
  for (const m of mailboxes) {
    const shown: [ReasonCode, string][] = [
      ...[...m.displayName.matchAll(ADDRESS_LIKE)].map((x): [ReasonCode, string] => ["display-name-address", x[0]]),
      ...m.comments.flatMap((c) => [...c.matchAll(ADDRESS_LIKE)].map((x): [ReasonCode, string] => ["comment-address", x[0]])),
    ];
    for (const [code, addr] of shown) {
      const at = addr.lastIndexOf("@");
      const shownDomain = normaliseDomain(addr.slice(at + 1));
      const normalised = `${addr.slice(0, at)}@${shownDomain ?? addr.slice(at + 1)}`.toLowerCase();
      if (normalised === realAddress) continue;
      add(code, addr, primary.address);
      ambiguous = true;
      if (listed(shownDomain ?? undefined) || /mssante/i.test(addr)) falseClaim = true;
    }
  }

  const override = domain ? input.overrides?.[domain] : undefined;
  let inList = listed(domain);
  const entry = domain ? lookup(wl, domain) : undefined;
  if (domain && !inList) {
    if (domain === "formation.mssante.fr" || domain.endsWith(".formation.mssante.fr")) {
      add("training-domain", domain);
    } else {
      const imitated = imitatedDomain(wl, domain);
      if (imitated) {
        add("lookalike-domain", displayDomain(domain), imitated);
        falseClaim = true;
      } else if (/mssante/i.test(displayDomain(domain))) {
        add("mssante-lookalike", displayDomain(domain));
        falseClaim = true;
      }
    }
  }
  if (override === "trusted" && !inList && !falseClaim) {
    add("user-override-trusted", domain!);
    inList = true;
  }
  if (override === "untrusted") add("user-override-untrusted", domain!);

  // Sender: the mailbox that actually sent the message, when it is not the author.
  let senderOutside = false;
  const senderFields = headerValues(block, "sender");
  if (senderFields.length > 1) {
    add("several-sender-fields", String(senderFields.length));
    ambiguous = true;
  } else if (senderFields.length === 1) {
    const s = parseAddressList(senderFields[0]!);
    const sm: Mailbox | undefined = s.mailboxes[0];
    if (s.mailboxes.length !== 1 || !sm || s.anomalies.includes("encoded-word-in-address")) {
      add("malformed-sender");
      ambiguous = true;
    } else {
      const sd = normaliseDomain(sm.domain);
      if (!listed(sd) && !(sd && input.overrides?.[sd] === "trusted")) {
        add("sender-outside", sm.address);
        senderOutside = true;
      } else if (sm.address.toLowerCase() !== primary.address.toLowerCase()) {
        add("sender-differs", sm.address);
      }
    }
  }

  // Reply-To outside the space: replies would leave it.
  if (inList) {
    for (const value of headerValues(block, "reply-to")) {
      for (const m of parseAddressList(value).mailboxes) {
        if (!listed(normaliseDomain(m.domain))) add("reply-to-outside", m.address);
      }
    }
  }

  if (input.account === "other") {
    if (listed(domain) || falseClaim) {
      if (listed(domain)) add("impersonation-other-account", sender.domain);
      return done(false, "impersonation", sender);
    }
    if (!ambiguous && override !== "untrusted") add("ordinary-mail");
    return done(false, "outside", sender);
  }

  // MSSanté account.
  if (falseClaim || (ambiguous && (listed(domain) || mailboxes.some((m) => listed(normaliseDomain(m.domain)))))) {
    return done(false, "impersonation", sender);
  }
  if (ambiguous || override === "untrusted") return done(false, "outside", sender);
  if (!inList) {
    add("outside-domain", sender.domain);
    return done(false, "outside", sender);
  }
  if (senderOutside) return done(false, "outside", sender);
  if (input.accountDomain && domain && entry) {
    const relay = checkRelay(headerValues(block, "received"), wl, domain, input.accountDomain);
    if (relay.outcome === "match") add("relay-match", relay.relay);
    else if (relay.outcome === "mismatch") add("relay-mismatch", relay.relay, relay.expected.join(", "));
  }
  if (domain === PATIENT_DOMAIN) {
    add("patient-sender");
    return done(true, "patient", sender);
  }
  if (entry) add("whitelisted-domain", sender.domain, entry.description);
  return done(true, "professional", sender);
}
