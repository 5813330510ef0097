/** Times every request into the latency histogram, labelled by route pattern (not raw URL) and status. */
import fp from "fastify-plugin";
import type { AppMetrics } from "./metrics.js";

declare module "fastify" {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

export interface MetricsPluginOptions {
  metrics: AppMetrics;
}

export const metricsPlugin = fp<MetricsPluginOptions>(
  async (app, { metrics }) => {
    app.decorate("metrics", metrics);
    // Callback style: no promise per request on the hot path.
    app.addHook("onResponse", (request, reply, done) => {
      // Unmatched URLs share one label so that scanners probing random paths cannot blow up the series count.
      const route = request.routeOptions.url ?? "unmatched";
      metrics.httpRequestDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
  { name: "metrics", fastify: "5.x" },
);
