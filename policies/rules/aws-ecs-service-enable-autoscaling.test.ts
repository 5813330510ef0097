import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { ecsService, facts, PHASE_1, PHASE_3, scalingTarget } from "../testing/resources.js";
import { awsEcsServiceEnableAutoscaling as rule } from "./aws-ecs-service-enable-autoscaling.js";

describe(rule.name, () => {
  it("wants a target with min under max from phase 3", async () => {
    expect(await runStackPolicy(rule, [ecsService(), scalingTarget()], facts(rule, PHASE_3))).toEqual([]);
    expect(await runStackPolicy(rule, [ecsService()], facts(rule, PHASE_1))).toEqual([]);
    expect((await runStackPolicy(rule, [ecsService()], facts(rule, PHASE_3))).map((v) => [v.enforcementLevel, v.message])).toEqual([
      ["advisory", "ECS service backend-us-east-1-all has no autoscaling target: every service scales from phase 3"],
    ]);
    expect((await runStackPolicy(rule, [ecsService(), scalingTarget({ minCapacity: 4, maxCapacity: 4 })], facts(rule, PHASE_3))).map((v) => v.message)).toEqual([
      "ECS service backend-us-east-1-all scales between 4 and 4 tasks: minCapacity must be under maxCapacity",
    ]);
  });
});
