// Test-only: lets the bench (scripts/testbed/control.ts) drive the add-on inside Thunderbird.
// It long-polls the bench's control server on 127.0.0.1 for commands, runs them with the
// add-on's own APIs and posts the results back. Any uncaught error of the add-on is reported too,
// so a failure inside Thunderbird fails the test at once instead of letting it time out.
import { handlers } from "./handlers.ts";

interface TestbedConfig {
  controlUrl: string;
  token: string;
}
interface Command {
  id: number;
  method: string;
  params: unknown;
}

let config: TestbedConfig | undefined;

async function post(path: string, body: unknown): Promise<Response> {
  if (!config) throw new Error("probe not configured");
  return fetch(`${config.controlUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${config.token}` },
    body: JSON.stringify(body),
  });
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}\n${err.stack ?? ""}`;
  return String(err);
}

async function run(cmd: Command): Promise<void> {
  const handler = handlers[cmd.method];
  try {
    if (!handler) throw new Error(`unknown testbed command ${cmd.method}`);
    const result = await handler(cmd.params as never);
    await post("/result", { id: cmd.id, result: result ?? null });
  } catch (err) {
    await post("/result", { id: cmd.id, error: describe(err) });
  }
}

async function loop(): Promise<void> {
  for (;;) {
    let response: Response;
    try {
      response = await post("/next", {});
    } catch {
      // The bench is gone (test over): stop polling quietly.
      return;
    }
    if (response.status === 204) continue;
    if (!response.ok) return;
    const cmd = (await response.json()) as Command;
    // Commands run concurrently: a long wait must not block a quit.
    void run(cmd);
  }
}

export async function startProbe(): Promise<void> {
  self.addEventListener("unhandledrejection", (e) => void post("/error", { error: describe(e.reason) }).catch(() => {}));
  self.addEventListener("error", (e) => void post("/error", { error: describe(e.error ?? e.message) }).catch(() => {}));
  const response = await fetch(messenger.runtime.getURL("testbed.json"));
  config = (await response.json()) as TestbedConfig;
  const info = await messenger.runtime.getBrowserInfo();
  await post("/hello", { addon: messenger.runtime.getManifest().version, thunderbird: `${info.name} ${info.version}` });
  await loop();
}
