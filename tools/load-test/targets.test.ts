import { describe, expect, it } from "vitest";
import { listStacks, loadStackConfig } from "../../stacks/config/load.js";
import { errorRateThreshold, loadTarget, requestRate } from "./targets.js";

const phases = listStacks()
  .filter((stack) => /^phase\d$/.test(stack))
  .map((stack) => loadStackConfig(stack));
const phase = (n: number) => phases.find((config) => config.phase === n) as (typeof phases)[number];

describe("requestRate", () => {
  it("gives one instance the busiest region's share of the phase's peak over its largest fleet, rounded up", () => {
    // 1000/min ÷ 1; 10 000/min ÷ 2; 100 000/min × 34 % ÷ 10; 1 000 000/min × 40 % ÷ 20.
    expect([1, 2, 3, 4].map((n) => requestRate(phase(n), "instance").requestsPerSecond)).toEqual([17, 84, 57, 334]);
    expect(requestRate(phase(3), "instance").basis).toContain("100000 requests/min × 34 % in us-east-1 ÷ 10 instances = 3400 requests/min");
  });

  it("gives the fleet the phase's whole peak", () => {
    expect([1, 2, 3, 4].map((n) => requestRate(phase(n), "fleet").requestsPerSecond)).toEqual([17, 167, 1667, 16667]);
  });
});

describe("errorRateThreshold", () => {
  it("is the phase's own next-phase trigger", () => {
    expect([1, 2, 3].map((n) => errorRateThreshold(phase(n), phases).percent)).toEqual([0.5, 0.3, 0.2]);
  });

  it("holds the last phase, which has no trigger, to the previous phase's", () => {
    expect(errorRateThreshold(phase(4), phases)).toEqual({ percent: 0.2, basis: expect.stringContaining("phase3's nextPhaseTriggerErrorRatePercent") as string });
    expect(() => errorRateThreshold(phase(4), [phase(4)])).toThrow(/phase4 has no nextPhaseTriggerErrorRatePercent and no earlier phase has one/);
  });
});

describe("loadTarget", () => {
  it("takes the response-time target from the stack file", () => {
    expect(loadTarget(phase(1), "instance", phases)).toMatchObject({ stack: "phase1", requestsPerSecond: 17, responseTimeTargetMs: 2000, errorRateThresholdPercent: 0.5 });
    expect(loadTarget(phase(4), "fleet", phases)).toMatchObject({ stack: "phase4", scope: "fleet", responseTimeTargetMs: 500, errorRateThresholdPercent: 0.2 });
  });
});
