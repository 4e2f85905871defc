// One batch of messages classified: each message's verdict (and, for a signed one, its signature)
// computed from its header block, its tag set, the verdict stored so that it is never computed
// twice from the same inputs. Used by new mail (index.ts) and by the folder scan (scan.ts).
import { type Verdict } from "../../../core/trust/verdict.ts";
import { mergeTags, TAGS, tagFor } from "../../../core/trust/marking.ts";
import { announcesSignature, messageState } from "../../../core/state/message-state.ts";
import { accountDomain, changeTags, rawHeads, type ListedMessage, type TagChange } from "../../platform/mail.ts";
import { getSettings } from "../../platform/settings.ts";
import { accountKind, verdictInputs, verdictOf } from "../../platform/message-verdict.ts";
import { checkSignature, signatureInputs } from "../../platform/signature-verify.ts";
import { loadWhitelist } from "../../storage/whitelist-store.ts";
import { getVerdicts, putVerdicts, verdictKey, type StoredVerdict } from "../../storage/verdict-store.ts";

// Messages read at once: each read is a server round trip; Thunderbird keeps up to 5 IMAP
// connections per account.
const CONCURRENCY = 5;
// Header blocks read and held at once (see below).
const HEADS_AT_ONCE = 50;

// What signed messages' verdicts depend on, computed once until it changes (not once per batch:
// it asks the certificate store).
let signatureInputsMemo: Promise<string> | undefined;
const currentSignatureInputs = () => (signatureInputsMemo ??= signatureInputs().catch((err: unknown) => {
  signatureInputsMemo = undefined;
  throw err;
}));

/** The anchors or the CRLs kept changed: signed messages' stored verdicts are stale. */
export function forgetSignatureInputs(): void {
  signatureInputsMemo = undefined;
}

