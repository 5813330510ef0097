import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { auroraCluster, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsRdsClusterConfigureBackupRetention as rule } from "./aws-rds-cluster-configure-backup-retention.js";

describe(rule.name, () => {
  it("requires 7 days in phase 1 and 14 from phase 2", async () => {
    const week = { ...auroraCluster("shard-1"), props: { ...auroraCluster("shard-1").props, backupRetentionPeriod: 7 } };
    expect(await runResourcePolicy(rule, week, facts(rule, PHASE_1))).toEqual([]);
    expect(await runResourcePolicy(rule, auroraCluster("shard-1"), facts(rule, PHASE_3))).toEqual([]);
    expect((await runResourcePolicy(rule, week, facts(rule, PHASE_3))).map((v) => v.message)).toEqual(["backups are kept 7 day(s): phase 3 requires at least 14"]);
  });
});
