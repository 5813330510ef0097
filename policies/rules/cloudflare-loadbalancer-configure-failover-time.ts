import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/**
 * The worst time for traffic to leave a failed region, computed from the resources of whichever failover path the
 * stack uses:
 * - a Cloudflare load balancer: its monitors' (the slowest) interval × consecutiveDown (1 when unset) + retries × timeout
 *   (each retry may wait a full timeout), + the load balancer's ttl when it is not proxied (proxied traffic moves at once);
 * - Route 53 failover or latency records with health checks: requestInterval × failureThreshold + the record's ttl.
 */
function cloudflareSeconds(loadBalancer: PolicyResource, resources: PolicyResource[]): number | undefined {
  const monitors = resources.filter((resource) => resource.type === "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor");
  if (monitors.length === 0) return undefined;
  const monitorSeconds = monitors.map(({ props }) => {
    const { interval = 60, consecutiveDown = 1, retries = 2, timeout = 5 } = props as Record<string, number | undefined>;
    return interval * consecutiveDown + retries * timeout;
  });
  const dns = loadBalancer.props.proxied === true ? 0 : Number(loadBalancer.props.ttl ?? 30);
  return Math.max(...monitorSeconds) + dns;
}

function route53Seconds(resources: PolicyResource[]): number | undefined {
  const checks = resources.filter((resource) => resource.type === "aws:route53/healthCheck:HealthCheck");
  const records = resources.filter((resource) => resource.type === "aws:route53/record:Record" && resource.props.healthCheckId !== undefined);
  if (records.length === 0 || checks.length === 0) return undefined;
  const detection = Math.max(...checks.map(({ props }) => Number(props.requestInterval ?? 30) * Number(props.failureThreshold ?? 3)));
  return detection + Math.max(...records.map(({ props }) => Number(props.ttl ?? 60)));
}

export const cloudflareLoadBalancerConfigureFailoverTime: StackValidationPolicy = {
  name: "cloudflare-loadbalancer-configure-failover-time",
  description:
    "When the stack has a failoverTargetSeconds (phase 4), it has a failover path (a Cloudflare load balancer, or Route 53 records with health checks) whose worst detection plus DNS time, computed from the monitors' or health checks' settings, is under it.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["failoverTargetSeconds"]),
  validateStack: (args, reportViolation) => {
    const { failoverTargetSeconds } = args.getConfig<StackFacts>();
    if (failoverTargetSeconds === undefined) args.notApplicable("the stack has no failover target");
    const target = failoverTargetSeconds as number;
    const loadBalancers = args.resources.filter((resource) => resource.type === "cloudflare:index/loadBalancer:LoadBalancer");
    const paths = [
      ...loadBalancers.map((loadBalancer) => ({ what: `Cloudflare load balancer ${loadBalancer.name}`, urn: loadBalancer.urn, seconds: cloudflareSeconds(loadBalancer, args.resources) })),
      ...(loadBalancers.length === 0 ? [{ what: "Route 53 health-checked records", urn: undefined, seconds: route53Seconds(args.resources) }] : []),
    ];
    const measured = paths.filter((path): path is { what: string; urn: string | undefined; seconds: number } => path.seconds !== undefined);
    if (measured.length === 0) reportViolation(`no failover path (a Cloudflare load balancer with a monitor, or Route 53 records with health checks): traffic must leave a failed region within ${target} s`);
    for (const path of measured) {
      if (path.seconds >= target) reportViolation(`${path.what} fails over in up to ${path.seconds} s: the target is under ${target} s`, path.urn);
    }
  },
};
