// A fake `messenger` for Node unit tests of add-on features: only the APIs a test gives exist; any
// other property read throws, naming it, so that a feature's use of an un-faked API fails the test
// instead of passing by accident.
export function strictFake<T extends object>(apis: T, path = "messenger"): T {
  return new Proxy(apis, {
    get(target, name) {
      if (typeof name === "symbol" || name === "then") return (target as Record<PropertyKey, unknown>)[name];
      if (!(name in target)) throw new Error(`${path}.${String(name)} is not faked`);
      const value = (target as Record<string, unknown>)[name];
      return value && typeof value === "object" && !Array.isArray(value) ? strictFake(value as object, `${path}.${name}`) : value;
    },
  });
}

/** storage.local over a plain object (values cloned, as the real storage does). */
export function fakeStorage(data: Record<string, unknown> = {}) {
  return {
    data,
    local: {
      get: async (keys?: string | string[] | null) => {
        if (keys === undefined || keys === null) return structuredClone(data);
        const list = Array.isArray(keys) ? keys : [keys];
        return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
      },
      set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
      remove: async (keys: string | string[]) => {
        for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
      },
      onChanged: { addListener: () => {} },
    },
  };
}
