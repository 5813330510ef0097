import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { ecsService, facts, PHASE_1, PHASE_3 } from "../testing/resources.js";
import { awsEcsServiceConfigureMinimumTasks as rule } from "./aws-ecs-service-configure-minimum-tasks.js";

describe(rule.name, () => {
  it("requires two tasks from 99.9 % uptime", async () => {
    expect(await runResourcePolicy(rule, ecsService(), facts(rule, PHASE_3))).toEqual([]);
    expect(await runResourcePolicy(rule, ecsService({ desiredCount: 1 }), facts(rule, PHASE_1))).toEqual([]);
    expect((await runResourcePolicy(rule, ecsService({ desiredCount: 1 }), facts(rule, PHASE_3))).map((v) => v.message)).toEqual([
      "ECS service runs 1 task(s): at least 2 are required from 99.9 % uptime, and this stack targets 99.95 %",
    ]);
  });
});
