import { describe, expect, it } from "vitest";
import { allRules } from "../../policies/rules/index.js";
import { runPolicyCommand } from "./run.js";

// What CI checks (.github/workflows/pull-request.yml, the offline-preview job): the pack's rules on each synthesized phase, no mandatory violation;
// today no advisory either, which this pins so that a new one is a decision, not an accident.
describe.each(["phase1", "phase2", "phase3", "phase4"])("npm run policy -- --stack %s", (stack) => {
  it("passes every rule of the pack", async () => {
    const out: string[] = [];
    const code = await runPolicyCommand(["--stack", stack, "--json"], { rules: allRules }, { stdout: (text) => out.push(text), stderr: () => {} });
    const report = JSON.parse(out.join("\n")) as { violations: { enforcementLevel: string }[] };
    expect(report.violations.filter((violation) => violation.enforcementLevel === "mandatory")).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
  });
});