/** Classifies messages not classified yet (or classified from other inputs); returns the counts. */
export async function classify(
  messages: ListedMessage[],
  force = false,
  diskOnly = false,
): Promise<{ classified: number; tagged: number; waiting: boolean; notOnDisk: ListedMessage[]; unread: ListedMessage[] }> {
  const settings = await getSettings();
  const whitelist = await loadWhitelist();
  if (!whitelist) return { classified: 0, tagged: 0, waiting: messages.length > 0, notOnDisk: [], unread: [] };
  const keys = messages.map(verdictKey);
  const stored = force ? {} : await getVerdicts(keys);
  const sigInputs = await currentSignatureInputs();
  const known: Record<string, StoredVerdict | undefined> = {};
  messages.forEach((m, i) => {
    const v = stored[keys[i]!];
    // A signed message's tag also depends on the anchors and CRLs (signatureInputs).
    const fresh = v && v.inputs === verdictInputs(settings, whitelist.generatedAt, m.folder?.accountId) && (v.signature === undefined || v.signature === sigInputs);
    if (fresh) known[keys[i]!] = v;
  });
  const fresh: Record<string, StoredVerdict> = {};
  let tagged = 0;
  // Tags are changed for the whole batch at once, after its verdicts (one call, not one per message).
  const changes: { change: TagChange; key: string; tagged: boolean }[] = [];
  const failed: ListedMessage[] = [];
  // One look-up per account and batch, not one per message.
  const domains = new Map<string, Promise<string | undefined>>();
  const domainOf = (accountId: string) => {
    let d = domains.get(accountId);
    if (!d) domains.set(accountId, (d = accountDomain(accountId)));
    return d;
  };
  const one = async (message: ListedMessage, key: string, head: Uint8Array) => {
    let verdict: Verdict | undefined;
    let signatureDanger = false;
    let signed = false;
    try {
      verdict = await verdictOf(message, settings, head, domainOf);
      // Signed messages only are read whole: the tag must follow the signature too (an altered
      // signed message is not left looking like any professional's message in the list).
      if (verdict && announcesSignature(new TextDecoder("latin1").decode(head.subarray(0, 64 * 1024)))) {
        signed = true;
        const state = messageState({ verdict, signature: await checkSignature(message.id) });
        signatureDanger = state.decisive?.part === "signature" && state.level === "danger";
      }
    } catch (err) {
      // A message that cannot be read (deleted meanwhile, server gone) is retried next time.
      console.warn(`[mssante] message ${message.id} non analysé :`, err);
      failed.push(message);
      return;
    }
    if (!verdict) return;
    const trustTag = tagFor(verdict, accountKind(settings, message.folder?.accountId), settings.markOrdinaryOutside);
    // Impersonation stays the strongest warning; a broken signature comes next.
    const tag = signatureDanger && trustTag !== TAGS.impersonation.key ? TAGS.signature.key : trustTag;
    const tags = mergeTags(message.tags, tag);
    if (tags.join() !== message.tags.join()) changes.push({ change: { messageId: message.id, current: message.tags, next: tags }, key, tagged: !!tag });
    fresh[key] = {
      trusted: verdict.trusted,
      category: verdict.category,
      codes: verdict.reasons.map((r) => r.code),
      whitelistDate: verdict.whitelistDate,
      tag,
      inputs: verdictInputs(settings, whitelist.generatedAt, message.folder?.accountId),
      ...(signed ? { signature: sigInputs } : {}),
    };
  };
  // A few messages at a time: reading each one is a server round trip, and Thunderbird keeps
  // several IMAP connections per account.
  const todo = messages.map((m, i) => [m, keys[i]!] as const).filter(([, key]) => !known[key]);
  // Header blocks only, 50 at a time (from disk when Thunderbird has them there), each chunk dropped
  // once its verdicts are computed: two chunks at most, 100 MiB held at worst (HEADER_BYTES each),
  // usually a few hundred KiB. A message that cannot be read (deleted meanwhile, server gone) is
  // retried next time. The next chunk is asked for while this chunk's verdicts are computed: reading
  // is Thunderbird's work (its main process), verdicts the add-on's (its own process), so each waits
  // less for the other. rawHeads never rejects (a message it cannot read is left undefined).
  const missing: ListedMessage[] = [];
  const readChunk = (c: number) => (c < todo.length ? rawHeads(todo.slice(c, c + HEADS_AT_ONCE).map(([m]) => m.id), diskOnly) : undefined);
  let next = readChunk(0);
  for (let c = 0; c < todo.length; c += HEADS_AT_ONCE) {
    const chunk = todo.slice(c, c + HEADS_AT_ONCE);
    const heads = (await next)!;
    next = readChunk(c + HEADS_AT_ONCE);
    for (let i = 0; i < chunk.length; i += CONCURRENCY) {
      await Promise.all(chunk.slice(i, i + CONCURRENCY).map(([m, key], j) => (heads[i + j] ? one(m, key, heads[i + j]!) : undefined)));
    }
    chunk.forEach(([m], i) => {
      if (!heads[i]) missing.push(m);
    });
  }
  // Then the tags of the whole batch in one call (one IMAP STORE per tag and folder). What a
  // keyword change costs Thunderbird beyond that is its listeners': gloda (global search) indexes
  // every retagged message again, and any messages.onUpdated listener has each message converted
  // (bench/scan-thunderbird.ts --profile; the add-on registers none).
  const applied = await changeTags(changes.map((c) => c.change));
  changes.forEach((c, i) => {
    if (applied[i]) tagged += c.tagged ? 1 : 0;
    // A message whose tag could not be changed keeps no verdict: the next pass tries it again.
    else delete fresh[c.key];
  });
  await putVerdicts(fresh);
  // Not on disk yet (the caller comes back for them) or, read from the server, unread this time.
  return diskOnly
    ? { classified: Object.keys(fresh).length, tagged, waiting: false, notOnDisk: missing, unread: failed }
    : { classified: Object.keys(fresh).length, tagged, waiting: false, notOnDisk: [], unread: [...missing, ...failed] };
}
