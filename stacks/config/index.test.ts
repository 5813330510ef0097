import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PhaseConfigError, parsePhaseConfig, stackConfigKeysSchema } from "./index.js";
import { PROJECT_DIR, projectKeysOf, stackFilePath } from "./load.js";

function rawKeysOf(stack: string): Record<string, unknown> {
  const document = parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> };
  return projectKeysOf(document.config);
}

function errorOf(run: () => unknown): PhaseConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof PhaseConfigError) return error;
    throw error;
  }
  throw new Error("expected a PhaseConfigError, but the config was accepted");
}

describe("Pulumi.yaml declarations", () => {
  const declared = (parseYaml(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as { config: Record<string, { type: string; items?: { type: string }; description?: string }> }).config;
  const schemaTypes = z.toJSONSchema(stackConfigKeysSchema, { io: "input" }).properties as Record<string, { type: string; items?: { type: string } }>;

  it("declares every key of the schema, and no other", () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(stackConfigKeysSchema.shape).sort());
  });

  it.each(Object.keys(stackConfigKeysSchema.shape))("declares %s with the schema's type and a description", (key) => {
    const declaration = declared[key];
    const schemaType = schemaTypes[key];
    expect(declaration?.description?.length).toBeGreaterThan(10);
    expect(declaration?.type).toBe(schemaType?.type);
    if (schemaType?.type === "array") expect(declaration?.items?.type).toBe(schemaType.items?.type);
  });
});

describe("broken stack configs", () => {
  const source = "Pulumi.phase3.yaml";
  const phase3 = () => rawKeysOf("phase3");

  it("rejects a wrong type, naming the file, the key, what was expected and what was found", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), instanceVcpu: "four" }, source));
    expect(error.message).toContain("Pulumi.phase3.yaml");
    expect(error.message).toContain('francaisfluide:instanceVcpu: expected a number, found string "four"');
  });

  it("rejects a decimal where an integer is expected", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), instanceMemoryGb: 7.5 }, source));
    expect(error.message).toContain("francaisfluide:instanceMemoryGb: expected an integer, found number 7.5");
  });

  it("rejects a missing key", () => {
    const { databaseEngine: _removed, ...withoutEngine } = phase3();
    const error = errorOf(() => parsePhaseConfig("phase3", withoutEngine, source));
    expect(error.message).toContain("francaisfluide:databaseEngine: expected one of");
    expect(error.message).toContain("found nothing (the key is missing)");
  });

  it("rejects an unknown key and suggests the closest declared one", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), instanceVcpus: 4 }, source));
    expect(error.message).toContain("francaisfluide:instanceVcpus: unknown key (did you mean francaisfluide:instanceVcpu?)");
  });

  it("rejects a negative count", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), databaseReadersPerCluster: -1 }, source));
    expect(error.message).toContain("francaisfluide:databaseReadersPerCluster: expected at least 0, found integer -1");
  });

  it("rejects a minimum above its maximum", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), instanceCountMin: 12 }, source));
    expect(error.message).toContain("francaisfluide:instanceCountMin: must not exceed instanceCountMax (10), found 12");
  });

  it("rejects a value outside an enumeration", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), natGateways: "two" }, source));
    expect(error.message).toContain('francaisfluide:natGateways: expected one of "none", "single", "per-az", found string "two"');
  });

  it("rejects per-region lists that do not match the regions, traffic that does not sum to 100, and overlapping VPCs", () => {
    const error = errorOf(() =>
      parsePhaseConfig("phase3", { ...phase3(), regionTrafficPercent: [50, 30], regionVpcCidrs: ["10.10.0.0/16", "10.10.128.0/17", "10.30.0.0/16"] }, source),
    );
    expect(error.message).toContain("francaisfluide:regionTrafficPercent: needs one entry per region (3: us-east-1, eu-west-1, ap-southeast-1), found 2");
    expect(error.message).toContain("francaisfluide:regionTrafficPercent: must sum to 100, found 80");
    expect(error.message).toContain("10.10.0.0/16 overlaps 10.10.128.0/17");
  });

  it("rejects shard ranges with a gap and a shard outside the phase's regions", () => {
    const error = errorOf(() =>
      parsePhaseConfig("phase3", { ...phase3(), databaseShardFirstBucket: [0, 40, 67], databaseShardRegions: ["us-east-1", "eu-west-1", "sa-east-1"] }, source),
    );
    expect(error.message).toContain("francaisfluide:databaseShardFirstBucket: buckets 34-39 belong to no shard");
    expect(error.message).toContain("sa-east-1 is not one of the phase's regions");
  });

  it("requires autoscaling targets when the instance count can grow, and next-phase triggers before phase 4", () => {
    const { autoscalingCpuTargetPercent: _cpu, nextPhaseTriggerUsers: _users, ...raw } = phase3();
    const error = errorOf(() => parsePhaseConfig("phase3", raw, source));
    expect(error.message).toContain("francaisfluide:autoscalingCpuTargetPercent: is required when instanceCountMax (10) exceeds instanceCountMin (2)");
    expect(error.message).toContain("francaisfluide:nextPhaseTriggerUsers: is required before the last phase (phase 3)");
  });

  it("rejects a domain name that is not a lower-case DNS name", () => {
    for (const domainName of ["FrancaisFluide.fr", "francaisfluide", "https://francaisfluide.fr", "-fluide.fr"]) {
      const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), domainName }, source));
      expect(error.message).toContain(`francaisfluide:domainName: expected a lower-case DNS name such as francaisfluide.fr, found string ${JSON.stringify(domainName)}`);
    }
  });

  it("takes the app's image as a repository and an immutable tag", () => {
    expect(parsePhaseConfig("phase3", phase3(), source).compute.image).toEqual({ repository: "ghcr.io/francaisfluide/api", tag: "0.1.0" });
    const tagged = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), appImageRepository: "ghcr.io/francaisfluide/api:0.1.0" }, source));
    expect(tagged.message).toContain('francaisfluide:appImageRepository: expected an image repository without tag, such as ghcr.io/francaisfluide/api, found string "ghcr.io/francaisfluide/api:0.1.0"');
    const latest = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), appImageTag: "latest" }, source));
    expect(latest.message).toContain('francaisfluide:appImageTag: expected an immutable release tag such as 0.1.0, not a moving one, found string "latest"');
    expect(parsePhaseConfig("phase3", { ...phase3(), appImageRepository: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/francaisfluide-api" }, source).compute.image.repository).toMatch(/ecr/);
  });

  it("reports every problem at once, not only the first", () => {
    const error = errorOf(() => parsePhaseConfig("phase3", { ...phase3(), instanceVcpu: "four", cdnPlan: "gold", extra: true }, source));
    expect(error.problems).toHaveLength(3);
  });
});
