import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["stacks/**/*.test.ts", "components/**/*.test.ts", "tools/**/*.test.ts", "policies/**/*.test.ts", "app/src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
