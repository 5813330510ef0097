import { describe, expect, it } from "vitest";
import { startAppProcess } from "../testing/app-process.js";

/** `npm start` on a fresh machine: no DATABASE_URL, no REDIS_URL, so embedded PostgreSQL and the in-process cache. */
describe("src/main.ts with the embedded defaults", () => {
  it("serves corrections on localhost, reports its degraded cache, and shuts down cleanly on SIGTERM", async () => {
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
    } finally {
      expect(await app.stop(), app.output()).toBe(0);
    }
  });
});
