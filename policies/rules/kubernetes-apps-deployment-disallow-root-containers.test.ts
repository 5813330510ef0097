import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { container, deployment } from "../testing/kubernetes-fixtures.js";
import { kubernetesAppsDeploymentDisallowRootContainers as rule } from "./kubernetes-apps-deployment-disallow-root-containers.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes non-root containers on a read-only root filesystem without escalation", async () => {
    expect(await messages(rule, deployment())).toEqual([]);
  });

  it("fails an init container that may run as root, write its root filesystem and escalate", async () => {
    const root = container({ name: "migrate", securityContext: { runAsNonRoot: false } });
    expect(await messages(rule, deployment({ initContainers: [root] }))).toEqual([
      "The init container migrate may run as root: set runAsNonRoot to true.",
      "The init container migrate has a writable root filesystem: set readOnlyRootFilesystem to true.",
      "The init container migrate may escalate privileges: set allowPrivilegeEscalation to false.",
    ]);
    expect(await messages(rule, deployment({ securityContext: {}, containers: [container({ securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } })] }))).toEqual([
      "The container api may run as root: set runAsNonRoot to true.",
    ]);
  });
});
