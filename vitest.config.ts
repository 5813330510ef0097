import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Test files at once. Vitest's default (one less than the cores) gives a 2-core machine, such as CI's and the
 * shared development machine, one worker: the files then run one after another while most of them wait on
 * PostgreSQL, Redis, Grammalecte or a child process. Two at least; every file that uses a server already
 * keeps to its own scratch database, Redis key prefix or redis-server port, so files run beside each other.
 */
const WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: WORKERS,
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
      { extends: true, test: { name: "app", include: ["app/src/**/*.test.ts", "app/faults/**/*.test.ts", "app/bench/**/*.test.ts"] } },
    ],
  },
});
