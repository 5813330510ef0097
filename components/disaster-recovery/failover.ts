import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceTags } from "../tags.js";
import { apiOriginHostname, READINESS_PATH, regionalApiHostname } from "../lib/origin.js";
import { trafficFailoverSeconds } from "./objectives.js";

export interface TrafficFailoverArgs {
  /** The public domain; the regional API hostnames are derived from it. */
  domainName: string;
  /** The Route 53 zone `origin.<domain>` (components/origin-dns.ts) the latency records go in. */
  originZoneId: pulumi.Input<string>;
  /** Longest acceptable time for traffic to leave a failed region. */
  targetSeconds: number;
  healthCheckIntervalSeconds?: number;
  healthCheckFailureThreshold?: number;
  recordTtlSeconds?: number;
  healthCheckerRegions?: string[];
}

/** The path from the phase's origin hostnames to its serving regions, for the CDN to use as its origin. */
export interface TrafficFailover {
  /** Answers with the nearest healthy region. */
  apiOriginHostname: string;
  /** Where the backend points each region's load balancer. */
  regionalApiHostnames: Record<string, string>;
  healthCheckIds: Record<string, pulumi.Output<string>>;
  failoverSeconds: number;
}

/** Route 53 checks every 10 or 30 s, fails after 1 to 10 checks, and checks from at least three of these regions. */
const ROUTE53_INTERVALS = [10, 30];
const ROUTE53_CHECKER_REGIONS = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"];

export const failoverDefaults = {
  healthCheckIntervalSeconds: 10,
  healthCheckFailureThreshold: 3,
  recordTtlSeconds: 15,
  // Three continents: one continent's network trouble cannot fail a healthy region.
  healthCheckerRegions: ["us-west-2", "eu-west-1", "ap-southeast-1"],
};


export function failoverTiming(failover: Required<TrafficFailoverArgs>) {
  return {
    requestIntervalSeconds: failover.healthCheckIntervalSeconds,
    failureThreshold: failover.healthCheckFailureThreshold,
    recordTtlSeconds: failover.recordTtlSeconds,
  };
}

/** What Route 53 would refuse, and timing that cannot meet the target, each naming its field. */
export function failoverProblems(failover: Required<TrafficFailoverArgs>, regions: string[]): string[] {
  const problems: string[] = [];
  if (regions.length < 2) problems.push(`regions: failover needs at least two serving regions, found ${regions.join(", ")}`);
  if (!ROUTE53_INTERVALS.includes(failover.healthCheckIntervalSeconds)) {
    problems.push(`failover.healthCheckIntervalSeconds: Route 53 checks every 10 or 30 s, found ${failover.healthCheckIntervalSeconds}`);
  }
  const threshold = failover.healthCheckFailureThreshold;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 10) problems.push(`failover.healthCheckFailureThreshold: expected 1 to 10, found ${threshold}`);
  if (!Number.isInteger(failover.recordTtlSeconds) || failover.recordTtlSeconds < 0) problems.push(`failover.recordTtlSeconds: expected whole seconds, found ${failover.recordTtlSeconds}`);
  const checkers = failover.healthCheckerRegions;
  if (checkers.length < 3 || checkers.some((region) => !ROUTE53_CHECKER_REGIONS.includes(region))) {
    problems.push(`failover.healthCheckerRegions: expected at least three of ${ROUTE53_CHECKER_REGIONS.join(", ")}, found ${checkers.join(", ")}`);
  }
  const seconds = trafficFailoverSeconds(failoverTiming(failover));
  if (seconds >= failover.targetSeconds) {
    problems.push(
      `failover.healthCheckIntervalSeconds (${failover.healthCheckIntervalSeconds}) × failover.healthCheckFailureThreshold (${threshold}) + ` +
        `failover.recordTtlSeconds (${failover.recordTtlSeconds}) = ${seconds} s: must stay under failover.targetSeconds (${failover.targetSeconds})`,
    );
  }
  return problems;
}

export interface FailoverSpec {
  name: string;
  parent: pulumi.Resource;
  failover: Required<TrafficFailoverArgs>;
  regions: string[];
  /** Route 53 is global: its health checks and records live with the primary region's provider. */
  primaryProvider: aws.Provider;
  tagsFor: (resourceName: string) => ResourceTags;
}

/**
 * Health checks on each region's API hostname and latency records in the origin zone (see components/lib/origin.ts):
 * failing over changes no record, it only needs Route 53's answering side, which does not depend on the control
 * plane in us-east-1.
 */
export function buildFailover(spec: FailoverSpec): TrafficFailover {
  const { name, failover, tagsFor } = spec;
  const opts = { parent: spec.parent, provider: spec.primaryProvider };
  const regionalApiHostnames: Record<string, string> = {};
  const healthCheckIds: Record<string, pulumi.Output<string>> = {};
  for (const region of spec.regions) {
    const hostname = regionalApiHostname(failover.domainName, region);
    regionalApiHostnames[region] = hostname;
    const check = new aws.route53.HealthCheck(`${name}-${region}-api-health-check`, {
      type: "HTTPS",
      fqdn: hostname,
      port: 443,
      resourcePath: READINESS_PATH,
      enableSni: true,
      requestInterval: failover.healthCheckIntervalSeconds,
      failureThreshold: failover.healthCheckFailureThreshold,
      regions: failover.healthCheckerRegions,
      tags: tagsFor(`${region}-api-health-check`),
    }, opts);
    healthCheckIds[region] = check.id;
    // Latency records with health checks, the seed's routing (lowest latency, best health): each client gets the
    // nearest region that passes its checks, so a failed region drops out without a record changing.
    new aws.route53.Record(`${name}-${region}-api-latency-record`, {
      zoneId: failover.originZoneId,
      name: apiOriginHostname(failover.domainName),
      type: "CNAME",
      ttl: failover.recordTtlSeconds,
      records: [hostname],
      setIdentifier: region,
      latencyRoutingPolicies: [{ region }],
      healthCheckId: check.id,
    }, opts);
  }
  return {
    apiOriginHostname: apiOriginHostname(failover.domainName),
    regionalApiHostnames,
    healthCheckIds,
    failoverSeconds: trafficFailoverSeconds(failoverTiming(failover)),
  };
}
