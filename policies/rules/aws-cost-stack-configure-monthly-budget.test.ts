import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { rdsInstance } from "../testing/resources.js";
import { awsCostStackConfigureMonthlyBudget as rule } from "./aws-cost-stack-configure-monthly-budget.js";

describe(rule.name, () => {
  it("is not applicable until a cost estimator exists", async () => {
    expect(await runStackPolicy(rule, [rdsInstance()])).toEqual([]);
    expect(rule.enforcementLevel).toBe("advisory");
  });
});
