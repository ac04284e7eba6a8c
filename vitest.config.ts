import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The fault and load tests (kill -9, outages, floods) mostly wait on timers: `npm run faults`
    // runs them (CI runs both), so `npm test` stays quick to run while developing.
    exclude: [...configDefaults.exclude, "tests/faults/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that start servers each use their own port; running files in parallel is fine on 2 cores.
    pool: "forks",
    // One temporary folder per run, removed at its end (tests/setup/temp-root.ts).
    globalSetup: ["tests/setup/temp-root.ts"],
    // Vitest leaves one core free by default; on a 2-core CI machine that means one worker.
    maxWorkers: 2,
  },
});
