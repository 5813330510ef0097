import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { rdsInstance, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsRdsInstanceEnableDeletionProtection as rule } from "./aws-rds-instance-enable-deletion-protection.js";

describe(rule.name, () => {
  it("requires deletionProtection from phase 3", async () => {
    const unprotected = { ...rdsInstance(), props: { ...rdsInstance().props, deletionProtection: false } };
    expect(await runResourcePolicy(rule, rdsInstance(), facts(rule, PHASE_3))).toEqual([]);
    expect(await runResourcePolicy(rule, unprotected, facts(rule, PHASE_1))).toEqual([]);
    expect((await runResourcePolicy(rule, unprotected, facts(rule, PHASE_3))).map((v) => v.message)).toEqual(["deletionProtection is not enabled: required from phase 3, and this is phase 3"]);
  });
});
