import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { facts, PHASE_1, PHASE_4, rdsInstance } from "../testing/resources.js";
import { awsCostInstanceConfigureAllowedSizes as rule } from "./aws-cost-instance-configure-allowed-sizes.js";

describe(rule.name, () => {
  it("refuses phase-4 sizes in phase 1", async () => {
    const large = rdsInstance({ instanceClass: "db.r6g.xlarge" });
    expect(await runResourcePolicy(rule, large, facts(rule, PHASE_4))).toEqual([]);
    expect((await runResourcePolicy(rule, large, facts(rule, PHASE_1))).map((v) => [v.enforcementLevel, v.message])).toEqual([
      ["advisory", "instance class db.r6g.xlarge is not allowed in phase 1 (allowed: db.t4g.micro, db.t4g.small)"],
    ]);
  });
});
