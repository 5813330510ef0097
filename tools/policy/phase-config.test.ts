import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FACT_PROPERTIES } from "../../policies/lib/facts.js";
import { allRules } from "../../policies/rules/index.js";
import { loadStackConfig } from "../../stacks/config/load.js";
import { phaseConfigFilePath, phasePackConfig, stackFacts, stalePhaseConfigFiles, withOverrides, writePhaseConfigFiles } from "./phase-config.js";
import { encryptedBuckets, fixtureRules, regionFacts } from "./testing-rules.js";

describe("stackFacts", () => {
  it("reads phase 1's facts from its stack file (no failover target before phase 4)", () => {
    expect(stackFacts(loadStackConfig("phase1"))).toEqual({ phase: 1, uptimeTargetPercent: 99.5, regionCount: 1, monthlyBudgetMaxUsd: 100 });
  });

  it("gives the rules' fact defaults exactly phase 1's facts, so a rule run without a phase config judges phase 1", () => {
    const defaults = Object.fromEntries(Object.entries(FACT_PROPERTIES).flatMap(([name, property]) => ("default" in property ? [[name, property.default]] : [])));
    expect(defaults).toEqual(stackFacts(loadStackConfig("phase1")));
  });

  it("reads phase 4's, failover target included", () => {
    expect(stackFacts(loadStackConfig("phase4"))).toEqual({ phase: 4, uptimeTargetPercent: 99.99, regionCount: 3, failoverTargetSeconds: 60, monthlyBudgetMaxUsd: 15000 });
  });
});

describe("phasePackConfig", () => {
  it("gives each rule the facts its schema declares, and leaves out rules that declare none", () => {
    const wantsEverything = { ...regionFacts, name: "test-every-fact", configSchema: { properties: Object.fromEntries(["phase", "uptimeTargetPercent", "regionCount", "failoverTargetSeconds", "monthlyBudgetMaxUsd", "other"].map((key) => [key, { type: "number" as const }])) } };
    expect(phasePackConfig(loadStackConfig("phase1"), [encryptedBuckets, regionFacts, wantsEverything])).toEqual({
      "test-stack-configure-regions": { phase: 1, regionCount: 1 },
      "test-every-fact": { phase: 1, uptimeTargetPercent: 99.5, regionCount: 1, monthlyBudgetMaxUsd: 100 },
    });
    expect(phasePackConfig(loadStackConfig("phase4"), [wantsEverything])["test-every-fact"]).toMatchObject({ failoverTargetSeconds: 60 });
  });
});

describe("withOverrides", () => {
  it("merges a rule's settings over the generated facts, and lets a level or `all` replace", () => {
    expect(withOverrides({ a: { phase: 2 }, b: { phase: 2 } }, { a: { enforcementLevel: "disabled" }, b: "advisory", all: "mandatory" })).toEqual({
      a: { phase: 2, enforcementLevel: "disabled" },
      b: "advisory",
      all: "mandatory",
    });
  });
});

describe("policies/config/<stack>.json", () => {
  it("matches what the stack files and the pack's rules give (regenerate with `npm run policy -- --write-config`)", () => {
    expect(stalePhaseConfigFiles(allRules)).toEqual([]);
  });

  it("is written one per stack, and a changed file is reported stale", () => {
    const directory = mkdtempSync(join(tmpdir(), "policy-config-"));
    expect(writePhaseConfigFiles(fixtureRules, directory).map((path) => path.slice(directory.length + 1))).toEqual(["phase1.json", "phase2.json", "phase3.json", "phase4.json"]);
    expect(JSON.parse(readFileSync(phaseConfigFilePath("phase3", directory), "utf8"))).toEqual({ "test-stack-configure-regions": { phase: 3, regionCount: stackFacts(loadStackConfig("phase3")).regionCount } });
    expect(stalePhaseConfigFiles(fixtureRules, directory)).toEqual([]);
    writeFileSync(phaseConfigFilePath("phase2", directory), "{}\n");
    expect(stalePhaseConfigFiles(fixtureRules, directory)).toEqual(["phase2"]);
  });
});
