/** Prometheus metrics: cache hits and misses, request latency by route, engine figures. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MAX_TEXT_LENGTH, formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { LayeredCache } from "../../infra/cache/layered-cache.js";
import { createMetrics } from "../../infra/metrics/metrics.js";
import { buildServer } from "../../server.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "metrics" });
});

afterAll(async () => {
  await stack?.close();
});

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf("}"));
    const present = labelText.split(",");
    if (wanted.every((pair) => present.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("/metrics", () => {
  it("exposes cache misses then hits per layer, request latency by route and engine figures", async () => {
    const text = `Les enfant ${randomUUID()} jouent.`;
    for (let i = 0; i < 2; i++) {
      const response = await stack.app.inject({
        method: "POST",
        url: "/v2/check",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({ text, language: "fr" }),
      });
      expect(response.statusCode).toBe(200);
    }
    const response = await stack.app.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    const exposition = response.body;
    expect(sample(exposition, "francaisfluide_cache_misses_total", { layer: "corrections" })).toBeGreaterThanOrEqual(1);
    expect(sample(exposition, "francaisfluide_cache_hits_total", { layer: "corrections", tier: "memory" })).toBeGreaterThanOrEqual(1);
    expect(
      sample(exposition, "francaisfluide_http_request_duration_seconds_count", { route: "/v2/check", status_code: "200", method: "POST" }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(exposition, "francaisfluide_engine_duration_seconds_count", { operation: "check", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(exposition).toMatch(/^francaisfluide_engine_queue_depth \d+$/m);
  });

  it("counts exactly one miss and one hit for one text sent twice", async () => {
    const metrics = createMetrics();
    const cache = new LayeredCache({ onEvent: metrics.recordCacheEvent });
    const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine: stack.engine, database: stack.database, cache, metrics });
    try {
      for (let i = 0; i < 2; i++) {
        await app.inject({
          method: "POST",
          url: "/api/v1/corrections",
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ text: "Il a manger." }),
        });
      }
      const exposition = (await app.inject({ method: "GET", url: "/metrics" })).body;
      expect(sample(exposition, "francaisfluide_cache_misses_total", { layer: "corrections" })).toBe(1);
      expect(sample(exposition, "francaisfluide_cache_hits_total", { layer: "corrections", tier: "memory" })).toBe(1);
    } finally {
      await app.close();
      await cache.close();
    }
  });
});
