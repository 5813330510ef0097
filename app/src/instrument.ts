/**
 * Preloaded with `--import` (see package.json's start script and the Dockerfile) so that error reporting and
 * tracing start before Fastify, pg and ioredis load: OpenTelemetry patches modules as they are imported.
 * A bad configuration is left for main.ts to report with every other problem.
 */
import { ConfigError, loadAppConfig } from "./config/index.js";
import { startTelemetry } from "./infra/telemetry/start.js";

function telemetrySettings() {
  try {
    return loadAppConfig(process.env).telemetry;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

const telemetry = telemetrySettings();
if (telemetry) await startTelemetry(telemetry);
