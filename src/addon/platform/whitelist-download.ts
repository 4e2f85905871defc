// Downloading the MSSanté white list: conditional requests to the official URL, then the ANS
// GitHub copy (checked against its checksum) as fallback. A failed or implausible download keeps
// the last good list and says why. Used by the refresh feature and by the account wizard (first
// run, no list yet).
//
// The official host has an IGC-Santé certificate, not trusted by Thunderbird until the user
// installs the IGC-Santé root (account feature): until then its download fails on TLS and the
// GitHub copy is used. TLS verification is never disabled.
import { checkUpdate, parseWhitelistXml, WhitelistError, type Whitelist } from "../../core/trust/whitelist.ts";
import { matchesChecksum } from "../../core/trust/checksum.ts";
import { getSettings } from "./settings.ts";
import { loadStatus, loadWhitelist, saveStatus, saveWhitelist, type WhitelistSource, type WhitelistStatus } from "../storage/whitelist-store.ts";

const listeners: (() => void | Promise<void>)[] = [];

/** Called after a new list was stored (e.g. to scan pending messages). */
export function onWhitelistUpdated(listener: () => void | Promise<void>): void {
  listeners.push(listener);
}

class RefreshError extends Error {
  constructor(
    readonly key: string,
    readonly params: string[],
  ) {
    super(key);
  }
}

async function download(url: string, headers: Record<string, string> = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: "no-store", credentials: "omit", redirect: "follow" });
  } catch (err) {
    // Network down, DNS, or a certificate Thunderbird does not trust (IGC-Santé before setup).
    throw new RefreshError("wlErrorNetwork", [new URL(url).host, err instanceof Error ? err.message : String(err)]);
  }
  if (response.status !== 304 && !response.ok) throw new RefreshError("wlErrorHttp", [new URL(url).host, String(response.status)]);
  return response;
}

function parseChecked(text: string, current: Whitelist | undefined): Whitelist {
  try {
    const next = parseWhitelistXml(text);
    checkUpdate(current, next);
    return next;
  } catch (err) {
    if (err instanceof WhitelistError) throw new RefreshError(`wlError_${err.code.replace(/-/g, "_")}`, [err.message]);
    throw err;
  }
}

let running: Promise<WhitelistStatus> | undefined;

/** Refreshes now (one refresh at a time) and returns the resulting status. */
export function refreshWhitelist(): Promise<WhitelistStatus> {
  running ??= doRefresh().finally(() => (running = undefined));
  return running;
}

async function doRefresh(): Promise<WhitelistStatus> {
  const settings = await getSettings();
  const current = await loadWhitelist();
  const status = await loadStatus();
  const now = new Date().toISOString();
  const errors: RefreshError[] = [];

  const store = async (list: Whitelist, source: WhitelistSource, validators: Partial<WhitelistStatus>) => {
    const unchanged = current?.generatedAt === list.generatedAt && current.entries.size === list.entries.size;
    const next: WhitelistStatus = {
      ...validators,
      source,
      fetchedAt: now,
      generatedAt: list.generatedAt,
      domains: list.entries.size,
      lastCheck: now,
      outcome: unchanged ? "unchanged" : "updated",
    };
    await saveWhitelist(list, next);
    if (!unchanged) for (const l of listeners) await l();
    return next;
  };

  // 1. The official URL, conditionally.
  try {
    const conditional: Record<string, string> = {};
    if (current && status.source === "official") {
      if (status.etag) conditional["If-None-Match"] = status.etag;
      if (status.lastModified) conditional["If-Modified-Since"] = status.lastModified;
    }
    const response = await download(settings.whitelistUrl, conditional);
    if (response.status === 304 && current) {
      const next: WhitelistStatus = { ...status, lastCheck: now, outcome: "unchanged", error: undefined, errors: undefined };
      await saveStatus(next);
      return next;
    }
    const list = parseChecked(await response.text(), current);
    return await store(list, "official", {
      etag: response.headers.get("etag") ?? undefined,
      lastModified: response.headers.get("last-modified") ?? undefined,
    });
  } catch (err) {
    if (!(err instanceof RefreshError)) throw err;
    errors.push(err);
  }

  // 2. The ANS GitHub copy, with its checksum.
  if (settings.whitelistMirrorUrl) {
    try {
      const [xml, sum] = await Promise.all([download(settings.whitelistMirrorUrl), download(settings.whitelistMirrorChecksumUrl)]);
      const bytes = new Uint8Array(await xml.arrayBuffer());
      if (!(await matchesChecksum(bytes, await sum.text()))) throw new RefreshError("wlErrorChecksum", [new URL(settings.whitelistMirrorUrl).host]);
      const list = parseChecked(new TextDecoder().decode(bytes), current);
      return await store(list, "mirror", {});
    } catch (err) {
      if (!(err instanceof RefreshError)) throw err;
      errors.push(err);
    }
  }

  const first = errors[0]!;
  const failed: WhitelistStatus = {
    ...status,
    lastCheck: now,
    outcome: "failed",
    error: { key: first.key, params: first.params },
    errors: errors.map((e) => ({ key: e.key, params: e.params })),
  };
  await saveStatus(failed);
  console.warn(`[mssante] liste blanche non mise à jour : ${errors.map((e) => `${e.key} ${e.params.join(" ")}`).join(" ; ")}`);
  return failed;
}

