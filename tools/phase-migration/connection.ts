import pg from "pg";
import { describeEndpoint, type DatabaseEndpoint } from "./plan.js";

export type Side = "source" | "target";

/** A connection to one database of the migration, with the endpoint it serves. */
export interface Connected {
  endpoint: DatabaseEndpoint;
  side: Side;
  client: pg.Client;
}

/**
 * One connection per database. Row texts feed the checksums, so both sides print timestamps the same way
 * (UTC, ISO) whatever the servers' defaults.
 */
export async function connect(endpoint: DatabaseEndpoint, side: Side): Promise<Connected> {
  const client = new pg.Client({
    connectionString: endpoint.url,
    application_name: "francaisfluide-phase-migration",
    options: "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601",
    connectionTimeoutMillis: 10_000,
  });
  // A server that goes away between queries emits here; the next query reports it with the database named.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `Cannot reach the ${side} database ${describeEndpoint(endpoint)}: ${(error as Error).message || (error as Error).name}. ` +
        "Check that it is running and reachable from here and that its URL (and its password variable) are right.",
      { cause: error },
    );
  }
  return { endpoint, side, client };
}

export async function connectAll(endpoints: DatabaseEndpoint[], side: Side): Promise<Connected[]> {
  const connected: Connected[] = [];
  try {
    for (const endpoint of endpoints) connected.push(await connect(endpoint, side));
  } catch (error) {
    await disconnectAll(connected);
    throw error;
  }
  return connected;
}

export async function disconnectAll(connections: Connected[]): Promise<void> {
  await Promise.all(connections.map((connection) => connection.client.end().catch(() => undefined)));
}

/** Runs `work` in one transaction, rolled back when it throws. */
export async function inTransaction<T>(client: pg.ClientBase, begin: string, work: () => Promise<T>): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
