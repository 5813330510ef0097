import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/** One task is down during every deployment and every task failure: from 99.9 % there must be a second. */
export const awsEcsServiceConfigureMinimumTasks: ResourceValidationPolicy = {
  name: "aws-ecs-service-configure-minimum-tasks",
  description: "ECS services run at least minimumTasks (2) tasks from the uptime target minimumTasksFromUptimePercent (99.9 %) up.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["uptimeTargetPercent"], { minimumTasksFromUptimePercent: { type: "number", default: 99.9 }, minimumTasks: { type: "integer", default: 2 } }),
  validateResource: validateResourceOfType(aws.ecs.Service, (service, args, reportViolation) => {
    const { uptimeTargetPercent, minimumTasksFromUptimePercent, minimumTasks } = args.getConfig<StackFacts & { minimumTasksFromUptimePercent: number; minimumTasks: number }>();
    if (uptimeTargetPercent < minimumTasksFromUptimePercent) args.notApplicable(`uptime target ${uptimeTargetPercent} % is under ${minimumTasksFromUptimePercent} %`);
    if (service.schedulingStrategy === "DAEMON") args.notApplicable("a daemon service runs one task per instance");
    const desired = service.desiredCount ?? 0;
    if (desired < minimumTasks) reportViolation(`ECS service runs ${desired} task(s): at least ${minimumTasks} are required from ${minimumTasksFromUptimePercent} % uptime, and this stack targets ${uptimeTargetPercent} %`);
  }),
};
