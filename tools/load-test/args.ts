import { parseCommandLine, UsageError } from "../cli/usage.js";

export const DEFAULT_DURATION_S = 30;
export const DEFAULT_CONNECTIONS = 10;
const MAX_DURATION_S = 3600;
const MAX_CONNECTIONS = 10_000;

export const USAGE = [
  "Usage: npm run load-test -- --phase <1|2|3|4> [--url http://host:port] [--fleet] [--duration seconds] [--connections n] [--json]",
  "  --phase        the phase whose stack file (Pulumi.phaseN.yaml) gives the rate, the response-time target and the error-rate threshold",
  "  --url          the service to load (default: start the app on a free loopback port, with DATABASE_URL and REDIS_URL when set)",
  "  --fleet        send the whole phase's peak rate (default: one instance's share of it)",
  `  --duration     seconds of load (default ${DEFAULT_DURATION_S}, at most ${MAX_DURATION_S})`,
  `  --connections  concurrent connections (default ${DEFAULT_CONNECTIONS}; autocannon uses no more than the rate per second)`,
  "  --json         the report as JSON on stdout (the progress line stays on stderr)",
  "Aliases: npm run load-test:phase2, load-test:phase3 (one instance), load-test:global (phase 4, the whole fleet: give --url).",
  "Exit codes: 0 the targets are met, 1 they are not (or the run failed), 2 bad usage.",
].join("\n");

export interface LoadTestArgs {
  phase: number;
  url?: string;
  fleet: boolean;
  durationSeconds: number;
  connections: number;
  json: boolean;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}.`);
  return value;
}

function serviceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be an http(s) URL such as http://127.0.0.1:8080, got ${JSON.stringify(raw)}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must use http or https, got ${JSON.stringify(raw)}.`);
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "") throw new UsageError(`--url is the service's base URL, without path or query (the mix adds /v2/check, /api/v1/…), got ${JSON.stringify(raw)}.`);
  return url.origin;
}

export function parseLoadTestArgs(argv: string[], phases: readonly number[]): LoadTestArgs | "help" {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      phase: { type: "string", short: "p" },
      url: { type: "string", short: "u" },
      fleet: { type: "boolean", default: false },
      duration: { type: "string", short: "d" },
      connections: { type: "string", short: "c" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return "help";
  if (values.phase === undefined) throw new UsageError(`Give --phase, one of ${phases.join(", ")}: its stack file says what load to send and what to expect.`);
  const phase = Number(values.phase);
  if (!phases.includes(phase) || !/^\d+$/.test(values.phase)) throw new UsageError(`--phase must be one of ${phases.join(", ")} (the stack files Pulumi.phaseN.yaml), got ${JSON.stringify(values.phase)}.`);
  return {
    phase,
    ...(values.url === undefined ? {} : { url: serviceUrl(values.url) }),
    fleet: values.fleet,
    durationSeconds: wholeNumber("duration", values.duration, DEFAULT_DURATION_S, MAX_DURATION_S),
    connections: wholeNumber("connections", values.connections, DEFAULT_CONNECTIONS, MAX_CONNECTIONS),
    json: values.json,
  };
}
