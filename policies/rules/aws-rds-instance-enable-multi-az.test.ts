import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { facts, PHASE_1, PHASE_3, rdsInstance } from "../testing/resources.js";
import { awsRdsInstanceEnableMultiAz as rule } from "./aws-rds-instance-enable-multi-az.js";

describe(rule.name, () => {
  it("requires Multi-AZ from 99.9 % uptime only", async () => {
    expect(await runResourcePolicy(rule, rdsInstance(), facts(rule, PHASE_3))).toEqual([]);
    expect(await runResourcePolicy(rule, rdsInstance({ multiAz: false }), facts(rule, PHASE_1))).toEqual([]);
    expect((await runResourcePolicy(rule, rdsInstance({ multiAz: false }), facts(rule, PHASE_3))).map((v) => v.message)).toEqual([
      "RDS instance is not Multi-AZ: required from 99.9 % uptime, and this stack targets 99.95 %",
    ]);
  });
});
