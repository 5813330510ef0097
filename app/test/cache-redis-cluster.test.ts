import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache, cacheKey, type CacheEvent } from "../src/cache/layered-cache.js";

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("could not read the probe server's port");
  return address.port;
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function answersPing(port: number): Promise<boolean> {
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  try {
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

describe("LayeredCache on a real three-node Redis Cluster", () => {
  const nodes: Array<{ port: number; process: ChildProcess }> = [];
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "ff-redis-cluster-"));
    for (let index = 0; index < 3; index += 1) {
      const port = await freePort();
      const node = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--cluster-enabled", "yes",
          "--cluster-config-file", join(workDir, `nodes-${port}.conf`), "--dir", workDir],
        { stdio: "ignore" },
      );
      nodes.push({ port, process: node });
    }
    for (const { port } of nodes) await waitFor(() => answersPing(port), `cluster node ${port}`);
    await run("redis-cli", ["--cluster", "create", ...nodes.map(({ port }) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
    const probe = new Redis({ port: nodes[0]!.port, host: "127.0.0.1" });
    try {
      await waitFor(async () => (await probe.cluster("INFO")).includes("cluster_state:ok"), "the cluster to cover all slots");
    } finally {
      probe.disconnect();
    }
  });

  afterAll(async () => {
    for (const { process: node } of nodes) {
      if (node.exitCode === null && node.signalCode === null) {
        const exited = once(node, "exit");
        node.kill("SIGKILL");
        await exited;
      }
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("writes through to the node owning the key and serves a second instance from the cluster", async () => {
    const keyPrefix = `ff:cluster:${randomUUID()}:`;
    const target = { mode: "cluster" as const, nodes: nodes.map(({ port }) => `redis://127.0.0.1:${port}`) };
    const writer = new LayeredCache({ redis: target, keyPrefix });
    const readerEvents: CacheEvent[] = [];
    const reader = new LayeredCache({ redis: target, keyPrefix, onEvent: (_layer, event) => readerEvents.push(event) });
    const direct = new Cluster(target.nodes);
    try {
      await waitFor(() => writer.redisState() === "ready" && reader.redisState() === "ready", "both caches to join the cluster");
      const keyInputs = Array.from({ length: 12 }, (_, index) => ({ text: `phrase ${index}` }));
      for (const keyInput of keyInputs) await writer.getOrCompute("corrections", keyInput, async () => ({ echo: keyInput.text }));
      for (const keyInput of keyInputs) {
        expect(JSON.parse((await direct.get(keyPrefix + cacheKey("corrections", keyInput))) ?? "null")).toEqual({ echo: keyInput.text });
        expect(await reader.getOrCompute("corrections", keyInput, async () => ({ echo: "recomputed" }))).toEqual({ echo: keyInput.text });
      }
      expect(readerEvents).toEqual(Array.from({ length: 12 }, () => "redis-hit"));
    } finally {
      await writer.close();
      await reader.close();
      direct.disconnect();
    }
  });
});
