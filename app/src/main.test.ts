import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort } from "../testing/network.js";
import { waitFor } from "../testing/wait.js";

const APP_DIR = fileURLToPath(new URL("..", import.meta.url));

/** `npm start` on a fresh machine: no DATABASE_URL, no REDIS_URL, so embedded PostgreSQL and the in-process cache. */
describe("src/main.ts with the embedded defaults", () => {
  it("serves corrections on localhost, reports its degraded cache, and shuts down cleanly on SIGTERM", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", GRAMMAR_WORKERS: "1", LOG_LEVEL: "warn" };
    delete env.DATABASE_URL;
    delete env.DATABASE_SHARDS;
    delete env.REDIS_URL;
    delete env.REDIS_CLUSTER_NODES;
    const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: APP_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(server, "exit");
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => {
        if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode} before it was ready:\n${output}`);
        return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
      }, "the app's readiness", 60_000);

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
      if (server.exitCode === null) server.kill("SIGTERM");
    }
    const [code] = (await exited) as [number | null];
    expect(code, output).toBe(0);
  });
});
