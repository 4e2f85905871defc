// Steps 1 and 2: the address's domain must be in the white list (else: why not), then the server
// settings: known operators, RFC 6186 records, auto-configuration, else by hand.
import { checkMailbox, type MailboxRefusal } from "../../../core/operators/mailbox.ts";
import { discoverSettings, type Discovery, type DiscoveryEnv } from "../../../core/operators/discover.ts";
import type { SrvRecord } from "../../../core/operators/srv.ts";
import { accountsExperimentAvailable } from "../../platform/experiment-errors.ts";
import { resolveSrv } from "../../platform/servers-experiment.ts";
import { translate } from "../../platform/mail.ts";
import { refreshWhitelist } from "../../platform/whitelist-download.ts";
import { loadWhitelist } from "../../storage/whitelist-store.ts";
import { pscStatus } from "./psc.ts";
import { fail, isFailure, session, sessions } from "./session.ts";
import type { Result, Started } from "../../platform/contract.ts";

export interface DiscoveryOverrides {
  /** SRV answers by name, instead of the DNS (the bench has no DNS of its own). */
  srv?: Record<string, SrvRecord[]>;
  autoconfigUrls?: string[];
}

let testDiscovery: DiscoveryOverrides | undefined;

/** Test build only (the production build folds it to a refusal): the bench's DNS answers. */
export function setTestDiscovery(discovery: DiscoveryOverrides | undefined): void {
  if (!__MSSANTE_TEST_BUILD__) throw new Error("[mssante] test build only");
  testDiscovery = discovery;
}

const REFUSAL_KEYS: Record<MailboxRefusal, string> = {
  "invalid-address": "accountRefusedInvalid",
  training: "accountRefusedTraining",
  patient: "accountRefusedPatient",
  "not-listed-mssante": "accountRefusedNotListedMssante",
  "not-listed": "accountRefusedNotListed",
  "no-whitelist": "accountRefusedNoWhitelist",
};

export async function startSetup(address: string): Promise<Result<Started>> {
  let whitelist = await loadWhitelist();
  // First run, no list yet: fetch it now rather than refuse every address.
  if (!whitelist) {
    await refreshWhitelist();
    whitelist = await loadWhitelist();
  }
  const check = checkMailbox(address, whitelist);
  if (!check.ok) {
    const refused = { ...fail("refused", translate(REFUSAL_KEYS[check.refusal], [check.domain ?? check.address])), refusal: check.refusal };
    return check.suggestion ? { ...refused, suggestion: check.suggestion } : refused;
  }
  const id = crypto.randomUUID();
  const operatorDns = check.entry.operatorDns;
  sessions.set(id, { id, address: check.address, domain: check.domain, operators: check.operators, operatorDns, anchorsNeeded: [], cancelled: false, busy: false });
  return {
    ok: true,
    sessionId: id,
    address: check.address,
    domain: check.domain,
    description: check.entry.description,
    operators: check.operators,
    experiment: accountsExperimentAvailable(),
    psc: pscStatus(),
  };
}

async function httpGet(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { cache: "no-store", credentials: "omit", redirect: "error", signal: AbortSignal.timeout(10000) });
  return { status: response.status, text: response.status === 200 ? await response.text() : "" };
}

function discoveryEnv(): DiscoveryEnv {
  const overrides = __MSSANTE_TEST_BUILD__ ? testDiscovery : undefined;
  const srv = overrides?.srv;
  const urls = overrides?.autoconfigUrls;
  return {
    resolveSrv: srv ? async (name) => srv[name] ?? [] : accountsExperimentAvailable() ? resolveSrv : undefined,
    httpGet,
    autoconfigUrls: urls ? () => urls : undefined,
  };
}

export async function discover(sessionId: string): Promise<Result<Discovery>> {
  const s = session(sessionId);
  if (isFailure(s)) return s;
  const found = await discoverSettings(s.address, s.domain, s.operatorDns, discoveryEnv());
  s.settings = found.settings;
  return { ok: true, ...found };
}
