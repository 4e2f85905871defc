// A small HTTPS server on 127.0.0.1 with the bench's certificate, serving files the test can swap
// (a white list, a directory extraction…), with ETag / If-None-Match like a real server, and a log
// of the requests it got.
import { createServer } from "node:https";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

export interface Served {
  body: string | Buffer;
  status?: number;
  contentType?: string;
}

export interface FileServer {
  url(path: string): string;
  set(path: string, content: Served | undefined): void;
  requests: { path: string; status: number; conditional: boolean }[];
  close(): Promise<void>;
}

export async function startFileServer(certFile: string, keyFile: string): Promise<FileServer> {
  const files = new Map<string, Served>();
  const requests: FileServer["requests"] = [];
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: "TLSv1.2" }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const file = files.get(path);
    const conditional = Boolean(req.headers["if-none-match"] || req.headers["if-modified-since"]);
    const reply = (status: number, headers: Record<string, string> = {}, body?: string | Buffer) => {
      requests.push({ path, status, conditional });
      res.writeHead(status, headers).end(body);
    };
    if (!file) return reply(404, { "content-type": "text/plain" }, "not found");
    if (file.status && file.status !== 200) return reply(file.status, { "content-type": "text/plain" }, file.body);
    const etag = `"${createHash("sha256").update(file.body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) return reply(304, { etag });
    reply(200, { "content-type": file.contentType ?? "application/octet-stream", etag }, file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `https://127.0.0.1:${port}${path}`,
    set: (path, content) => (content ? files.set(path, content) : files.delete(path)),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
