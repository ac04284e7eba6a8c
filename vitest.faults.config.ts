import { defineConfig } from "vitest/config";

// `npm run faults`: the fault and load tests behind docs/reliability.md (see vitest.config.ts).
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One temporary folder per run, removed at its end (tests/setup/temp-root.ts).
    globalSetup: ["tests/setup/temp-root.ts"],
  },
});
