/** The cache concern: decorates `app.cache`, memory in front of Redis in front of the computation. */
import fp from "fastify-plugin";
import type { LayeredCache } from "./layered-cache.js";

declare module "fastify" {
  interface FastifyInstance {
    cache: LayeredCache;
  }
}

export interface CachePluginOptions {
  cache: LayeredCache;
}

/** The cache's lifetime (its Redis connection) belongs to whoever created it. */
export const cachePlugin = fp<CachePluginOptions>(
  async (app, { cache }) => {
    app.decorate("cache", cache);
  },
  { name: "cache", fastify: "5.x" },
);
