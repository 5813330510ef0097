import { describe, expect, it } from "vitest";
import { synthesizeStack } from "../../tools/offline/synthesize.js";
import { previewResources, runPolicies } from "../../tools/policy/engine.js";
import { phasePackConfig } from "../testing/phase-pack-config.js";
import { reliabilityRules } from "./reliability.js";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the reliability rules on %s", (stack) => {
  it("find no mandatory violation", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const violations = await runPolicies(reliabilityRules, previewResources(preview), phasePackConfig(config, reliabilityRules));
    expect(violations.filter((violation) => violation.enforcementLevel === "mandatory")).toEqual([]);
    expect(violations).toEqual([]);
  });
});
