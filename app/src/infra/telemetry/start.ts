/**
 * Starts error reporting and tracing from the settings, once, before the app's modules load (see
 * instrument.ts); main.ts flushes them on shutdown. With nothing configured nothing is imported: the
 * SDKs are loaded on demand so that a plain `npm start` pays nothing for them.
 */
import type { TelemetrySetting } from "../../config/index.js";
import { APP_VERSION } from "../../version.js";

interface Started {
  flush(timeoutMs: number): Promise<void>;
}

let started: Started[] = [];

export async function startTelemetry(telemetry: TelemetrySetting): Promise<void> {
  if (telemetry.traces) {
    const { startTracing } = await import("./tracing.js");
    const tracing = await startTracing(telemetry.traces, APP_VERSION);
    started.push({ flush: () => tracing.shutdown() });
  }
  if (telemetry.sentry) {
    const [Sentry, { isServerFault, sentryOptions }] = await Promise.all([import("@sentry/node"), import("./error-reporting.js")]);
    Sentry.init(
      sentryOptions(telemetry.sentry, APP_VERSION, (defaults) => [
        ...defaults.filter((integration) => integration.name !== "Fastify"),
        Sentry.fastifyIntegration({ shouldHandleError: (error, request) => isServerFault(error, request as never) }),
      ]),
    );
    started.push({ flush: async (timeoutMs) => void (await Sentry.close(timeoutMs)) });
  }
}

/** Sends what is buffered (errors, spans) and stops; bounded by `timeoutMs` so that shutdown stays prompt. */
export async function flushTelemetry(timeoutMs: number): Promise<void> {
  const flushing = started;
  started = [];
  await Promise.race([Promise.allSettled(flushing.map((each) => each.flush(timeoutMs))), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
