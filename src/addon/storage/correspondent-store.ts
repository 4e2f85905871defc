// The usual correspondents' counts (core/directory/frequency.ts) in storage.local: addresses,
// decayed scores and the date of the last send, nothing else; never sent anywhere. Updates are
// serialised: two messages sent at once must not lose a count to a read-modify-write race.
import { fromStored, recordSent, toStored, type Correspondents } from "../../core/directory/frequency.ts";

const KEY = "directoryCorrespondents";

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function loadCorrespondents(): Promise<Correspondents> {
  return fromStored((await messenger.storage.local.get(KEY))[KEY]);
}

export function recordSentRecipients(addresses: string[], now = Date.now()): Promise<void> {
  return serial(async () => {
    const next = recordSent(await loadCorrespondents(), addresses, now);
    await messenger.storage.local.set({ [KEY]: toStored(next) });
  });
}

export function forgetCorrespondents(): Promise<void> {
  return serial(() => messenger.storage.local.remove(KEY));
}
