import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { globalCluster, memberCluster } from "../testing/multi-region.js";
import { facts, PHASE_4 } from "../testing/resources.js";
import { awsRdsGlobalClusterEnableSecondaryClusters as rule } from "./aws-rds-globalcluster-enable-secondary-clusters.js";

describe(rule.name, () => {
  it("requires members in two regions in phase 4", async () => {
    expect(await runStackPolicy(rule, [globalCluster(), memberCluster("us-east-1"), memberCluster("eu-west-1")], facts(rule, PHASE_4))).toEqual([]);
    expect((await runStackPolicy(rule, [globalCluster(), memberCluster("us-east-1")], facts(rule, PHASE_4))).map((v) => v.message)).toEqual([
      "Aurora global database database-global has members in 1 region(s): it needs a secondary cluster in another region",
    ]);
  });
});
