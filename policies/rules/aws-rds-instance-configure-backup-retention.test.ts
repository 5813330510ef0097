import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { rdsInstance, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsRdsInstanceConfigureBackupRetention as rule } from "./aws-rds-instance-configure-backup-retention.js";

describe(rule.name, () => {
  it("requires 7 days in phase 1 and 14 from phase 2", async () => {
    const week = { ...rdsInstance(), props: { ...rdsInstance().props, backupRetentionPeriod: 7 } };
    expect(await runResourcePolicy(rule, week, facts(rule, PHASE_1))).toEqual([]);
    expect(await runResourcePolicy(rule, rdsInstance(), facts(rule, PHASE_3))).toEqual([]);
    expect((await runResourcePolicy(rule, week, facts(rule, PHASE_3))).map((v) => v.message)).toEqual(["backups are kept 7 day(s): phase 3 requires at least 14"]);
  });
});
