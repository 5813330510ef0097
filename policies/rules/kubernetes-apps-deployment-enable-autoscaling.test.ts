import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { deployment, hpa } from "../testing/kubernetes.js";
import { facts, PHASE_4 } from "../testing/resources.js";
import { kubernetesAppsDeploymentEnableAutoscaling as rule } from "./kubernetes-apps-deployment-enable-autoscaling.js";

describe(rule.name, () => {
  it("wants an HPA with min under max", async () => {
    expect(await runStackPolicy(rule, [deployment(), hpa()], facts(rule, PHASE_4))).toEqual([]);
    expect((await runStackPolicy(rule, [deployment()], facts(rule, PHASE_4))).map((v) => v.message)).toEqual([
      "Deployment backend-deployment has no HorizontalPodAutoscaler: every Deployment scales from phase 3",
    ]);
  });
});
