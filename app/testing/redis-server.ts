/** Private, throw-away redis-server processes for tests that must stop, restart or cluster Redis. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { waitFor } from "./wait.js";

/** True when a Redis on 127.0.0.1:`port` answers PING; false when it refuses or fails. */
export async function answersPing(port: number): Promise<boolean> {
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

/**
 * Starts redis-server on 127.0.0.1:`port` with no persistence (a restart comes back empty, like a
 * replaced node), plus `extraArgs`, and resolves once it answers PING.
 */
export async function startRedisServer(port: number, extraArgs: readonly string[] = []): Promise<ChildProcess> {
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extraArgs], {
    stdio: "ignore",
  });
  try {
    await waitFor(async () => {
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`redis-server on port ${port} exited before answering PING`);
      return answersPing(port);
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
