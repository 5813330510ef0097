/** The database concern: decorates `app.db` with the repositories. */
import fp from "fastify-plugin";
import type { Database } from "./types.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  database: Database;
}

/** The database's lifetime belongs to whoever opened it (main, or a test suite). */
export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, { database }) => {
    app.decorate("db", database);
  },
  { name: "db", fastify: "5.x" },
);
