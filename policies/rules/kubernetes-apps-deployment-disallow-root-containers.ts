import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord, type Props } from "./security-lib.js";

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** Every container and init container of a Deployment's pod template, with its kind for messages. */
export function podContainers(props: Props): { pod: Props; containers: { label: string; container: Props }[] } {
  const pod = asRecord(asRecord(asRecord(props.spec).template).spec);
  const containers = [
    ...asArray(pod.initContainers).map((raw) => ({ label: `init container ${String(asRecord(raw).name ?? "?")}`, container: asRecord(raw) })),
    ...asArray(pod.containers).map((raw) => ({ label: `container ${String(asRecord(raw).name ?? "?")}`, container: asRecord(raw) })),
  ];
  return { pod, containers };
}

export const kubernetesAppsDeploymentDisallowRootContainers: ResourceValidationPolicy = {
  name: "kubernetes-apps-deployment-disallow-root-containers",
  description: "Every container of a Deployment runs as non-root, on a read-only root filesystem, without privilege escalation.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== DEPLOYMENT) return;
    const { pod, containers } = podContainers(args.props);
    const podContext = asRecord(pod.securityContext);
    for (const { label, container } of containers) {
      const context = asRecord(container.securityContext);
      const nonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
      if (nonRoot !== true || context.runAsUser === 0 || (context.runAsUser === undefined && podContext.runAsUser === 0)) reportViolation(`The ${label} may run as root: set runAsNonRoot to true.`);
      if (context.readOnlyRootFilesystem !== true) reportViolation(`The ${label} has a writable root filesystem: set readOnlyRootFilesystem to true.`);
      if (context.allowPrivilegeEscalation !== false) reportViolation(`The ${label} may escalate privileges: set allowPrivilegeEscalation to false.`);
      if (context.privileged === true) reportViolation(`The ${label} is privileged.`);
    }
  },
};
