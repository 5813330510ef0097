import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { auroraCluster, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsRdsClusterEnableDeletionProtection as rule } from "./aws-rds-cluster-enable-deletion-protection.js";

describe(rule.name, () => {
  it("requires deletionProtection from phase 3", async () => {
    const unprotected = { ...auroraCluster("shard-1"), props: { ...auroraCluster("shard-1").props, deletionProtection: false } };
    expect(await runResourcePolicy(rule, auroraCluster("shard-1"), facts(rule, PHASE_3))).toEqual([]);
    expect(await runResourcePolicy(rule, unprotected, facts(rule, PHASE_1))).toEqual([]);
    expect((await runResourcePolicy(rule, unprotected, facts(rule, PHASE_3))).map((v) => v.message)).toEqual(["deletionProtection is not enabled: required from phase 3, and this is phase 3"]);
  });
});
