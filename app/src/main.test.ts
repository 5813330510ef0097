import { describe, expect, it } from "vitest";
import { startAppProcess } from "../testing/app-process.js";

/** `npm start` on a fresh machine: no DATABASE_URL, no REDIS_URL, so embedded PostgreSQL and the in-process cache. */
describe("src/main.ts with the embedded defaults", () => {
  it("serves corrections on localhost, reports its degraded cache, serves /metrics on METRICS_PORT only, and shuts down cleanly on SIGTERM", async () => {
    const app = await startAppProcess({ LOG_LEVEL: "warn" });
    const { url } = app;
    try {
      const readiness = (await (await fetch(`${url}/health/ready`)).json()) as { dependencies: Record<string, { status: string }> };
      expect(readiness.dependencies.database?.status).toBe("ready");
      expect(readiness.dependencies.grammar?.status).toBe("ready");
      expect(readiness.dependencies.cache?.status).toBe("degraded");

      const text = "Ils mange des pommes.";
      const response = await fetch(`${url}/v2/check`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ text, language: "fr" }).toString(),
      });
      expect(response.status).toBe(200);
      const result = (await response.json()) as { matches: { offset: number; length: number }[] };
      expect(result.matches.map((m) => text.slice(m.offset, m.offset + m.length))).toContain("mange");

      const learner = await fetch(`${url}/api/v1/learners`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName: "Camille", level: "A2" }),
      });
      expect(learner.status, await learner.clone().text()).toBe(201);

      // /metrics on its own port (METRICS_PORT), not on the API's, which the load balancer forwards.
      const metrics = await fetch(`${app.metricsUrl}/metrics`);
      expect(metrics.status).toBe(200);
      const exposition = await metrics.text();
      expect(exposition).toMatch(/^francaisfluide_http_request_duration_seconds_count\{method="POST",route="\/v2\/check",status_code="200"\} 1$/m);
      expect(exposition).toMatch(/^francaisfluide_redis_state\{state="disabled"\} 1$/m);
      expect(exposition).toMatch(/^francaisfluide_process_resident_memory_bytes \d+/m);
      const onApi = await fetch(`${url}/metrics`);
      expect(onApi.status).toBe(404);
      expect(await onApi.json()).toMatchObject({ error: "route_not_found" });
    } finally {
      expect(await app.stop(), app.output()).toBe(0);
    }
  });
});
