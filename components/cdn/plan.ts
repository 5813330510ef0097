import { type CacheLayerName, SEED_CACHE_LAYERS } from "@francaisfluide/app/config";

export type CloudflarePlan = "free" | "pro" | "business" | "enterprise";

/** What a Cloudflare plan allows of what this block uses; the block switches on these, never on the phase. */
export interface CloudflarePlanLimits {
  /** The Cloudflare Managed Ruleset: Free zones only get Cloudflare's own free ruleset, which cannot be deployed. */
  managedWaf: boolean;
  /** Rate-limiting expressions may name the host (Free may only match the path, so a rule could not be kept to the API). */
  rateLimitByHost: boolean;
  /** Longest rate-limiting counting period (cloudflare-docs, rate-limiting availability by plan). */
  maxRateLimitPeriodSeconds: number;
  /** Shortest edge TTL the plan accepts (Cloudflare API schema of the zone's edge cache TTL). */
  minEdgeTtlSeconds: number;
  /** Shortest load-balancer health-monitor interval. */
  minMonitorIntervalSeconds: number;
  /** Enterprise subscriptions are contracts Cloudflare sets up; the others are self-serve, so the program manages them. */
  selfServe: boolean;
}

export const CLOUDFLARE_PLAN_LIMITS: Record<CloudflarePlan, CloudflarePlanLimits> = {
  free: { managedWaf: false, rateLimitByHost: false, maxRateLimitPeriodSeconds: 10, minEdgeTtlSeconds: 7200, minMonitorIntervalSeconds: 60, selfServe: true },
  pro: { managedWaf: true, rateLimitByHost: true, maxRateLimitPeriodSeconds: 60, minEdgeTtlSeconds: 3600, minMonitorIntervalSeconds: 60, selfServe: true },
  business: { managedWaf: true, rateLimitByHost: true, maxRateLimitPeriodSeconds: 600, minEdgeTtlSeconds: 1800, minMonitorIntervalSeconds: 60, selfServe: true },
  enterprise: { managedWaf: true, rateLimitByHost: true, maxRateLimitPeriodSeconds: 65535, minEdgeTtlSeconds: 30, minMonitorIntervalSeconds: 10, selfServe: false },
};

/** The zone's settings, the same on every plan: HTTPS only, modern TLS, and origins checked against their certificates. */
export const ZONE_SETTINGS: Readonly<Record<string, string>> = {
  always_use_https: "on",
  min_tls_version: "1.2",
  tls_1_3: "on",
  http3: "on",
  brotli: "on",
  // "strict": Cloudflare checks each origin's certificate, so nobody between Cloudflare and AWS can pose as the origin.
  ssl: "strict",
};

/** The API paths whose answers the edge may keep, with the app's cache layer whose TTL they share. */
const EDGE_CACHED_PATHS: { layer: CacheLayerName; pathPrefix: string }[] = [
  { layer: "exercises", pathPrefix: "/api/v1/exercises" },
  { layer: "explanations", pathPrefix: "/api/v1/explanations" },
];

/** Corrections depend on the submitted text: the edge must never keep one. */
export const NEVER_CACHED_PATH_PREFIXES = ["/api/v1/corrections", "/v2/check"];

/** A rule of a Cloudflare ruleset, in the provider's input shape (plain values only). */
export interface EdgeRule {
  description: string;
  expression: string;
  action: string;
  actionParameters?: Record<string, unknown>;
  ratelimit?: { characteristics: string[]; period: number; requestsPerPeriod: number; mitigationTimeout: number };
}

const hostIs = (hostname: string) => `http.host eq "${hostname}"`;
const pathStartsWith = (prefixes: string[]) => prefixes.map((prefix) => `starts_with(http.request.uri.path, "${prefix}")`).join(" or ");

/**
 * Cache rules for the API: exercises and explanations kept at the edge exactly as long as the app keeps them
 * (the seed's TTLs), so the edge never serves what the app would already have refreshed. A layer whose TTL is
 * below the plan's shortest edge TTL is left to the app's own cache rather than kept too long. The bypass comes
 * last: in this phase every matching rule applies in order, so the last one wins.
 */
export function edgeCacheRules(apiHostname: string, plan: CloudflarePlan, layers = SEED_CACHE_LAYERS): EdgeRule[] {
  const { minEdgeTtlSeconds } = CLOUDFLARE_PLAN_LIMITS[plan];
  const cached = EDGE_CACHED_PATHS.map(({ layer, pathPrefix }) => ({ layer, pathPrefix, ttlSeconds: layers[layer].ttlMs / 1000 }))
    .filter(({ ttlSeconds }) => ttlSeconds >= minEdgeTtlSeconds)
    .map(({ layer, pathPrefix, ttlSeconds }) => ({
      description: `Keep GET ${pathPrefix}* at the edge for the app's ${layer} TTL (${ttlSeconds} s)`,
      expression: `${hostIs(apiHostname)} and http.request.method eq "GET" and ${pathStartsWith([pathPrefix])}`,
      action: "set_cache_settings",
      actionParameters: { cache: true, edgeTtl: { mode: "override_origin", default: ttlSeconds }, browserTtl: { mode: "respect_origin" } },
    }));
  return [
    ...cached,
    {
      description: "Never cache corrections: each depends on the submitted text",
      expression: `${hostIs(apiHostname)} and (${pathStartsWith(NEVER_CACHED_PATH_PREFIXES)})`,
      action: "set_cache_settings",
      actionParameters: { cache: false },
    },
  ];
}

