import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { deployment, hpa } from "../testing/kubernetes.js";
import { facts, PHASE_4 } from "../testing/resources.js";
import { kubernetesAppsDeploymentConfigureMinimumReplicas as rule } from "./kubernetes-apps-deployment-configure-minimum-replicas.js";

describe(rule.name, () => {
  it("takes the autoscaler's floor, else the replicas", async () => {
    expect(await runStackPolicy(rule, [deployment(), hpa()], facts(rule, PHASE_4))).toEqual([]);
    expect(await runStackPolicy(rule, [deployment({ replicas: 3 })], facts(rule, PHASE_4))).toEqual([]);
    expect((await runStackPolicy(rule, [deployment({ replicas: 3 }), hpa({ minReplicas: 1 })], facts(rule, PHASE_4))).map((v) => v.message)).toEqual([
      "Deployment backend-deployment may run 1 replica(s): at least 2 are required from 99.9 % uptime, and this stack targets 99.99 %",
    ]);
  });
});
