import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Tests of the generated Thunderbird WebExtension types (src/types/thunderbird.d.ts):
// 1. the committed file matches what scripts/gen-thunderbird-types.mjs generates
//    from the installed Thunderbird (skipped when Thunderbird is not installed);
// 2. the declarations accept real API usage and reject wrong usage.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const GENERATOR = path.join(ROOT, "scripts/gen-thunderbird-types.mjs");
const DECLARATIONS = path.join(ROOT, "src/types/thunderbird.d.ts");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const OMNI = process.env.THUNDERBIRD_OMNI ?? "/usr/lib/thunderbird/omni.ja";
const thunderbirdMissing = !existsSync(OMNI);

if (thunderbirdMissing) {
  console.warn(
    `thunderbird-types: the up-to-date check of src/types/thunderbird.d.ts is SKIPPED because Thunderbird is not installed (${OMNI} not found; set THUNDERBIRD_OMNI to use another omni.ja).`,
  );
}

describe("type freshness check compares the API surface", () => {
  const body = [
    "declare namespace messenger {",
    "  namespace compose {",
    "    function beginNew(): void;",
    "  }",
    "  namespace messages {",
    "    function getRaw(id: number): Promise<File>;",
    "    namespace tags {",
    "      function list(): Promise<string[]>;",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
  const header = (v: string) => `// GENERATED FILE - DO NOT EDIT.\n// Generated from Thunderbird ${v}\n\n`;

  it("a security update of the same ESR (only the header differs) is not a change", async () => {
    const gen = await import("../../scripts/gen-thunderbird-types.mjs");
    expect(gen.majorVersion("153.8.0esr")).toBe("153");
    expect(gen.majorVersion("153.7.0")).toBe("153");
    expect(gen.apiSurface(header("153.7.0") + body)).toBe(gen.apiSurface(header("153.8.0") + body));
  });

  it("a real change names the API that changed, appeared or disappeared", async () => {
    const gen = await import("../../scripts/gen-thunderbird-types.mjs");
    const changed = body
      .replace("getRaw(id: number)", "getRaw(id: number, options?: object)")
      .replace("  namespace compose {\n    function beginNew(): void;\n  }\n", "  namespace folders {\n    function get(): void;\n  }\n");
    const message = gen.describeSurfaceChange(header("153") + body, header("153") + changed);
    expect(message).toContain("new: folders");
    expect(message).toContain("removed: compose");
    expect(message).toContain("changed: messages");
    expect(message).not.toContain("messages.tags");
  });
});

describe("generated Thunderbird types", () => {
  it.skipIf(thunderbirdMissing)(
    "src/types/thunderbird.d.ts is up to date with the installed Thunderbird (gen-thunderbird-types --check)",
    () => {
      const result = spawnSync(process.execPath, [GENERATOR, "--check", "--omni", OMNI], {
        cwd: ROOT,
        encoding: "utf8",
      });
      if (result.status !== 0) console.error(result.stderr || result.error);
      expect(result.status, result.stderr).toBe(0);
    },
    60_000,
  );

  it(
    "type-checks real API usage and rejects calls the API does not have",
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "thunderbird-types-"));
      try {
        const files: Record<string, string> = {
          // Must compile without errors.
          "good.ts": GOOD_SAMPLE,
          // Each must fail with exactly the given error code.
          "bad-missing-function.ts": `messenger.accounts.create();\nexport {};\n`,
          "bad-missing-argument.ts": `void messenger.messages.list();\nexport {};\n`,
          "bad-listener-result.ts":
            `messenger.addressBooks.provider.onSearchRequest.addListener(async () => ({ results: "none" }), { id: "y" });\nexport {};\n`,
          "bad-unknown-value.ts":
            `export async function f(): Promise<string> {\n  const items = await messenger.storage.local.get("k");\n  return items.k.toUpperCase();\n}\n`,
          "bad-extra-parameters.ts":
            `messenger.addressBooks.provider.onSearchRequest.addListener(() => ({ results: [], isCompleteResult: true }), { isSecure: "yes" });\nexport {};\n`,
        };
        const expected: Record<string, string | null> = {
          "good.ts": null,
          "bad-missing-function.ts": "TS2339", // Property 'create' does not exist
          "bad-missing-argument.ts": "TS2554", // Expected 1-2 arguments, but got 0
          "bad-listener-result.ts": "TS2322", // results: string is not ContactProperties[]
          "bad-unknown-value.ts": "TS18046", // 'items.k' is of type 'unknown'
          "bad-extra-parameters.ts": "TS2322", // isSecure: string is not boolean
        };
        for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);

        // --ignoreConfig: TypeScript 6 refuses explicit files when a tsconfig.json is present.
        const result = spawnSync(
          process.execPath,
          [
            TSC,
            "--ignoreConfig",
            "--noEmit",
            "--pretty",
            "false",
            "--strict",
            "--target",
            "es2022",
            "--lib",
            "es2022,dom",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--types",
            "node",
            ...Object.keys(files).map((name) => path.join(dir, name)),
            DECLARATIONS,
          ],
          { cwd: ROOT, encoding: "utf8" },
        );
        const output = `${result.stdout}${result.stderr}`;
        const diagnostics = output
          .split("\n")
          .map((line) => /^(.*?)\(\d+,\d+\): error (TS\d+):/.exec(line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ file: path.basename(m[1] ?? ""), code: m[2] ?? "" }));

        expect(
          diagnostics.filter((d) => !(d.file in expected)),
          `errors outside the samples (in the declarations?):\n${output}`,
        ).toEqual([]);
        for (const [name, code] of Object.entries(expected)) {
          const codes = diagnostics.filter((d) => d.file === name).map((d) => d.code);
          expect(codes, `${name}:\n${output}`).toEqual(code === null ? [] : [code]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

const GOOD_SAMPLE = `
interface Settings {
  server: string;
  port: number;
}

export async function sample(folderId: messenger.folders.MailFolderId): Promise<void> {
  // Async functions return promises of the callback value.
  const pending: Promise<messenger.messages.MessageList> = messenger.messages.list(folderId);
  const list = await pending;
  const first: messenger.messages.MessageHeader | undefined = list.messages[0];
  const more: messenger.messages.MessageList = await messenger.messages.list(folderId, { sortType: "date" });
  if (list.id !== null) await messenger.messages.continueList(list.id);
  await messenger.messages.delete(more.messages.map((m) => m.id), { deletePermanently: false });
  if (first) await messenger.messages.update(first.id, { read: true });

  // Event with listener options (extraParameters) and a listener return value.
  messenger.addressBooks.provider.onSearchRequest.addListener(
    async (node, searchString, query) => {
      const book: messenger.addressBooks.AddressBookNode = node;
      const text: string | undefined = searchString ?? query;
      void book;
      void text;
      return { isCompleteResult: true, results: [] };
    },
    { addressBookName: "x", isSecure: true, id: "y" },
  );

  // messages.tags: an optional parameter before required ones may be omitted.
  const key1: string = await messenger.messages.tags.create("todo", "To do", "#000080");
  const key2: string = await messenger.messages.tags.create("To do", "#000080");
  const tags: messenger.messages.tags.MessageTag[] = await messenger.messages.tags.list();
  void [key1, key2, tags];

  // storage: StorageArea functions, a const property with extra constants.
  const items = await messenger.storage.local.get(["server", "port"]);
  const server: unknown = items["server"];
  const settings: Settings = { server: String(server), port: 143 };
  await messenger.storage.local.set(settings);
  await browser.storage.session.remove("token");
  const quota: 5242880 = messenger.storage.local.QUOTA_BYTES;
  messenger.storage.onChanged.addListener((changes, areaName) => {
    const change: messenger.storage.StorageChange | undefined = changes["server"];
    void [change, areaName];
  });
  void quota;

  // compose: listener may return nothing, a result, or a Promise of either.
  messenger.compose.onBeforeSend.addListener(async (tab, details) => {
    const tabId: number | undefined = tab.id;
    void tabId;
    if (!details.subject) return { cancel: true };
    return undefined;
  });
  messenger.compose.onBeforeSend.addListener((_tab, details) => ({ details: { subject: details.subject ?? "" } }));
  messenger.compose.onBeforeSend.addListener(() => {});
  const composeTab: messenger.tabs.Tab = await messenger.compose.beginNew({ to: ["a@example.org"] });
  await messenger.compose.beginNew(undefined, { subject: "x" });
  void composeTab;

  // Other namespaces and the browser alias.
  const accounts: messenger.accounts.MailAccount[] = await messenger.accounts.list();
  const tab: messenger.tabs.Tab = await browser.tabs.create({ url: "https://example.org" });
  const identity: messenger.identities.MailIdentity | null = await messenger.identities.getDefault(accounts[0]?.id ?? "");
  const text: string = messenger.i18n.getMessage("name", ["a"]);
  const url: string = messenger.runtime.getURL("/options.html");
  const error: string | undefined = messenger.runtime.lastError?.message;
  messenger.runtime.onMessage.addListener(async (message, sender) => ({ ok: true, message, from: sender.id }));
  messenger.alarms.create({ periodInMinutes: 1 });
  messenger.alarms.create("refresh", { delayInMinutes: 1 });
  messenger.alarms.onAlarm.addListener((alarm) => void alarm.name);
  messenger.messages.onNewMailReceived.addListener((folder, messages) => void [folder.id, messages.messages], true);
  const granted: boolean = await messenger.permissions.contains({ permissions: ["messagesRead"] });
  const scripts = await messenger.scripting.messageDisplay.getRegisteredScripts();
  const displayed: messenger.messages.MessageHeader[] = (await messenger.messageDisplay.getDisplayedMessages(tab.id ?? 0)).messages;
  const folder: messenger.folders.MailFolder = await messenger.folders.get(folderId);
  void [identity, text, url, error, granted, scripts, displayed, folder];
}
`;
