// What every feature exports. Its own module so that a feature never imports the list of all
// features (features/index.ts), which imports it back.
export interface Feature {
  /** Stable name, used in logs. */
  name: string;
  /** Registers listeners; must not await before registering them. */
  start(): void;
}
