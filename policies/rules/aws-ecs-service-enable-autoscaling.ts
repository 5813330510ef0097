import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { refersTo } from "../lib/references.js";

/**
 * Advisory: how capacity follows load is a person's call (a fixed fleet sized for the peak is sound, if dearer), and
 * the minimum-tasks rule already guards availability; the plan's scaling from phase 3 is what this reminds of.
 */
export const awsEcsServiceEnableAutoscaling: StackValidationPolicy = {
  name: "aws-ecs-service-enable-autoscaling",
  description: "From phase autoscalingFromPhase (3) on, every ECS service has an Application Auto Scaling target with minCapacity under maxCapacity. Advisory: a fixed fleet sized for the peak is a person's choice.",
  enforcementLevel: "advisory",
  configSchema: factSchema(["phase"], { autoscalingFromPhase: { type: "integer", default: 3 } }),
  validateStack: (args, reportViolation) => {
    const { phase, autoscalingFromPhase } = args.getConfig<StackFacts & { autoscalingFromPhase: number }>();
    if (phase < autoscalingFromPhase) args.notApplicable(`phase ${phase} is before phase ${autoscalingFromPhase}`);
    const targets = args.resources.filter((resource) => resource.type === "aws:appautoscaling/target:Target" && resource.props.serviceNamespace !== "rds");
    for (const service of args.resources.filter((resource) => resource.type === "aws:ecs/service:Service")) {
      const own = targets.filter((target) => typeof target.props.resourceId === "string" && refersTo(target.props.resourceId.split("/").at(-1), service, ["name"]));
      if (own.length === 0) {
        reportViolation(`ECS service ${service.name} has no autoscaling target: every service scales from phase ${autoscalingFromPhase}`, service.urn);
        continue;
      }
      for (const target of own) {
        const { minCapacity, maxCapacity } = target.props as { minCapacity?: number; maxCapacity?: number };
        if (!(typeof minCapacity === "number" && typeof maxCapacity === "number" && minCapacity < maxCapacity)) {
          reportViolation(`ECS service ${service.name} scales between ${minCapacity} and ${maxCapacity} tasks: minCapacity must be under maxCapacity`, target.urn);
        }
      }
    }
  },
};
