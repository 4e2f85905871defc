// Background work (scans, downloads, menus, timers) runs with nobody waiting for its promise: a
// failure there would vanish. Each one is logged and kept here, by area, until the same work
// succeeds again; the options page lists what is kept, in the user's language.
import { errorMessage } from "../../core/i18n.ts";
import { translate } from "./mail.ts";

export const FAILURE_AREAS = ["scan", "whitelist", "directory", "signatures", "servers", "wizard", "display", "anchors", "send"] as const;
export type FailureArea = (typeof FAILURE_AREAS)[number];

export interface Failure {
  area: FailureArea;
  /** The error's own message (already localised where it comes from our code). */
  message: string;
  at: string;
}

const KEY = "failures";

export async function loadFailures(): Promise<Failure[]> {
  return failuresOf((await messenger.storage.local.get(KEY))[KEY]);
}

/** The failures of the value kept under KEY (an object by area), as a list. */
function failuresOf(value: unknown): Failure[] {
  return Object.values((value ?? {}) as Partial<Record<FailureArea, Failure>>).filter((f): f is Failure => Boolean(f));
}

/** Calls `listener` with the whole list each time a failure is kept or cleared. */
export function onFailuresChanged(listener: (failures: Failure[]) => void): void {
  messenger.storage.local.onChanged.addListener((changes) => {
    if (KEY in changes) listener(failuresOf(changes[KEY]!.newValue));
  });
}

async function save(change: (kept: Partial<Record<FailureArea, Failure>>) => void): Promise<void> {
  const kept = ((await messenger.storage.local.get(KEY))[KEY] ?? {}) as Partial<Record<FailureArea, Failure>>;
  change(kept);
  await messenger.storage.local.set({ [KEY]: kept });
}

export async function recordFailure(area: FailureArea, err: unknown): Promise<void> {
  console.error(`[mssante] échec (${area}) :`, err);
  // Errors of core code carry their _locales key: said in the user's language.
  const message = errorMessage(err, translate);
  try {
    await save((kept) => {
      kept[area] = { area, message, at: new Date().toISOString() };
    });
  } catch (storageErr) {
    // Storage itself failing: the log above is all that is left.
    console.error(`[mssante] échec non enregistré (${area}) :`, storageErr);
  }
}

export async function clearFailure(area: FailureArea): Promise<void> {
  const kept = ((await messenger.storage.local.get(KEY))[KEY] ?? {}) as Partial<Record<FailureArea, Failure>>;
  if (!kept[area]) return;
  await save((k) => {
    delete k[area];
  });
}

/**
 * Starts work nobody awaits. A failure is recorded (log + options page); a success clears the
 * area's previous failure, so what the user reads is the state of the last attempt.
 */
export function inBackground(area: FailureArea, work: () => unknown): void {
  Promise.resolve()
    .then(work)
    .then(
      () => clearFailure(area),
      (err: unknown) => recordFailure(area, err),
    )
    .catch((err: unknown) => console.error(`[mssante] échec (${area}) :`, err));
}
