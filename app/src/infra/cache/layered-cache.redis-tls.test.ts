import { execFile, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache, type CacheEvent } from "./layered-cache.js";
import { freePort } from "../../../testing/network.js";
import { startRedisServer, stopRedisServer, type RedisAccess } from "../../../testing/redis-server.js";
import { createThrowawayCertificate } from "../../../testing/tls-certificate.js";
import { waitFor } from "../../../testing/wait.js";

const run = promisify(execFile);

/**
 * ElastiCache with in-transit encryption and AUTH, in miniature: redis-server serving TLS only, with a
 * self-signed certificate made by openssl for this run, and a password.
 */
describe("LayeredCache over TLS with an AUTH token", () => {
  const servers: ChildProcess[] = [];
  let workDir: string;
  let access: Required<RedisAccess>;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "ff-redis-tls-"));
    access = { password: `tls-${randomUUID()}`, tls: await createThrowawayCertificate(workDir) };
  });

  afterAll(async () => {
    for (const server of servers) await stopRedisServer(server);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function startServer(extraArgs: string[] = []): Promise<number> {
    const port = await freePort();
    servers.push(await startRedisServer(port, extraArgs, access));
    return port;
  }

  it("reaches a single Redis through rediss://, trusting only the given certificate authority", async () => {
    const port = await startServer();
    const target = { mode: "single" as const, url: `rediss://127.0.0.1:${port}`, authToken: access.password };
    const keyPrefix = `ff:tls:${randomUUID()}:`;
    const writer = new LayeredCache({ redis: target, keyPrefix, trustedCa: access.tls.certificatePem });
    const readerEvents: CacheEvent[] = [];
    const reader = new LayeredCache({ redis: target, keyPrefix, trustedCa: access.tls.certificatePem, onEvent: (_layer, event) => readerEvents.push(event) });
    try {
      await waitFor(() => writer.redisState() === "ready" && reader.redisState() === "ready", "both caches to connect over TLS");
      await writer.getOrCompute("exercises", "chiffré en transit", async () => ({ id: 7 }));
      expect(await reader.getOrCompute("exercises", "chiffré en transit", async () => ({ id: -1 }))).toEqual({ id: 7 });
      expect(readerEvents).toEqual(["redis-hit"]);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("refuses a server whose certificate does not chain to a trusted authority", async () => {
    const port = await startServer();
    const lines: string[] = [];
    const logger = pino({ level: "debug" }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    const cache = new LayeredCache({ redis: { mode: "single", url: `rediss://127.0.0.1:${port}`, authToken: access.password }, keyPrefix: "ff:tls:", logger });
    try {
      await waitFor(() => lines.some((line) => /self[- ]signed certificate/.test(line)), "the certificate check to fail");
      expect(cache.redisState()).toBe("down");
    } finally {
      await cache.close();
    }
  });

  it("joins a TLS Redis Cluster from its host:port list, as REDIS_CLUSTER_NODES with REDIS_TLS gives it", async () => {
    const ports: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      ports.push(await startServer(["--cluster-enabled", "yes", "--cluster-config-file", join(workDir, `nodes-${index}.conf`), "--dir", workDir]));
    }
    await run("redis-cli", [
      "--tls", "--cacert", access.tls.certificateFile, "-a", access.password, "--no-auth-warning",
      "--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes",
    ]);
    const target = { mode: "cluster" as const, nodes: ports.map((port) => `127.0.0.1:${port}`), tls: true, authToken: access.password };
    const keyPrefix = `ff:tls-cluster:${randomUUID()}:`;
    const writer = new LayeredCache({ redis: target, keyPrefix, trustedCa: access.tls.certificatePem });
    const readerEvents: CacheEvent[] = [];
    const reader = new LayeredCache({ redis: target, keyPrefix, trustedCa: access.tls.certificatePem, onEvent: (_layer, event) => readerEvents.push(event) });
    try {
      await waitFor(() => writer.redisState() === "ready" && reader.redisState() === "ready", "both caches to join the TLS cluster");
      const keyInputs = Array.from({ length: 12 }, (_, index) => `phrase chiffrée ${index}`);
      for (const keyInput of keyInputs) await writer.getOrCompute("corrections", keyInput, async () => ({ echo: keyInput }));
      for (const keyInput of keyInputs) expect(await reader.getOrCompute("corrections", keyInput, async () => ({ echo: "recalculé" }))).toEqual({ echo: keyInput });
      expect(readerEvents).toEqual(keyInputs.map(() => "redis-hit"));
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
