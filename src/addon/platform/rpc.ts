// One runtime.onMessage listener for the add-on's pages; each feature registers its handlers.
// Commands, payloads and answers are those of contract.ts: a handler and the pages that call it
// cannot disagree without a type error.
import type { Answer, Command, Payload } from "./contract.ts";

export type Sender = messenger.runtime.MessageSender;
type Handler = (payload: unknown, sender: Sender) => Promise<unknown> | unknown;

const handlers = new Map<string, Handler>();
let listening = false;

export function handle<K extends Command>(type: K, handler: (payload: Payload<K>, sender: Sender) => Promise<Answer<K>> | Answer<K>): void {
  handlers.set(type, handler as Handler);
  if (listening) return;
  listening = true;
  messenger.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    const m = message as { type?: string; payload?: unknown } | undefined;
    const h = m?.type ? handlers.get(m.type) : undefined;
    if (!h) return false;
    // Errors travel back as values: a rejected promise loses its message across the boundary.
    return Promise.resolve()
      .then(() => h(m!.payload, sender))
      .then(
        (result) => ({ ok: true, result }),
        (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
}

/** For pages: calls a background handler (no payload argument for commands that take none). */
export function call<K extends Command>(type: K, ...payload: Payload<K> extends void ? [] : [Payload<K>]): Promise<Answer<K>> {
  return callWith(type, payload[0] as Payload<K>);
}

/** `call` with the payload always given, for a page's helper generic over several commands. */
export async function callWith<K extends Command>(type: K, payload: Payload<K>): Promise<Answer<K>> {
  const answer = (await messenger.runtime.sendMessage({ type, payload })) as { ok: boolean; result?: Answer<K>; error?: string } | undefined;
  if (!answer) throw new Error(messenger.i18n.getMessage("rpcNoAnswer", [type]));
  if (!answer.ok) throw new Error(answer.error);
  return answer.result as Answer<K>;
}
