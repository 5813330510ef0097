import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parsePhaseConfig } from "./index.js";
import { projectKeysOf, stackFilePath } from "./load.js";
import { observabilityProblems } from "./observability.js";

const keysOf = (stack: string) => projectKeysOf((parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> }).config);

describe("observabilityProblems", () => {
  it("requires the Datadog site with the datadog stack and refuses it with any other", () => {
    expect(observabilityProblems({ monitoringStack: "datadog", sentryOrganization: "francaisfluide", datadogSite: "datadoghq.eu" })).toEqual([]);
    expect(observabilityProblems({ monitoringStack: "datadog", sentryOrganization: "francaisfluide" }).map((problem) => problem.key)).toEqual(["datadogSite"]);
    expect(observabilityProblems({ monitoringStack: "elk", sentryOrganization: "francaisfluide", datadogSite: "datadoghq.com" })).toEqual([
      { key: "datadogSite", message: "has no effect with monitoringStack elk: only the datadog stack creates Datadog resources; remove it" },
    ]);
  });
});

describe("the observability keys in the stack files", () => {
  it("give every phase a Sentry organization and only phase 4 a Datadog site", () => {
    for (const stack of ["phase1", "phase2", "phase3", "phase4"]) {
      const config = parsePhaseConfig(stack, keysOf(stack), `Pulumi.${stack}.yaml`);
      expect(config.observability.sentryOrganization).toBe("francaisfluide");
      expect(config.observability.datadogSite).toBe(stack === "phase4" ? "datadoghq.eu" : undefined);
    }
  });

  it("reject a slug Sentry would refuse and a site Datadog does not run, naming the key", () => {
    expect(() => parsePhaseConfig("phase1", { ...keysOf("phase1"), sentryOrganization: "Français Fluide" }, "Pulumi.phase1.yaml")).toThrow(/francaisfluide:sentryOrganization/);
    expect(() => parsePhaseConfig("phase4", { ...keysOf("phase4"), datadogSite: "datadoghq.fr" }, "Pulumi.phase4.yaml")).toThrow(/francaisfluide:datadogSite/);
    expect(() => parsePhaseConfig("phase4", { ...keysOf("phase4"), datadogSite: undefined }, "Pulumi.phase4.yaml")).toThrow(/francaisfluide:datadogSite: is required with monitoringStack datadog/);
  });
});
