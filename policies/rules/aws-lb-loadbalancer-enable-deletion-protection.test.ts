import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { loadBalancer, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsLbLoadBalancerEnableDeletionProtection as rule } from "./aws-lb-loadbalancer-enable-deletion-protection.js";

describe(rule.name, () => {
  it("requires enableDeletionProtection from phase 3", async () => {
    const unprotected = { ...loadBalancer(), props: { ...loadBalancer().props, enableDeletionProtection: false } };
    expect(await runResourcePolicy(rule, loadBalancer(), facts(rule, PHASE_3))).toEqual([]);
    expect(await runResourcePolicy(rule, unprotected, facts(rule, PHASE_1))).toEqual([]);
    expect((await runResourcePolicy(rule, unprotected, facts(rule, PHASE_3))).map((v) => v.message)).toEqual(["enableDeletionProtection is not enabled: required from phase 3, and this is phase 3"]);
  });
});
