import { z } from "zod";
import type { Problem } from "./errors.js";
import type { MonitoringKeys } from "./monitoring.js";

/** Sentry's slug rules: lower-case letters, digits, hyphens and underscores, starting with a letter or digit, at most 50. */
const sentrySlug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, "expected a Sentry organization slug such as francaisfluide (lower-case letters, digits, - and _)");

/**
 * Datadog's sites, each a separate region with its own API host (docs.datadoghq.com, "Getting Started with Datadog Sites").
 * The organization lives on exactly one; the provider must call that one's API.
 */
export const DATADOG_SITES = ["datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com"] as const;

/**
 * Error tracking runs in every phase (the seed has Sentry from the MVP on), so its organization is always required;
 * the Datadog site only means something with monitoringStack datadog.
 */
export const observabilityKeyShape = {
  sentryOrganization: sentrySlug,
  datadogSite: z.enum(DATADOG_SITES).optional(),
};

export type ObservabilityKeys = z.output<z.ZodObject<typeof observabilityKeyShape>>;

export interface ObservabilityConfig {
  sentryOrganization: string;
  /** Only with monitoringStack datadog. */
  datadogSite?: (typeof DATADOG_SITES)[number];
}

export function observabilityProblems(keys: ObservabilityKeys & Pick<MonitoringKeys, "monitoringStack">): Problem<keyof ObservabilityKeys>[] {
  if (keys.monitoringStack === "datadog" && keys.datadogSite === undefined) {
    return [{ key: "datadogSite", message: "is required with monitoringStack datadog: the provider calls the API of the site that holds the organization" }];
  }
  if (keys.monitoringStack !== "datadog" && keys.datadogSite !== undefined) {
    return [{ key: "datadogSite", message: `has no effect with monitoringStack ${keys.monitoringStack}: only the datadog stack creates Datadog resources; remove it` }];
  }
  return [];
}

export function nestObservability(keys: ObservabilityKeys): ObservabilityConfig {
  return { sentryOrganization: keys.sentryOrganization, ...(keys.datadogSite === undefined ? {} : { datadogSite: keys.datadogSite }) };
}
