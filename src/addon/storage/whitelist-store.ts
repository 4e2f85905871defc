// The last good white list and the outcome of the last refresh, in storage.local. The list is
// only ever replaced by a complete, validated newer one: the add-on never runs with an empty list.
import { localGet, localSet } from "../platform/storage.ts";
import { fromStored, toStored, type StoredWhitelist, type Whitelist } from "../../core/trust/whitelist.ts";

export type WhitelistSource = "official" | "mirror";

export interface WhitelistStatus {
  /** Where the list in use came from, and when it was fetched. */
  source?: WhitelistSource;
  fetchedAt?: string;
  generatedAt?: string;
  domains?: number;
  /** HTTP validators of the official URL, for conditional requests. */
  etag?: string;
  lastModified?: string;
  lastCheck?: string;
  outcome?: "updated" | "unchanged" | "failed";
  /** Message key and substitutions explaining the last failure (in _locales). */
  error?: { key: string; params: string[] };
  /** Every source's failure, in the order tried (official URL, then the GitHub copy). */
  errors?: { key: string; params: string[] }[];
}

let cached: Whitelist | undefined;

export async function loadWhitelist(): Promise<Whitelist | undefined> {
  if (cached) return cached;
  const stored = (await localGet("whitelist")) as StoredWhitelist | undefined;
  cached = stored ? fromStored(stored) : undefined;
  return cached;
}

export async function saveWhitelist(list: Whitelist, status: WhitelistStatus): Promise<void> {
  await localSet({ whitelist: toStored(list), whitelistStatus: status });
  cached = list;
}

export async function loadStatus(): Promise<WhitelistStatus> {
  return ((await localGet("whitelistStatus")) as WhitelistStatus | undefined) ?? {};
}

export async function saveStatus(status: WhitelistStatus): Promise<void> {
  await localSet({ whitelistStatus: status });
}
