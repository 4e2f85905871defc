// The add-on's event page. Each feature registers its Thunderbird listeners synchronously here:
// in MV3 a listener added after the first `await` misses the event that woke the page up.
import { startFeatures } from "./features/index.ts";
import { handle } from "./platform/rpc.ts";
import { loadFailures } from "./platform/failures.ts";
import { forwardPageEvents } from "./platform/page-events.ts";

startFeatures();
// Live progress for the open pages (scan, folder report, failures).
forwardPageEvents();
// What background work failed, for the options page (platform/failures.ts).
handle("failures:list", () => loadFailures());
