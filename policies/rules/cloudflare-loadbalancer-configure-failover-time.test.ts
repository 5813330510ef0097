import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { cloudflareLoadBalancer, cloudflareMonitor } from "../testing/multi-region.js";
import { facts, PHASE_1, PHASE_4 } from "../testing/resources.js";
import { cloudflareLoadBalancerConfigureFailoverTime as rule } from "./cloudflare-loadbalancer-configure-failover-time.js";

describe(rule.name, () => {
  it("computes interval × consecutiveDown + retries × timeout (+ ttl unproxied) against the target", async () => {
    expect(await runStackPolicy(rule, [cloudflareLoadBalancer(), cloudflareMonitor()], facts(rule, PHASE_4))).toEqual([]);
    expect(await runStackPolicy(rule, [], facts(rule, PHASE_1))).toEqual([]);
    expect((await runStackPolicy(rule, [cloudflareLoadBalancer({ proxied: false, ttl: 30 }), cloudflareMonitor()], facts(rule, PHASE_4))).map((v) => v.message)).toEqual([
      "Cloudflare load balancer cdn-api-load-balancer fails over in up to 65 s: the target is under 60 s",
    ]);
  });
});
