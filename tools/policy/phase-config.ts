import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PhaseConfig } from "../../stacks/config/index.js";
import { listStacks, loadStackConfig, PROJECT_DIR } from "../../stacks/config/load.js";
import { FACT_PROPERTIES, type StackFacts } from "../../policies/lib/facts.js";
import type { PolicyPackConfig } from "./engine.js";

export type Rule = ResourceValidationPolicy | StackValidationPolicy;

/** The fact names a phase-dependent rule may declare in its `configSchema` (policies/lib/facts.ts). */
export const STACK_FACT_NAMES = Object.keys(FACT_PROPERTIES) as (keyof StackFacts)[];

/** A stack's facts, read from its validated config: the stack file is their only source. */
export function stackFacts(config: PhaseConfig): StackFacts {
  return {
    phase: config.phase,
    uptimeTargetPercent: config.targets.uptimePercent,
    regionCount: config.regions.length,
    ...(config.disasterRecovery.failoverTargetSeconds === undefined ? {} : { failoverTargetSeconds: config.disasterRecovery.failoverTargetSeconds }),
    monthlyBudgetMaxUsd: config.targets.monthlyBudgetUsd.max,
  };
}

/**
 * The pack config of a phase: every rule that declares some of the stack facts in its `configSchema` gets those facts
 * (and only those: the CLI validates each rule's config against its schema). Rules declaring none are left out, so
 * they run with their own defaults and level.
 */
export function phasePackConfig(config: PhaseConfig, rules: readonly Rule[]): PolicyPackConfig {
  const facts = stackFacts(config) as unknown as Record<string, unknown>;
  const packConfig: PolicyPackConfig = {};
  for (const rule of rules) {
    const declared = Object.keys((rule as { configSchema?: PolicyConfigSchema }).configSchema?.properties ?? {});
    const given = Object.fromEntries(STACK_FACT_NAMES.filter((name) => declared.includes(name) && facts[name] !== undefined).map((name) => [name, facts[name]]));
    if (Object.keys(given).length > 0) packConfig[rule.name] = given;
  }
  return packConfig;
}

/**
 * A config file laid over the generated one: a rule's object is merged key by key (so `{ "enforcementLevel": "disabled" }`
 * keeps the stack facts), anything else (a level string, `all`) replaces.
 */
export function withOverrides(generated: PolicyPackConfig, overrides: PolicyPackConfig): PolicyPackConfig {
  const merged: PolicyPackConfig = { ...generated };
  for (const [name, value] of Object.entries(overrides)) {
    const base = merged[name];
    merged[name] = typeof base === "object" && typeof value === "object" && value !== null ? { ...base, ...value } : value;
  }
  return merged;
}

export const CONFIG_DIR = join(PROJECT_DIR, "policies", "config");

export function phaseConfigFilePath(stack: string, directory = CONFIG_DIR): string {
  return join(directory, `${stack}.json`);
}

/** The text of `policies/config/<stack>.json`, for `pulumi preview --policy-pack-config`. */
export function phaseConfigFileText(config: PhaseConfig, rules: readonly Rule[]): string {
  return `${JSON.stringify(phasePackConfig(config, rules), null, 2)}\n`;
}

/** Writes one config file per stack file; returns the paths written. */
export function writePhaseConfigFiles(rules: readonly Rule[], directory = CONFIG_DIR): string[] {
  return listStacks().map((stack) => {
    const path = phaseConfigFilePath(stack, directory);
    writeFileSync(path, phaseConfigFileText(loadStackConfig(stack), rules));
    return path;
  });
}

/** The stacks whose config file is missing or differs from what their stack file gives. */
export function stalePhaseConfigFiles(rules: readonly Rule[], directory = CONFIG_DIR): string[] {
  return listStacks().filter((stack) => {
    try {
      return readFileSync(phaseConfigFilePath(stack, directory), "utf8") !== phaseConfigFileText(loadStackConfig(stack), rules);
    } catch {
      return true;
    }
  });
}
