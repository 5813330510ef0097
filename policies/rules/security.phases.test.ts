import { describe, expect, it } from "vitest";
import { synthesizeStack } from "../../tools/offline/synthesize.js";
import { previewResources, runPolicies, type PolicyPackConfig } from "../../tools/policy/engine.js";
import { securityRules } from "./security.js";

/** The pack config one phase's stack facts make: the same facts for every rule. */
function phasePackConfig(config: Awaited<ReturnType<typeof synthesizeStack>>["config"]): PolicyPackConfig {
  const facts = {
    phase: config.phase,
    uptimeTargetPercent: config.targets.uptimePercent,
    regionCount: config.regions.length,
    monthlyBudgetMaxUsd: config.targets.monthlyBudgetUsd.max,
    ...(config.disasterRecovery.failoverTargetSeconds === undefined ? {} : { failoverTargetSeconds: config.disasterRecovery.failoverTargetSeconds }),
  };
  return Object.fromEntries(securityRules.map((rule) => [rule.name, facts]));
}

describe("the security rules over the four synthesized phases", () => {
  for (const stack of ["phase1", "phase2", "phase3", "phase4"]) {
    it(`${stack} violates no mandatory security rule`, async () => {
      const { config, preview } = await synthesizeStack(stack);
      const violations = await runPolicies(securityRules, previewResources(preview), phasePackConfig(config));
      const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policy} ${violation.urn?.split("::").at(-1) ?? ""}`);
      expect(mandatory).toEqual([]);
    }, 120_000);
  }
});
