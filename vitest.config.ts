import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that start servers each use their own port; running files in parallel is fine on 2 cores.
    pool: "forks",
  },
});
