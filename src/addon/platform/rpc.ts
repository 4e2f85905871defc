// One runtime.onMessage listener for the add-on's pages; each feature registers its handlers.
type Handler = (payload: unknown, sender: messenger.runtime.MessageSender) => Promise<unknown> | unknown;

const handlers = new Map<string, Handler>();
let listening = false;

export function handle(type: string, handler: Handler): void {
  handlers.set(type, handler);
  if (listening) return;
  listening = true;
  messenger.runtime.onMessage.addListener((message: unknown, sender: messenger.runtime.MessageSender) => {
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

/** For pages: calls a background handler. */
export async function call<T>(type: string, payload?: unknown): Promise<T> {
  const answer = (await messenger.runtime.sendMessage({ type, payload })) as { ok: boolean; result?: T; error?: string } | undefined;
  if (!answer) throw new Error(messenger.i18n.getMessage("rpcNoAnswer", [type]));
  if (!answer.ok) throw new Error(answer.error);
  return answer.result as T;
}
