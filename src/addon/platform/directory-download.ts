// Downloading the national directory (Annuaire Santé extraction) and building its index: a
// conditional request, backing off on HTTP 429, the download bounded and its progress kept, the
// new index built beside the current one (in a worker) and swapped in only when complete and
// plausible; anything else keeps the previous data and says why. Here beside whitelist-download.ts:
// the refresh feature (features/directory-refresh.ts) and the autocomplete's first use both start it.
import { MAX_EXTRACTION_BYTES } from "../../core/directory/zip.ts";
import { render, type Text } from "../../core/i18n.ts";
import type { DirectoryManifest } from "../../core/directory/index.ts";
import { getSettings } from "./settings.ts";
import { translate } from "./mail.ts";
import { addonUrl } from "./runtime.ts";
import type { DirectoryProgress } from "./contract.ts";
import { loadDirectoryStatus, saveDirectoryStatus, swapIndex, type DirectoryStatus } from "../storage/directory-store.ts";

const updated: (() => void)[] = [];

/** Called after a new index was swapped in (e.g. to drop an index loaded in memory). */
export function onDirectoryUpdated(listener: () => void): void {
  updated.push(listener);
}

let progress: DirectoryProgress = { phase: "idle", received: 0, total: 0 };
export function directoryProgress(): DirectoryProgress {
  return progress;
}

class RefreshError extends Error {
  constructor(
    readonly key: string,
    readonly params: string[],
  ) {
    super(`${key} ${params.join(" ")}`);
  }
}

async function download(url: string, status: DirectoryStatus): Promise<{ bytes: Uint8Array; response: Response } | "unchanged"> {
  const headers: Record<string, string> = {};
  if (status.url === url && status.manifest) {
    if (status.etag) headers["If-None-Match"] = status.etag;
    if (status.lastModified) headers["If-Modified-Since"] = status.lastModified;
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: "no-store", credentials: "omit" });
  } catch (err) {
    throw new RefreshError("dirErrorNetwork", [new URL(url).host, err instanceof Error ? err.message : String(err)]);
  }
  if (response.status === 304) return "unchanged";
  if (response.status === 429) {
    const retry = Number(response.headers.get("retry-after"));
    throw new RefreshError("dirErrorTooMany", [String(Number.isFinite(retry) && retry > 0 ? retry : 3600)]);
  }
  if (!response.ok || !response.body) throw new RefreshError("dirErrorHttp", [new URL(url).host, String(response.status)]);
  // Read with progress: the extraction is ~90 MB.
  const total = Number(response.headers.get("content-length")) || 0;
  // The same bound as the import: a download that announces or grows past it is stopped, not
  // held in memory whole before the worker refuses it.
  if (total > MAX_EXTRACTION_BYTES) throw new RefreshError("dirErrorTooLarge", [String(Math.round(MAX_EXTRACTION_BYTES / 1048576))]);
  progress = { phase: "download", received: 0, total };
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress = { ...progress, received: progress.received + value.length };
    if (progress.received > MAX_EXTRACTION_BYTES) {
      await reader.cancel();
      throw new RefreshError("dirErrorTooLarge", [String(Math.round(MAX_EXTRACTION_BYTES / 1048576))]);
    }
  }
  if (total && progress.received !== total) throw new RefreshError("dirErrorTruncated", [String(progress.received), String(total)]);
  const bytes = new Uint8Array(progress.received);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.length;
  }
  return { bytes, response };
}

function buildInWorker(raw: Uint8Array, sourceName: string, previousEntries: number | undefined): Promise<{ data: ArrayBuffer; manifest: DirectoryManifest }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(addonUrl("directory-worker.js"), { type: "module" });
    worker.onmessage = (e: MessageEvent<{ ok: boolean; data?: ArrayBuffer; manifest?: DirectoryManifest; code?: string; text?: Text; message?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve({ data: e.data.data!, manifest: e.data.manifest! });
      else reject(new RefreshError("dirErrorRejected", [e.data.text ? render(e.data.text, translate) : (e.data.message ?? e.data.code ?? "")]));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new RefreshError("dirErrorRejected", [e.message]));
    };
    const buffer = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
    worker.postMessage({ raw: buffer, sourceName, importedAt: new Date().toISOString(), previousEntries }, [buffer]);
  });
}

let running: Promise<DirectoryStatus> | undefined;

export function refreshDirectory(force = false): Promise<DirectoryStatus> {
  running ??= doRefresh(force).finally(() => {
    running = undefined;
    progress = { phase: "idle", received: 0, total: 0 };
  });
  return running;
}

async function doRefresh(force: boolean): Promise<DirectoryStatus> {
  const { directoryUrl } = await getSettings();
  const status = await loadDirectoryStatus();
  const now = new Date().toISOString();
  if (!force && status.retryAfter && Date.parse(status.retryAfter) > Date.now()) return status;
  try {
    const got = await download(directoryUrl, status);
    if (got === "unchanged") {
      const next = { ...status, lastCheck: now, outcome: "unchanged" as const, error: undefined };
      await saveDirectoryStatus(next);
      return next;
    }
    progress = { ...progress, phase: "index" };
    const name = decodeURIComponent(new URL(got.response.url || directoryUrl).pathname.split("/").pop() || "Extraction_Correspondance_MSSante.txt");
    const built = await buildInWorker(got.bytes, name, status.manifest?.entries);
    const next: DirectoryStatus = {
      url: directoryUrl,
      etag: got.response.headers.get("etag") ?? undefined,
      lastModified: got.response.headers.get("last-modified") ?? undefined,
      lastCheck: now,
      lastSuccess: now,
      outcome: "updated",
      manifest: built.manifest,
    };
    await swapIndex(built.data, next);
    for (const l of updated) l();
    return next;
  } catch (err) {
    if (!(err instanceof RefreshError)) throw err;
    const retryAfter = err.key === "dirErrorTooMany" ? new Date(Date.now() + Number(err.params[0]) * 1000).toISOString() : undefined;
    const next: DirectoryStatus = { ...status, lastCheck: now, outcome: "failed", error: { key: err.key, params: err.params }, retryAfter };
    await saveDirectoryStatus(next);
    console.warn(`[mssante] annuaire non mis à jour : ${err.message}`);
    return next;
  }
}
