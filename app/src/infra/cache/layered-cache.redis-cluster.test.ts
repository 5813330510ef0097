import { execFile, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache, cacheKey, type CacheEvent } from "./layered-cache.js";
import { freePort } from "../../../testing/network.js";
import { startRedisServer, stopRedisServer } from "../../../testing/redis-server.js";
import { waitFor } from "../../../testing/wait.js";

const run = promisify(execFile);

describe("LayeredCache on a real three-node Redis Cluster", () => {
  const nodes: Array<{ port: number; process: ChildProcess }> = [];
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "ff-redis-cluster-"));
    for (let index = 0; index < 3; index += 1) {
      const port = await freePort();
      const node = await startRedisServer(port, [
        "--cluster-enabled", "yes", "--cluster-config-file", join(workDir, `nodes-${port}.conf`), "--dir", workDir,
      ]);
      nodes.push({ port, process: node });
    }
    await run("redis-cli", ["--cluster", "create", ...nodes.map(({ port }) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
    const probe = new Redis({ port: nodes[0]!.port, host: "127.0.0.1" });
    try {
      await waitFor(async () => (await probe.cluster("INFO")).includes("cluster_state:ok"), "the cluster to cover all slots");
    } finally {
      probe.disconnect();
    }
  });

  afterAll(async () => {
    for (const { process: node } of nodes) await stopRedisServer(node);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("writes through to the node owning the key and serves a second instance from the cluster", async () => {
    const keyPrefix = `ff:cluster:${randomUUID()}:`;
    const target = { mode: "cluster" as const, nodes: nodes.map(({ port }) => `redis://127.0.0.1:${port}`), tls: false };
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
