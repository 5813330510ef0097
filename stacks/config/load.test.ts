import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parsePhaseConfig } from "./index.js";
import { UnknownStackError, decodePulumiConfigValue, listStacks, loadStackConfig, projectKeysOf, stackFilePath } from "./load.js";

const PHASES = ["phase1", "phase2", "phase3", "phase4"] as const;

function rawKeysOf(stack: string): Record<string, unknown> {
  const document = parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> };
  return projectKeysOf(document.config);
}

describe("stack files", () => {
  it("lists exactly the four phase stacks", () => {
    expect(listStacks()).toEqual([...PHASES]);
  });

  it.each(PHASES)("%s validates into a PhaseConfig", (stack) => {
    const config = loadStackConfig(stack);
    expect(config.stack).toBe(stack);
    expect(config.phase).toBe(Number(stack.slice(-1)));
    expect(config.regions.length).toBeGreaterThan(0);
    for (const region of config.regions) expect(region.availabilityZones.length).toBeGreaterThanOrEqual(2);
  });

  it("carries the plan's sizing, growing from phase to phase", () => {
    const [p1, p2, p3, p4] = PHASES.map((stack) => loadStackConfig(stack));
    expect([p1, p2, p3, p4].map((c) => [c?.compute.vcpu, c?.compute.memoryGb, c?.compute.storageGb])).toEqual([
      [1, 2, 10],
      [2, 4, 50],
      [4, 8, 100],
      [8, 16, 500],
    ]);
    expect([p1, p2, p3, p4].map((c) => c?.targets.uptimePercent)).toEqual([99.5, 99.9, 99.95, 99.99]);
    expect(p3?.compute.autoscaling).toEqual({ cpuTargetPercent: 70, memoryTargetPercent: 80, requestsPerTarget: undefined });
    expect(p4?.compute.autoscaling).toEqual({ cpuTargetPercent: 70, memoryTargetPercent: 80, requestsPerTarget: 1000 });
    expect(p1?.compute.autoscaling).toBeUndefined();
    expect(p3?.database.shards.map((s) => [s.region, s.firstBucket, s.lastBucket])).toEqual([
      ["us-east-1", 0, 33],
      ["eu-west-1", 34, 66],
      ["ap-southeast-1", 67, 99],
    ]);
    expect(p4?.regions.map((r) => [r.name, r.trafficPercent])).toEqual([
      ["us-east-1", 40],
      ["eu-west-1", 30],
      ["ap-southeast-1", 30],
    ]);
    expect(p4?.disasterRecovery).toEqual({ level: "multi-region-failover", backupRegions: ["us-west-2", "eu-central-1"], failoverTargetSeconds: 60 });
    expect(p1?.nextPhaseTrigger).toEqual({ users: 800, requestsPerMinute: 800, responseTimeMs: 1500, errorRatePercent: 0.5 });
    expect(p4?.nextPhaseTrigger).toBeUndefined();
  });

  it("names an unknown stack and lists the stacks that exist", () => {
    expect(() => loadStackConfig("phase7")).toThrow(UnknownStackError);
    expect(() => loadStackConfig("phase7")).toThrow('Unknown stack "phase7": there is no Pulumi.phase7.yaml. Stacks of this project: phase1, phase2, phase3, phase4.');
  });
});

describe("config read from the Pulumi engine", () => {
  it("keeps declared strings as strings and decodes the other types from JSON", () => {
    expect(decodePulumiConfigValue("uptimeTargetPercent", "99.95")).toBe("99.95");
    expect(decodePulumiConfigValue("phaseName", "MVP")).toBe("MVP");
    expect(decodePulumiConfigValue("instanceVcpu", "4")).toBe(4);
    expect(decodePulumiConfigValue("databaseMultiAz", "true")).toBe(true);
    expect(decodePulumiConfigValue("regions", '["us-east-1","eu-west-1"]')).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("validates each phase the same way from engine strings as from the YAML file", () => {
    for (const stack of PHASES) {
      const asEngineStrings = Object.fromEntries(
        Object.entries(rawKeysOf(stack)).map(([key, value]) => [key, decodePulumiConfigValue(key, typeof value === "string" ? value : JSON.stringify(value))]),
      );
      expect(parsePhaseConfig(stack, asEngineStrings, `Pulumi.${stack}.yaml`)).toEqual(loadStackConfig(stack));
    }
  });
});
