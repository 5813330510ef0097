import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { auroraCluster, auroraInstance, facts, PHASE_3 } from "../testing/resources.js";
import { awsRdsClusterEnableMultiAz as rule } from "./aws-rds-cluster-enable-multi-az.js";

describe(rule.name, () => {
  it("requires two instances in different zones per cluster", async () => {
    const cluster = auroraCluster("shard-1");
    expect(await runStackPolicy(rule, [cluster, auroraInstance("w", "shard-1", "us-east-1a"), auroraInstance("r", "shard-1", "us-east-1b")], facts(rule, PHASE_3))).toEqual([]);
    expect((await runStackPolicy(rule, [cluster, auroraInstance("w", "shard-1", "us-east-1a"), auroraInstance("r", "shard-1", "us-east-1a")], facts(rule, PHASE_3))).map((v) => v.message)).toEqual([
      "Aurora cluster shard-1 has 2 instance(s) in 1 named zone(s): at least two instances in different zones are required from 99.9 % uptime, and this stack targets 99.95 %",
    ]);
  });
});
