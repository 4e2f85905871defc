// The bench's way of sending a composed message while the add-on's windows ask the user: the send
// runs, and `answer` is called every 100 ms to answer what came up (the recipient warning, the
// health-document window) until it says it is done. Shared by the trust and XDM handlers.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `tabId` now, answering with `answer` (true: done, stop asking; an error thrown there fails
 * the call), then closes the compose tab. What sendMessage gave, or its error's message.
 */
export async function sendAnswering(tabId: number, answer: () => Promise<boolean> | boolean): Promise<{ sent: unknown } | { error: string }> {
  let stop = false;
  const answering = (async () => {
    while (!stop) {
      if (await answer()) return;
      await sleep(100);
    }
  })();
  let result: { sent: unknown } | { error: string };
  try {
    result = { sent: await messenger.compose.sendMessage(tabId, { mode: "sendNow" }) };
  } catch (err) {
    result = { error: err instanceof Error ? err.message : String(err) };
  }
  stop = true;
  await answering;
  await messenger.tabs.remove(tabId).catch(() => {});
  return result;
}
