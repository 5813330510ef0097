import { SEED_CACHE_LAYERS } from "@francaisfluide/app/config";
import { describe, expect, it } from "vitest";
import { apiRateLimit, CLOUDFLARE_MANAGED_RULESET_ID, edgeCacheRules, managedWafRules, monitorTiming, rateLimitRules, ZONE_SETTINGS } from "./plan.js";

const API = "api.francaisfluide.fr";

describe("ZONE_SETTINGS", () => {
  it("forces HTTPS, TLS 1.2 at least, TLS 1.3, HTTP/3, Brotli, and strict certificate checks towards the origins", () => {
    expect(ZONE_SETTINGS).toEqual({ always_use_https: "on", min_tls_version: "1.2", tls_1_3: "on", http3: "on", brotli: "on", ssl: "strict" });
  });
});

describe("edgeCacheRules", () => {
  it("keeps exercises and explanations for the app's own TTLs, then bypasses corrections last so that the bypass wins", () => {
    const rules = edgeCacheRules(API, "pro");
    expect(rules.map((rule) => [rule.actionParameters?.cache, (rule.actionParameters?.edgeTtl as { default?: number } | undefined)?.default])).toEqual([
      [true, SEED_CACHE_LAYERS.exercises.ttlMs / 1000],
      [true, SEED_CACHE_LAYERS.explanations.ttlMs / 1000],
      [false, undefined],
    ]);
    expect(rules[0]?.expression).toBe(`http.host eq "${API}" and http.request.method eq "GET" and starts_with(http.request.uri.path, "/api/v1/exercises")`);
    expect(rules[1]?.expression).toContain(`starts_with(http.request.uri.path, "/api/v1/explanations")`);
    expect(rules[2]?.expression).toBe(`http.host eq "${API}" and (starts_with(http.request.uri.path, "/api/v1/corrections") or starts_with(http.request.uri.path, "/v2/check"))`);
    for (const rule of rules.slice(0, 2)) expect(rule.actionParameters?.edgeTtl).toMatchObject({ mode: "override_origin" });
  });

  it("leaves to the app a layer whose TTL is below the plan's shortest edge TTL, rather than keep it too long", () => {
    // Free keeps nothing under two hours: the exercises' hour would become two.
    expect(edgeCacheRules(API, "free").map((rule) => rule.description)).toEqual([
      "Keep GET /api/v1/explanations* at the edge for the app's explanations TTL (86400 s)",
      "Never cache corrections: each depends on the submitted text",
    ]);
    const shortLayers = { ...SEED_CACHE_LAYERS, explanations: { maxEntries: 1, ttlMs: 60_000 } };
    expect(edgeCacheRules(API, "enterprise", shortLayers).map((rule) => (rule.actionParameters?.edgeTtl as { default?: number } | undefined)?.default)).toEqual([3600, 60, undefined]);
  });
});

describe("managedWafRules", () => {
  it("executes Cloudflare's managed ruleset on every request", () => {
    expect(managedWafRules()).toEqual([{ description: "Cloudflare Managed Ruleset", expression: "true", action: "execute", actionParameters: { id: CLOUDFLARE_MANAGED_RULESET_ID } }]);
  });
});

describe("apiRateLimit", () => {
  it.each([
    [10_000, 500],
    [100_000, 5000],
    [1_000_000, 50_000],
  ])("lets one address take a twentieth of %i requests a minute: %i per minute", (requestsPerMinute, requestsPerPeriod) => {
    expect(apiRateLimit({ requestsPerMinute }, "pro")).toEqual({ periodSeconds: 60, requestsPerPeriod, mitigationTimeoutSeconds: 60 });
  });

  it("scales the threshold with the period and the share, rounding up", () => {
    expect(apiRateLimit({ requestsPerMinute: 1000, clientShare: 0.01, periodSeconds: 10 }, "free").requestsPerPeriod).toBe(2);
  });

  it("refuses what the plan cannot count and shares outside (0, 1], naming each field", () => {
    expect(() => apiRateLimit({ requestsPerMinute: 1000 }, "free")).toThrow("periodSeconds: Cloudflare's free plan counts over at most 10 s, found 60");
    expect(() => apiRateLimit({ requestsPerMinute: 1000, clientShare: 0, periodSeconds: 10 }, "free")).toThrow("clientShare: expected a share above 0 and at most 1, found 0");
    expect(() => apiRateLimit({ requestsPerMinute: 0 }, "pro")).toThrow("requestsPerMinute: expected a positive whole number, found 0");
  });

  it("counts per data centre and address on the API's name only, and blocks for one period", () => {
    expect(rateLimitRules(API, apiRateLimit({ requestsPerMinute: 10_000 }, "pro"))).toEqual([
      {
        description: "At most 500 API requests per 60 s from one address",
        expression: `http.host eq "${API}"`,
        action: "block",
        ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 60, requestsPerPeriod: 500, mitigationTimeout: 60 },
      },
    ]);
  });
});

describe("monitorTiming", () => {
  it("checks every 15 s on Enterprise, which notices a dead region in 35 s, under phase 4's 60 s", () => {
    expect(monitorTiming("enterprise", 60)).toEqual({ intervalSeconds: 15, timeoutSeconds: 5, consecutiveDown: 2 });
  });

  it("checks every 60 s below Enterprise, and says so when that cannot meet a failover target", () => {
    expect(monitorTiming("pro").intervalSeconds).toBe(60);
    expect(() => monitorTiming("business", 60)).toThrow(
      "Load-balancer monitor on Cloudflare's business plan: interval 60 s × consecutiveDown 2 + timeout 5 s = 125 s, not under failoverTargetSeconds (60)",
    );
  });
});
