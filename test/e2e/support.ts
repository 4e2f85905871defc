// One bench per test file: started before the first test, stopped after the last, its logs kept
// under test-results/e2e/ when any test of the file failed.
import { afterAll, afterEach, beforeAll } from "vitest";
import { startTestbed, type MailUser, type Testbed } from "../../scripts/testbed/index.ts";
import { readInbox, type Delivered } from "../../scripts/testbed/imap.ts";

/**
 * The messages of `user`'s INBOX that `wanted` picks, read over IMAP from Dovecot, as soon as
 * `count` of them have arrived (delivery follows the send by a moment); what there is after 10 s.
 */
export async function deliveredTo(bed: Testbed, user: { address: string; password: string }, wanted: (m: Delivered) => boolean, count = 1): Promise<Delivered[]> {
  let found: Delivered[] = [];
  for (let i = 0; i < 50 && found.length < count; i++) {
    found = (await readInbox({ port: bed.dovecot.imapPort, user: user.address, password: user.password, caFile: bed.pki.caCert })).filter(wanted);
    if (found.length < count) await new Promise((r) => setTimeout(r, 200));
  }
  return found;
}

export function useTestbed(name: string, users: MailUser[], seed?: (bed: Testbed) => Promise<void>): () => Testbed {
  let bed: Testbed | undefined;
  let failed = false;
  beforeAll(async () => {
    bed = await startTestbed(name, users);
    try {
      await seed?.(bed);
    } catch (err) {
      failed = true;
      throw err;
    }
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail") failed = true;
  });
  // Vitest wants the (unused) fixture context destructured; the file's suite comes second.
  // eslint-disable-next-line no-empty-pattern
  afterAll(async ({}, suite?: { result?: { state?: string; errors?: unknown[] } }) => {
    // A failing beforeAll of the test file marks the file, not a test: keep the logs then too.
    if (suite?.result?.state === "fail" || suite?.result?.errors?.length) failed = true;
    await bed?.stop({ keep: failed });
  });
  return () => {
    if (!bed) throw new Error("le banc de test n'a pas démarré");
    return bed;
  };
}
