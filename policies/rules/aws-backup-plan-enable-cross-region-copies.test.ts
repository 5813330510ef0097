import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { backupPlan } from "../testing/multi-region.js";
import { facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsBackupPlanEnableCrossRegionCopies as rule } from "./aws-backup-plan-enable-cross-region-copies.js";

describe(rule.name, () => {
  it("requires a copy to another region from phase 3", async () => {
    expect(await runStackPolicy(rule, [backupPlan("eu-west-1")], facts(rule, PHASE_3))).toEqual([]);
    expect(await runStackPolicy(rule, [], facts(rule, PHASE_1))).toEqual([]);
    expect((await runStackPolicy(rule, [backupPlan("us-east-1")], facts(rule, PHASE_3))).map((v) => v.message)).toEqual([
      "backup plan disaster-recovery-us-east-1-plan (us-east-1) copies to no other region: cross-region copies are required from phase 3",
    ]);
  });
});
