import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteRedisKeys, REDIS_URL } from "../../../testing/api-harness.js";
import { startAppProcess } from "../../../testing/app-process.js";
import { startHttpSink, type HttpSink } from "../../../testing/http-sink.js";
import { createScratchDatabase, type ScratchDatabase } from "../../../testing/postgres.js";
import { otlpTracesUrl } from "./tracing.js";

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

const SPAN_KIND_SERVER = 2;

describe("otlpTracesUrl", () => {
  it("appends v1/traces to the base endpoint, with or without a path", () => {
    expect(otlpTracesUrl("http://collector:4318")).toBe("http://collector:4318/v1/traces");
    expect(otlpTracesUrl("https://otlp.example/otlp/")).toBe("https://otlp.example/otlp/v1/traces");
  });
});

/** The real main.ts, preloaded as `npm start` does, against PostgreSQL and Redis, exporting to a local collector stand-in. */
describe("traces through OpenTelemetry to an OTLP endpoint", () => {
  let collector: HttpSink;
  let scratch: ScratchDatabase;
  const keyPrefix = `ff-test:otel:${randomUUID()}:`;

  beforeAll(async () => {
    collector = await startHttpSink();
    scratch = await createScratchDatabase("otel");
  });
  afterAll(async () => {
    await collector?.close();
    await scratch?.drop();
    await deleteRedisKeys(keyPrefix);
  });

  it("exports the HTTP request's span and its PostgreSQL spans in one trace, and logs carry its trace id", async () => {
    const app = await startAppProcess({
      LOG_LEVEL: "info",
      DATABASE_URL: scratch.url,
      MIGRATE_ON_START: "true",
      REDIS_URL,
      CACHE_KEY_PREFIX: keyPrefix,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: "francaisfluide-test",
    });
    const { url } = app;
    try {
      const learner = await fetch(`${url}/api/v1/learners`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "Camille", level: "A2" }) });
      expect(learner.status, await learner.clone().text()).toBe(201);
    } finally {
      expect(await app.stop(), app.output()).toBe(0);
    }
    const output = app.output();

    const exports = collector.received.filter((request) => request.url === "/v1/traces");
    expect(exports.length, output).toBeGreaterThan(0);
    expect(exports[0]!.headers["content-type"]).toMatch(/^application\/json/);
    const batches = exports.map((request) => JSON.parse(request.body) as OtlpExport);
    const serviceNames = batches.flatMap((batch) => batch.resourceSpans.flatMap((rs) => rs.resource.attributes.filter((a) => a.key === "service.name").map((a) => a.value.stringValue)));
    expect(new Set(serviceNames)).toEqual(new Set(["francaisfluide-test"]));
    const spans = batches.flatMap((batch) => batch.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, scope: ss.scope.name })))));

    const post = spans.find((span) => span.kind === SPAN_KIND_SERVER && span.name.startsWith("POST"));
    expect(post, JSON.stringify(spans.map((s) => [s.scope, s.name]))).toBeDefined();
    const inTrace = spans.filter((span) => span.traceId === post!.traceId);
    expect(inTrace.some((span) => span.scope === "@opentelemetry/instrumentation-pg" && /INSERT|pg\.query/i.test(span.name))).toBe(true);
    // Health checks are left out: the load balancers call them every few seconds.
    expect(spans.some((span) => span.kind === SPAN_KIND_SERVER && /health/.test(span.name))).toBe(false);

    const requestLogs = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg?: string; trace_id?: string; req?: { url?: string } });
    expect(requestLogs.some((log) => log.trace_id === post!.traceId)).toBe(true);
  });
});
