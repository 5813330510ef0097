import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite is a single Postgres backend: it runs one statement at a time and has one session. Its socket server
 * accepts one connection by default and answers a second with "Too many connections" (pg then reports
 * "Connection terminated unexpectedly"). Raising that limit only multiplexes every connection onto the same
 * session, so SET, advisory locks and prepared statements would leak between what look like separate
 * connections, with no gain in parallelism. The embedded pool therefore holds exactly one connection and
 * queues the rest in pg's pool, where the waiting is visible.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedPostgres {
  /** postgresql://postgres@127.0.0.1:<free port>/postgres */
  url: string;
  stop(): Promise<void>;
}

/** Starts PGlite (in memory, or persisted in `dataDir`) behind its socket server on a free loopback port. */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  const database = await PGlite.create(dataDir ? { dataDir } : undefined);
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port: 0, maxConnections: EMBEDDED_POOL_SIZE });
  try {
    await server.start();
  } catch (error) {
    await database.close();
    throw new Error(`Could not start the embedded PostgreSQL socket server on 127.0.0.1: ${(error as Error).message}`, { cause: error });
  }
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await database.close();
    },
  };
}
