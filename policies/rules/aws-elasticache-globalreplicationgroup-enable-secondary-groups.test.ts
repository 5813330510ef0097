import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { globalCache, secondaryCache } from "../testing/multi-region.js";
import { facts, PHASE_4 } from "../testing/resources.js";
import { awsElasticacheGlobalReplicationGroupEnableSecondaryGroups as rule } from "./aws-elasticache-globalreplicationgroup-enable-secondary-groups.js";

describe(rule.name, () => {
  it("requires a secondary group in phase 4", async () => {
    expect(await runStackPolicy(rule, [globalCache(), secondaryCache()], facts(rule, PHASE_4))).toEqual([]);
    expect((await runStackPolicy(rule, [globalCache()], facts(rule, PHASE_4))).map((v) => v.message)).toEqual(["ElastiCache global datastore cache-global has no secondary replication group"]);
  });
});
