import * as cloudflare from "../lib/cloudflare.js";
import type * as pulumi from "@pulumi/pulumi";
import { READINESS_PATH, regionalApiHostname } from "../lib/origin.js";
import type { MonitorTiming } from "./plan.js";

/** Checks from three continents, as the Route 53 failover does: one continent's network trouble cannot fail a healthy region. */
export const MONITOR_CHECK_REGIONS = ["ENAM", "WEU", "SEAS"];

export interface ApiLoadBalancerSpec {
  name: string;
  parent: pulumi.Resource;
  provider: cloudflare.Provider;
  accountId: string;
  zoneId: pulumi.Input<string>;
  domainName: string;
  apiHostname: string;
  /** Serving regions, primary first: the primary's pool is the fallback when every pool is down. */
  regions: string[];
  timing: MonitorTiming;
}

export interface ApiLoadBalancer {
  loadBalancerId: pulumi.Output<string>;
  poolIds: Record<string, pulumi.Output<string>>;
  steeringPolicy: string;
}

/**
 * A Cloudflare load balancer on the API's public name, one pool per region, each origin being the region's name in
 * the origin zone. Steering is `dynamic_latency`: Cloudflare measures each pool's round trip from its own data
 * centres and sends each request to the fastest healthy one, the seed's routing (lowest latency, best health)
 * without a static map of countries to regions to keep up to date, as geo steering would need.
 */
export function buildApiLoadBalancer(spec: ApiLoadBalancerSpec): ApiLoadBalancer {
  const opts = { parent: spec.parent, provider: spec.provider };
  const monitor = new cloudflare.LoadBalancerMonitor(`${spec.name}-api-monitor`, {
    accountId: spec.accountId,
    description: `${spec.apiHostname} readiness`,
    type: "https",
    method: "GET",
    path: READINESS_PATH,
    expectedCodes: "200",
    followRedirects: false,
    allowInsecure: false,
    interval: spec.timing.intervalSeconds,
    timeout: spec.timing.timeoutSeconds,
    consecutiveDown: spec.timing.consecutiveDown,
    consecutiveUp: 2,
    retries: 1,
  }, opts);

  const poolIds: Record<string, pulumi.Output<string>> = {};
  for (const region of spec.regions) {
    const hostname = regionalApiHostname(spec.domainName, region);
    const pool = new cloudflare.LoadBalancerPool(`${spec.name}-${region}-pool`, {
      accountId: spec.accountId,
      name: `api-${region}`,
      description: `The API in ${region}`,
      origins: [{
        name: region,
        address: hostname,
        enabled: true,
        // The region's load balancer holds a certificate for its own name: Host (and with it SNI) must carry that name,
        // for checks and for traffic alike, or strict TLS to the origin fails.
        header: { hosts: [hostname] },
      }],
      monitor: monitor.id,
      minimumOrigins: 1,
      checkRegions: MONITOR_CHECK_REGIONS,
    }, opts);
    poolIds[region] = pool.id;
  }

  const steeringPolicy = "dynamic_latency";
  const pools = spec.regions.map((region) => poolIds[region] as pulumi.Output<string>);
  const loadBalancer = new cloudflare.LoadBalancer(`${spec.name}-api-load-balancer`, {
    zoneId: spec.zoneId,
    name: spec.apiHostname,
    description: "The API, steered to the fastest healthy region",
    proxied: true,
    steeringPolicy,
    defaultPools: pools,
    fallbackPool: pools[0] as pulumi.Output<string>,
    // A request that meets a dead origin (521-523) is retried at once on the next pool, before the monitor notices.
    adaptiveRouting: { failoverAcrossPools: true },
    sessionAffinity: "none",
  }, opts);
  return { loadBalancerId: loadBalancer.id, poolIds, steeringPolicy };
}
