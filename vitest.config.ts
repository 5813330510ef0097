import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "infrastructure",
          include: ["stacks/**/*.test.ts", "components/**/*.test.ts", "tools/**/*.test.ts", "policies/**/*.test.ts"],
          // One module graph per worker: every file would otherwise load the Pulumi SDK and five providers again
          // (about 1.5 s each), and share nothing of the memoized synthesis. The program keeps no global state
          // between phases, which the offline synthesis already relies on.
          isolate: false,
        },
      },
      { extends: true, test: { name: "app", include: ["app/src/**/*.test.ts", "app/faults/**/*.test.ts"] } },
    ],
  },
});
