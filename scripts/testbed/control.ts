// The bench's side of the probe: an HTTP server on 127.0.0.1 that hands commands to the add-on
// (long poll) and receives results and uncaught errors. Only requests carrying the run's random
// token are accepted.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface ControlServer {
  url: string;
  token: string;
  /** Resolves with the add-on's hello (versions) once the probe is up. */
  hello: Promise<Record<string, string>>;
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  /** Like call, even after an abort: to ask a still-running Thunderbird to quit. */
  send(method: string, params?: unknown): Promise<unknown>;
  /** Fails every pending and future call with `err` (Thunderbird died, a fatal log line…). */
  abort(err: Error): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {});
      } catch (e) {
        reject(e as Error);
      }
    });
    req.on("error", reject);
  });
}

export async function startControlServer(onAddonError: (text: string) => void): Promise<ControlServer> {
  const token = randomBytes(16).toString("hex");
  const queue: { id: number; method: string; params: unknown }[] = [];
  const pending = new Map<number, Pending>();
  const waiting: ServerResponse[] = [];
  let nextId = 1;
  let aborted: Error | undefined;
  let helloResolve!: (v: Record<string, string>) => void;
  let helloReject!: (e: Error) => void;
  const hello = new Promise<Record<string, string>>((res, rej) => {
    helloResolve = res;
    helloReject = rej;
  });
  hello.catch(() => {});

  const flush = () => {
    while (queue.length && waiting.length) {
      const res = waiting.shift()!;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(queue.shift()));
    }
  };

  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}` || req.method !== "POST") {
      res.writeHead(403).end();
      return;
    }
    readBody(req).then(
      (body) => {
        const b = body as Record<string, unknown>;
        switch (req.url) {
          case "/hello":
            helloResolve(b as Record<string, string>);
            res.writeHead(204).end();
            break;
          case "/next":
            waiting.push(res);
            // Answer empty polls after a while so that no request outlives its timeouts.
            setTimeout(() => {
              const i = waiting.indexOf(res);
              if (i >= 0) {
                waiting.splice(i, 1);
                res.writeHead(204).end();
              }
            }, 20000).unref();
            flush();
            break;
          case "/result": {
            const p = pending.get(Number(b.id));
            pending.delete(Number(b.id));
            if (p && typeof b.error === "string") p.reject(new Error(`le module a échoué sur « ${p.method} » : ${b.error}`));
            else p?.resolve(b.result);
            res.writeHead(204).end();
            break;
          }
          case "/error":
            onAddonError(String(b.error));
            res.writeHead(204).end();
            break;
          default:
            res.writeHead(404).end();
        }
      },
      () => res.writeHead(400).end(),
    );
  });
  const send = (method: string, params: unknown = {}): Promise<unknown> => {
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { method, resolve, reject });
      queue.push({ id, method, params });
      flush();
    });
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    hello,
    call<T>(method: string, params: unknown = {}): Promise<T> {
      if (aborted) return Promise.reject(aborted);
      return send(method, params) as Promise<T>;
    },
    send,
    abort(err: Error) {
      if (aborted) return;
      aborted = err;
      helloReject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    },
    close() {
      for (const res of waiting.splice(0)) res.writeHead(204).end();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
