import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { autoscalersOf, isDeployment } from "../lib/kubernetes.js";

/** A Deployment keeps the lower of its own replicas and its autoscaler's floor: from 99.9 % both must be at least two. */
export const kubernetesAppsDeploymentConfigureMinimumReplicas: StackValidationPolicy = {
  name: "kubernetes-apps-deployment-configure-minimum-replicas",
  description:
    "From the uptime target minimumReplicasFromUptimePercent (99.9 %) up, every Deployment runs at least minimumReplicas (2) pods: its HorizontalPodAutoscaler's minReplicas when one scales it, else its spec.replicas (1 when unset).",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["uptimeTargetPercent"], { minimumReplicasFromUptimePercent: { type: "number", default: 99.9 }, minimumReplicas: { type: "integer", default: 2 } }),
  validateStack: (args, reportViolation) => {
    const { uptimeTargetPercent, minimumReplicasFromUptimePercent, minimumReplicas } = args.getConfig<
      StackFacts & { minimumReplicasFromUptimePercent: number; minimumReplicas: number }
    >();
    if (uptimeTargetPercent < minimumReplicasFromUptimePercent) args.notApplicable(`uptime target ${uptimeTargetPercent} % is under ${minimumReplicasFromUptimePercent} %`);
    for (const deployment of args.resources.filter(isDeployment)) {
      const autoscalers = autoscalersOf(deployment, args.resources);
      const floor =
        autoscalers.length > 0
          ? Math.min(...autoscalers.map((spec) => spec.minReplicas ?? 1))
          : ((deployment.props.spec as { replicas?: number } | undefined)?.replicas ?? 1);
      if (floor < minimumReplicas) {
        reportViolation(
          `Deployment ${deployment.name} may run ${floor} replica(s): at least ${minimumReplicas} are required from ${minimumReplicasFromUptimePercent} % uptime, and this stack targets ${uptimeTargetPercent} %`,
          deployment.urn,
        );
      }
    }
  },
};
