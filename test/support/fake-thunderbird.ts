// A fake Thunderbird for one feature's unit test: the strict `messenger` of fake-messenger.ts (any
// API the test did not fake throws, naming it) with what every feature's platform modules need
// (storage.local whose onChanged fires, runtime.onMessage for the pages' commands, i18n in French
// from _locales, alarms), plus the APIs the test gives. Each listener the feature registers is
// kept, so the test drives the feature through the same entry Thunderbird would call.
import { afterEach, beforeEach, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { translator } from "../../src/core/i18n.ts";
import { parseWhitelistXml, toStored } from "../../src/core/trust/whitelist.ts";
import { strictFake } from "./fake-messenger.ts";

const ROOT = join(import.meta.dirname, "../..");
const fr = translator("fr");

/** The test white list (test/fixtures/trust), as storage.local keeps it. */
export function storedTestWhitelist(): unknown {
  return toStored(parseWhitelistXml(readFileSync(join(ROOT, "test/fixtures/trust/liste-blanche-test.xml"), "utf8")));
}

type Listener = (...args: never[]) => unknown;

/** An event whose listeners are kept (`fire` calls them all and returns their answers). */
export function fakeEvent() {
  const listeners: Listener[] = [];
  return {
    listeners,
    addListener: (l: Listener) => void listeners.push(l),
    fire: (...args: unknown[]) => Promise.all(listeners.map((l) => (l as (...a: unknown[]) => unknown)(...args))),
  };
}

export interface FakeThunderbird {
  /** storage.local's content (what the feature stored). */
  local: Record<string, unknown>;
  session: Record<string, unknown>;
  /** Sends a page's command through runtime.onMessage, as rpc.ts `call` does; throws the handler's error. */
  call(type: string, payload?: unknown): Promise<unknown>;
  /** The alarms created, and a way to ring one. */
  alarms: Map<string, unknown>;
  ringAlarm(name: string): Promise<unknown>;
  onInstalled: ReturnType<typeof fakeEvent>;
  storageChanged: ReturnType<typeof fakeEvent>;
  messenger: Record<string, unknown>;
}

/**
 * Stubs the global `messenger` with the basics and `apis` (merged one level deep: `runtime: {…}`
 * adds to the basic runtime). Call before importing the feature (after vi.resetModules()).
 */
export function fakeThunderbird(apis: Record<string, unknown> = {}, initial: Record<string, unknown> = {}): FakeThunderbird {
  const local: Record<string, unknown> = structuredClone(initial);
  const session: Record<string, unknown> = {};
  const storageChanged = fakeEvent();
  const onMessage = fakeEvent();
  const onInstalled = fakeEvent();
  const onAlarm = fakeEvent();
  const alarms = new Map<string, unknown>();
  const area = (data: Record<string, unknown>, changed?: ReturnType<typeof fakeEvent>) => ({
    get: async (keys?: string | string[] | null) => {
      if (keys === undefined || keys === null) return structuredClone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items: Record<string, unknown>) => {
      const changes = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { oldValue: data[k], newValue: structuredClone(v) }]));
      Object.assign(data, structuredClone(items));
      await changed?.fire(changes, "local");
    },
    remove: async (keys: string | string[]) => {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
    ...(changed ? { onChanged: changed } : {}),
  });
  const basics: Record<string, Record<string, unknown> | undefined> = {
    storage: { local: area(local, storageChanged), session: area(session) },
    runtime: {
      onMessage,
      onInstalled,
      getURL: (p: string) => `moz-extension://test/${p}`,
      getManifest: () => ({ version: "9.9.9" }),
    },
    i18n: { getMessage: (key: string, subs?: string[]) => fr(key, subs), getUILanguage: () => "fr" },
    alarms: {
      onAlarm,
      get: async (name: string) => alarms.get(name),
      create: async (name: string, info: unknown) => void alarms.set(name, info),
    },
    // The Experiments, as Thunderbird gives them when it did not load them.
    mssanteAccounts: undefined,
    mssanteCertificates: undefined,
    mssanteServers: undefined,
    mssanteMessageHeads: undefined,
    mssanteMessageTags: undefined,
    mssanteMessageList: undefined,
  };
  for (const [name, api] of Object.entries(apis)) {
    basics[name] = api && typeof api === "object" && basics[name] ? { ...basics[name], ...(api as Record<string, unknown>) } : (api as Record<string, unknown> | undefined);
  }
  const messenger = strictFake(basics as Record<string, unknown>);
  vi.stubGlobal("messenger", messenger);
  vi.stubGlobal("__MSSANTE_TEST_BUILD__", false);
  return {
    local,
    session,
    alarms,
    onInstalled,
    storageChanged,
    messenger,
    async call(type, payload) {
      const answers = (await onMessage.fire({ type, payload }, {})) as ({ ok: boolean; result?: unknown; error?: string } | false)[];
      const answer = answers.find((a) => a !== false);
      if (!answer) throw new Error(`no handler for ${type}`);
      if (!answer.ok) throw new Error(answer.error);
      return answer.result;
    },
    async ringAlarm(name) {
      return onAlarm.fire({ name });
    },
  };
}

/** Lets the background work started with inBackground (promise chains, no timers) run to its end. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/**
 * For a describe block of feature tests: each test imports the feature afresh (its module state,
 * such as a running scan or a cached list, starts empty) and leaves no stubbed global behind; the
 * warnings the add-on logs on purpose (a refresh that failed, a message not read) stay quiet.
 */
export function freshAddonPerTest(): void {
  beforeEach(() => {
    vi.resetModules();
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
