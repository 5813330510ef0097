import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asRecord } from "./security-lib.js";
import { DEPLOYMENT, podContainers } from "./kubernetes-apps-deployment-disallow-root-containers.js";

export const kubernetesAppsDeploymentConfigureResources: ResourceValidationPolicy = {
  name: "kubernetes-apps-deployment-configure-resources",
  description: "Every container of a Deployment requests and limits its cpu and memory.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== DEPLOYMENT) return;
    for (const { label, container } of podContainers(args.props).containers) {
      const resources = asRecord(container.resources);
      for (const kind of ["requests", "limits"] as const) {
        const missing = ["cpu", "memory"].filter((resource) => asRecord(resources[kind])[resource] === undefined);
        if (missing.length > 0) reportViolation(`The ${label} sets no ${kind} for ${missing.join(" and ")}.`);
      }
    }
  },
};