/** Cloudflare's own managed ruleset (its id is the same for every account). */
export const CLOUDFLARE_MANAGED_RULESET_ID = "efb7b8c949ac4650a09736fc376e9aee";

/**
 * The managed WAF on the whole zone. The OWASP core ruleset stays off: it scores free text, and French sentences
 * sent for correction are free text, so it would block the product's own requests.
 */
export function managedWafRules(): EdgeRule[] {
  return [{ description: "Cloudflare Managed Ruleset", expression: "true", action: "execute", actionParameters: { id: CLOUDFLARE_MANAGED_RULESET_ID } }];
}

export interface RateLimitArgs {
  /** Most requests per minute the phase is sized for. */
  requestsPerMinute: number;
  /** Largest share of that capacity one client address may take: a school's NAT with dozens of learners stays under it. */
  clientShare?: number;
  periodSeconds?: number;
}

export const rateLimitDefaults = { clientShare: 0.05, periodSeconds: 60 };

/**
 * Requests one address may send the API per period, before Cloudflare blocks it for one period: a share of the
 * capacity the phase is sized for, so that no single client can take the API's capacity from everyone else.
 */
export function apiRateLimit(args: RateLimitArgs, plan: CloudflarePlan): { periodSeconds: number; requestsPerPeriod: number; mitigationTimeoutSeconds: number } {
  const { requestsPerMinute, clientShare, periodSeconds } = { ...rateLimitDefaults, ...args };
  const { maxRateLimitPeriodSeconds } = CLOUDFLARE_PLAN_LIMITS[plan];
  const problems: string[] = [];
  if (!(clientShare > 0 && clientShare <= 1)) problems.push(`clientShare: expected a share above 0 and at most 1, found ${clientShare}`);
  if (periodSeconds > maxRateLimitPeriodSeconds) problems.push(`periodSeconds: Cloudflare's ${plan} plan counts over at most ${maxRateLimitPeriodSeconds} s, found ${periodSeconds}`);
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute <= 0) problems.push(`requestsPerMinute: expected a positive whole number, found ${requestsPerMinute}`);
  if (problems.length > 0) throw new Error(`Invalid API rate limit: ${problems.join("; ")}`);
  return { periodSeconds, requestsPerPeriod: Math.ceil((requestsPerMinute * clientShare * periodSeconds) / 60), mitigationTimeoutSeconds: periodSeconds };
}

export function rateLimitRules(apiHostname: string, limit: ReturnType<typeof apiRateLimit>): EdgeRule[] {
  return [
    {
      description: `At most ${limit.requestsPerPeriod} API requests per ${limit.periodSeconds} s from one address`,
      expression: hostIs(apiHostname),
      action: "block",
      // Cloudflare counts per data center: cf.colo.id is required beside the client's address.
      ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: limit.periodSeconds, requestsPerPeriod: limit.requestsPerPeriod, mitigationTimeout: limit.mitigationTimeoutSeconds },
    },
  ];
}

export interface MonitorTiming {
  intervalSeconds: number;
  timeoutSeconds: number;
  consecutiveDown: number;
}

/**
 * How often the load balancer checks each region: as often as the plan allows. With a failover target, the time to
 * mark a region down (checks in a row, each waiting up to its timeout) must stay under it.
 */
export function monitorTiming(plan: CloudflarePlan, failoverTargetSeconds?: number): MonitorTiming {
  const timing = { intervalSeconds: Math.max(15, CLOUDFLARE_PLAN_LIMITS[plan].minMonitorIntervalSeconds), timeoutSeconds: 5, consecutiveDown: 2 };
  const detectionSeconds = timing.intervalSeconds * timing.consecutiveDown + timing.timeoutSeconds;
  if (failoverTargetSeconds !== undefined && detectionSeconds >= failoverTargetSeconds) {
    throw new Error(
      `Load-balancer monitor on Cloudflare's ${plan} plan: interval ${timing.intervalSeconds} s × consecutiveDown ${timing.consecutiveDown} + timeout ${timing.timeoutSeconds} s ` +
        `= ${detectionSeconds} s, not under failoverTargetSeconds (${failoverTargetSeconds}): lower the target or use a plan with shorter intervals`,
    );
  }
  return timing;
}
