/** Scratch databases on the local PostgreSQL server, so each test file can run beside any other. */
import { randomUUID } from "node:crypto";
import pg from "pg";

export const POSTGRES_SERVER_URL = "postgresql://postgres@127.0.0.1:5432";

/** The database that administrative statements (CREATE/DROP DATABASE) connect to. */
const ADMIN_URL = `${POSTGRES_SERVER_URL}/postgres`;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The URL of database `name` on the local server. */
export function databaseUrl(name: string): string {
  return `${POSTGRES_SERVER_URL}/${name}`;
}

/** A database name no other run uses: `ff_<purpose>_<12 random hex digits>`. */
export function scratchDatabaseName(purpose: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(purpose)) throw new Error(`scratch database purpose must be a lower-case identifier, got "${purpose}"`);
  return `ff_${purpose}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** Runs one statement on the server's maintenance database, on a connection of its own. */
export async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client(ADMIN_URL);
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** Runs one query on a connection of its own to `url` and returns the rows. */
export async function queryDirect(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<void> {
  await adminQuery(`CREATE DATABASE ${name}`);
}

/** Drops `name`, disconnecting whoever is still on it; a no-op when it does not exist. */
export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Creates a fresh, empty database with a unique name; `drop()` removes it. */
export async function createScratchDatabase(purpose: string): Promise<ScratchDatabase> {
  const name = scratchDatabaseName(purpose);
  await createDatabase(name);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}
