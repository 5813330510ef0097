/**
 * The metrics server: /metrics alone, on METRICS_PORT. The load balancer forwards the API's port only, so what
 * the metrics say about the service (routes, error rates, dependencies' state) is not served to the internet;
 * Prometheus, inside the network, scrapes this port.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { errorHandlerPlugin } from "../../infra/http/error-handler.js";
import type { AppMetrics } from "../../infra/metrics/metrics.js";
import { metricsRoutes } from "./routes.js";

export async function buildMetricsServer(metrics: AppMetrics, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  // Scrapes every few seconds would drown the service's own logs: they are not logged one by one.
  const app = Fastify(logger ? { loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }) } : { logger: false });
  await app.register(errorHandlerPlugin);
  await app.register(metricsRoutes, { metrics });
  await app.ready();
  return app;
}
