import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "./network.js";
import { waitFor } from "./wait.js";

const APP_DIR = fileURLToPath(new URL("..", import.meta.url));

/** Settings the tests never inherit from the machine: each test says which database, cache and telemetry it uses. */
const INHERITED_SETTINGS_CLEARED = ["DATABASE_URL", "DATABASE_SHARDS", "REDIS_URL", "REDIS_CLUSTER_NODES", "SENTRY_DSN", "OTEL_EXPORTER_OTLP_ENDPOINT"];

export interface AppProcess {
  url: string;
  /** The metrics server (METRICS_PORT), apart from the API. */
  metricsUrl: string;
  pid: number;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/**
 * The real app as `npm start` and the image start it (`--import tsx --import ./src/instrument.ts src/main.ts`), on
 * free ports of localhost (the API's and the metrics server's), with one Grammalecte worker and the given settings; resolves once /health/ready answers 200.
 */
export async function startAppProcess(settings: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_SETTINGS_CLEARED) delete env[name];
  Object.assign(env, { PORT: String(port), METRICS_PORT: String(metricsPort), HOST: "127.0.0.1", GRAMMAR_WORKERS: "1", ...settings });
  const server = spawn(process.execPath, ["--import", "tsx", "--import", "./src/instrument.ts", "src/main.ts"], { cwd: APP_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(server, "exit");
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    return code;
  };
  try {
    await waitFor(async () => {
      if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode} before it was ready:\n${output}`);
      return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
    }, "the app's readiness", 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}`, pid: server.pid as number, output: () => output, stop };
}
