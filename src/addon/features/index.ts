// One feature per file; this list is the only place that knows them all.
export interface Feature {
  /** Stable name, used in logs. */
  name: string;
  /** Registers listeners; must not await before registering them. */
  start(): void;
}

const features: Feature[] = [];

export function startFeatures(): void {
  for (const feature of features) {
    try {
      feature.start();
    } catch (err) {
      // One broken feature must not take the others down with it.
      console.error(`[mssante] la fonctionnalité ${feature.name} n'a pas pu démarrer :`, err);
    }
  }
}
