// The usual correspondents' counts (core/directory/frequency.ts) in storage.local: addresses,
// decayed scores and the date of the last send, nothing else; never sent anywhere. Updates are
// serialised: two messages sent at once must not lose a count to a read-modify-write race.
import { localGet, localRemove, localSet } from "../platform/storage.ts";
import { fromStored, recordSent, toStored, type Correspondents } from "../../core/directory/frequency.ts";

const KEY = "directoryCorrespondents";

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function loadCorrespondents(): Promise<Correspondents> {
  return fromStored((await localGet(KEY)));
}

export function recordSentRecipients(addresses: string[], now = Date.now()): Promise<void> {
  return serial(async () => {
    const next = recordSent(await loadCorrespondents(), addresses, now);
    await localSet({ [KEY]: toStored(next) });
  });
}

export function forgetCorrespondents(): Promise<void> {
  return serial(() => localRemove(KEY));
}
