/**
 * OpenTelemetry traces of incoming HTTP requests, PostgreSQL queries and Redis commands, exported over
 * OTLP/HTTP (JSON) to the collector. Loaded only when an endpoint is configured, from the preload
 * (instrument.ts), before the modules it patches.
 */
import { register } from "node:module";
import type { TelemetrySetting } from "../../config/index.js";

export interface Tracing {
  shutdown(): Promise<void>;
}

/** The collector's trace URL: OTLP/HTTP appends `v1/traces` to the base endpoint (OTEL_EXPORTER_OTLP_ENDPOINT's rule). */
export function otlpTracesUrl(endpoint: string): string {
  return new URL("v1/traces", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).toString();
}

export async function startTracing(traces: NonNullable<TelemetrySetting["traces"]>, version: string): Promise<Tracing> {
  // The app is ES modules: pg and ioredis are imported, not required, so they are patched through the
  // import-in-the-middle loader hook, which must be registered before they load.
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const [{ NodeSDK }, { OTLPTraceExporter }, { HttpInstrumentation }, { PgInstrumentation }, { IORedisInstrumentation }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-pg"),
    import("@opentelemetry/instrumentation-ioredis"),
    import("@opentelemetry/resources"),
  ]);
  const sdk = new NodeSDK({
    serviceName: traces.serviceName,
    resource: resourceFromAttributes({ "service.name": traces.serviceName, "service.version": version }),
    traceExporter: new OTLPTraceExporter({ url: otlpTracesUrl(traces.otlpEndpoint) }),
    instrumentations: [
      // Health checks and scrapes arrive every few seconds from each load balancer and Prometheus: noise.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? "") }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return sdk;
}
