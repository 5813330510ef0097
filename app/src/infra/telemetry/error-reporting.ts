/**
 * What reaches Sentry. Learners' texts are personal writing: they travel in request bodies and, for GET
 * /v2/check, in query strings, so both are removed from every event before it leaves the process. Only what
 * the app answers with a 5xx is reported: a 4xx is the client's mistake, already explained to the client.
 */
import type { ErrorEvent, NodeOptions } from "@sentry/node";
import type { FastifyRequest } from "fastify";
import type { TelemetrySetting } from "../../config/index.js";
import { toHttpError } from "../http/error-handler.js";

/** The event without the request's body, query string, cookies or headers, and URLs without their query. */
export function scrubEvent<E extends ErrorEvent>(event: E): E {
  if (event.request) {
    const { url, method } = event.request;
    event.request = { ...(url === undefined ? {} : { url: url.split("?")[0] }), ...(method === undefined ? {} : { method }) };
  }
  if (event.transaction) event.transaction = event.transaction.split("?")[0];
  for (const breadcrumb of event.breadcrumbs ?? []) {
    if (typeof breadcrumb.data?.url === "string") breadcrumb.data.url = breadcrumb.data.url.split("?")[0];
    if (breadcrumb.data) delete breadcrumb.data["http.query"];
  }
  return event;
}

/** Whether the app answers this error with a 5xx, the same decision as its error handler's. */
export function isServerFault(error: unknown, request: FastifyRequest): boolean {
  return toHttpError(error, request).statusCode >= 500;
}

/**
 * Sentry's options for this app. Sentry only receives errors here: traces go to OpenTelemetry (tracing.ts), so
 * Sentry keeps its OpenTelemetry setup off (`enableOpenTelemetrySetup: false`, its default since v11, spelled
 * out) and registers no second global tracer provider beside ours.
 */
export function sentryOptions(sentry: NonNullable<TelemetrySetting["sentry"]>, release: string, integrations: NodeOptions["integrations"]): NodeOptions {
  return {
    dsn: sentry.dsn,
    release,
    ...(sentry.environment === undefined ? {} : { environment: sentry.environment }),
    // Sentry 11 replaced `sendDefaultPii` with per-category switches: none of them is collected (beforeSend
    // still scrubs, should an integration attach some anyway).
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    enableOpenTelemetrySetup: false,
    integrations,
    beforeSend: scrubEvent,
  };
}
