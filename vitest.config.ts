import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Some unit tests spawn the built CLI or openssl: on a loaded 2-core machine that takes seconds.
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 30000 },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          // Real Thunderbird runs: one file at a time, generous per-test limits, live progress.
          fileParallelism: false,
          testTimeout: 180000,
          hookTimeout: 120000,
          disableConsoleIntercept: true,
        },
      },
    ],
  },
});
