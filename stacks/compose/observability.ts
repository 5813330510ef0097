import type * as aws from "@pulumi/aws";
import { Provider as DatadogProvider } from "@pulumi/datadog/provider.js";
import { Provider as SentryProvider } from "@pulumiverse/sentry/provider.js";
import type { Network } from "../../components/network.js";
import { Observability } from "../../components/observability/index.js";
import type { StackTags } from "../../components/tags.js";
import type { PhaseConfig } from "../config/index.js";

/**
 * Error tracking in every phase; the OpenSearch log domain with the elk monitoring stack, in the primary region's
 * private subnets; Datadog with the datadog stack. Credentials come from the environment (SENTRY_AUTH_TOKEN,
 * DATADOG_API_KEY, DATADOG_APP_KEY), never from the stack.
 */
export function buildObservability(config: PhaseConfig, network: Network, providerFor: (region: string) => aws.Provider, tags: StackTags): Observability {
  const primary = config.regions[0];
  const primaryNetwork = primary && network.regions[primary.name];
  if (!primary || !primaryNetwork) throw new Error("No primary region with a network for the observability block");
  const { datadogSite } = config.observability;
  if (config.monitoring.stack === "datadog" && datadogSite === undefined) throw new Error("monitoringStack datadog needs datadogSite (the stack validation requires it)");
  return new Observability("observability", {
    errorTracking: { organization: config.observability.sentryOrganization, provider: new SentryProvider("sentry", {}) },
    ...(config.monitoring.stack === "elk"
      ? {
          logSearch: {
            region: primary.name,
            provider: providerFor(primary.name),
            vpcId: primaryNetwork.vpcId,
            privateSubnetIds: primaryNetwork.privateSubnetIds,
            backendSecurityGroupId: primaryNetwork.backendSecurityGroupId,
            requestsPerMinute: config.targets.requestsPerMinute.max,
          },
        }
      : {}),
    ...(config.monitoring.stack === "datadog"
      ? {
          apiMonitoring: {
            provider: new DatadogProvider("datadog", { apiUrl: `https://api.${datadogSite}/` }),
            domainName: config.cdn.domainName,
            regions: config.regions.map((region) => region.name),
            responseTimeMs: config.targets.responseTimeMs,
            uptimePercent: config.targets.uptimePercent,
            notify: config.monitoring.alerts.emails,
          },
        }
      : {}),
    tags,
  });
}
