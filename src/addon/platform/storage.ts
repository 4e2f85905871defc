// storage.local and storage.session for the stores (src/addon/storage) and the features: values
// come back as `unknown`, each store states the shape of its own keys.
export type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export async function localGet(key: string): Promise<unknown> {
  return (await messenger.storage.local.get(key))[key];
}

export function localGetMany(keys: string[]): Promise<Record<string, unknown>> {
  return messenger.storage.local.get(keys);
}

/** Every key of storage.local (the verdict cache is pruned by key prefix). */
export function localGetAll(): Promise<Record<string, unknown>> {
  return messenger.storage.local.get();
}

export function localSet(items: Record<string, unknown>): Promise<void> {
  return messenger.storage.local.set(items);
}

export function localRemove(keys: string | string[]): Promise<void> {
  return messenger.storage.local.remove(keys);
}

export function onLocalChanged(listener: (changes: StorageChanges) => void): void {
  messenger.storage.local.onChanged.addListener(listener);
}

/** storage.session: kept while Thunderbird runs, across event-page restarts. */
export async function sessionGet(key: string): Promise<unknown> {
  return (await messenger.storage.session.get(key))[key];
}

export function sessionSet(items: Record<string, unknown>): Promise<void> {
  return messenger.storage.session.set(items);
}
