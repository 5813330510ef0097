/** Private, throw-away redis-server processes for tests that must stop, restart, cluster or lock down Redis. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import type { ThrowawayCertificate } from "./tls-certificate.js";
import { waitFor } from "./wait.js";

/** How a locked-down server is reached: its AUTH password (`--requirepass`) and the certificate it serves TLS with. */
export interface RedisAccess {
  password?: string;
  tls?: ThrowawayCertificate;
}

/** True when a Redis on 127.0.0.1:`port` answers PING; false when it refuses or fails. */
export async function answersPing(port: number, access: RedisAccess = {}): Promise<boolean> {
  const probe = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    ...(access.password === undefined ? {} : { password: access.password }),
    ...(access.tls === undefined ? {} : { tls: { ca: access.tls.certificatePem } }),
  });
  probe.on("error", () => undefined);
  try {
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

function accessArgs(port: number, access: RedisAccess): string[] {
  const password = access.password === undefined ? [] : ["--requirepass", access.password, "--masterauth", access.password];
  const tls =
    access.tls === undefined
      ? ["--port", String(port)]
      : [
          "--port", "0", "--tls-port", String(port), "--tls-cluster", "yes", "--tls-replication", "yes", "--tls-auth-clients", "no",
          "--tls-cert-file", access.tls.certificateFile, "--tls-key-file", access.tls.keyFile, "--tls-ca-cert-file", access.tls.certificateFile,
        ];
  return [...tls, ...password];
}

/**
 * Starts redis-server on 127.0.0.1:`port` with no persistence (a restart comes back empty, like a
 * replaced node), plus `extraArgs`, and resolves once it answers PING. With `access.tls` the port speaks
 * TLS only, as ElastiCache with in-transit encryption does.
 */
export async function startRedisServer(port: number, extraArgs: readonly string[] = [], access: RedisAccess = {}): Promise<ChildProcess> {
  const server = spawn("redis-server", ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...accessArgs(port, access), ...extraArgs], {
    stdio: "ignore",
  });
  try {
    await waitFor(async () => {
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`redis-server on port ${port} exited before answering PING`);
      return answersPing(port, access);
    }, `redis-server on port ${port}`);
  } catch (error) {
    await stopRedisServer(server);
    throw error;
  }
  return server;
}

/** Kills the server outright (SIGKILL, like a crash) and resolves once it has exited; a no-op when it already has. */
export async function stopRedisServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGKILL");
  await exited;
}
