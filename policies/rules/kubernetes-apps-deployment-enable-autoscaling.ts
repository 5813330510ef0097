import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { autoscalersOf, isDeployment } from "../lib/kubernetes.js";

/** Advisory, as for ECS services: a fixed replica count sized for the peak is a person's choice. */
export const kubernetesAppsDeploymentEnableAutoscaling: StackValidationPolicy = {
  name: "kubernetes-apps-deployment-enable-autoscaling",
  description: "From phase autoscalingFromPhase (3) on, every Deployment has a HorizontalPodAutoscaler with minReplicas under maxReplicas. Advisory: a fixed replica count sized for the peak is a person's choice.",
  enforcementLevel: "advisory",
  configSchema: factSchema(["phase"], { autoscalingFromPhase: { type: "integer", default: 3 } }),
  validateStack: (args, reportViolation) => {
    const { phase, autoscalingFromPhase } = args.getConfig<StackFacts & { autoscalingFromPhase: number }>();
    if (phase < autoscalingFromPhase) args.notApplicable(`phase ${phase} is before phase ${autoscalingFromPhase}`);
    for (const deployment of args.resources.filter(isDeployment)) {
      const autoscalers = autoscalersOf(deployment, args.resources);
      if (autoscalers.length === 0) reportViolation(`Deployment ${deployment.name} has no HorizontalPodAutoscaler: every Deployment scales from phase ${autoscalingFromPhase}`, deployment.urn);
      for (const { minReplicas = 1, maxReplicas } of autoscalers) {
        if (!(typeof maxReplicas === "number" && minReplicas < maxReplicas)) {
          reportViolation(`Deployment ${deployment.name} scales between ${minReplicas} and ${maxReplicas} replicas: minReplicas must be under maxReplicas`, deployment.urn);
        }
      }
    }
  },
};
