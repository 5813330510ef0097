import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { container, deployment } from "../testing/kubernetes-fixtures.js";
import { kubernetesAppsDeploymentConfigureResources as rule } from "./kubernetes-apps-deployment-configure-resources.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes containers with cpu and memory requests and limits, fails the ones without", async () => {
    expect(await messages(rule, deployment())).toEqual([]);
    expect(await messages(rule, deployment({ containers: [container({ resources: { requests: { cpu: "1" } } })] }))).toEqual([
      "The container api sets no requests for memory.",
      "The container api sets no limits for cpu and memory.",
    ]);
  });
});
