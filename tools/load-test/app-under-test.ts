/**
 * The app the load test starts when it is given no --url: the real process, as `npm start` runs it, on a free
 * loopback port, with the engine's default worker count, and the machine's PostgreSQL and Redis when DATABASE_URL
 * and REDIS_URL are set (otherwise the embedded defaults: PGlite in memory and the in-process cache).
 */
import { availableParallelism } from "node:os";
import { startAppProcess, type AppProcess } from "../../app/testing/app-process.js";

export interface AppUnderTest {
  url: string;
  /** For the report: what is being tested. */
  description: string;
  stop(): Promise<void>;
}

/** The settings the started app gets from the load test's own environment. */
export function appSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const settings: Record<string, string> = { LOG_LEVEL: "warn", GRAMMAR_WORKERS: env.GRAMMAR_WORKERS ?? String(availableParallelism()) };
  if (env.DATABASE_URL) Object.assign(settings, { DATABASE_URL: env.DATABASE_URL, MIGRATE_ON_START: env.MIGRATE_ON_START ?? "true" });
  if (env.REDIS_URL) settings.REDIS_URL = env.REDIS_URL;
  return settings;
}

export function describeSettings(settings: Record<string, string>): string {
  const database = settings.DATABASE_URL ? `PostgreSQL at ${new URL(settings.DATABASE_URL).host}` : "embedded PostgreSQL (PGlite)";
  const cache = settings.REDIS_URL ? `Redis at ${new URL(settings.REDIS_URL).host}` : "the in-process cache only";
  return `${settings.GRAMMAR_WORKERS} Grammalecte workers, ${database}, ${cache}`;
}

export async function startAppUnderTest(env: NodeJS.ProcessEnv): Promise<AppUnderTest> {
  const settings = appSettings(env);
  let app: AppProcess;
  try {
    app = await startAppProcess(settings);
  } catch (error) {
    throw new Error(`Could not start the app to load-test (${describeSettings(settings)}): ${(error as Error).message}`, { cause: error });
  }
  return {
    url: app.url,
    description: `the app started by the load test at ${app.url} (${describeSettings(settings)})`,
    async stop() {
      const code = await app.stop();
      if (code !== 0) process.stderr.write(`The app under test exited with code ${code}:\n${app.output()}\n`);
    },
  };
}
