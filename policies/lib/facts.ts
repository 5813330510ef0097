import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * The stack facts phase-dependent rules read, under the names one generated config per phase feeds to every rule.
 * Defaults are phase 1's values (Pulumi.phase1.yaml); `failoverTargetSeconds` has none, being absent before phase 4.
 */
export interface StackFacts {
  phase: number;
  uptimeTargetPercent: number;
  regionCount: number;
  failoverTargetSeconds?: number;
  monthlyBudgetMaxUsd: number;
}

export const FACT_PROPERTIES = {
  phase: { type: "integer", minimum: 1, maximum: 4, default: 1, description: "The stack's phase." },
  uptimeTargetPercent: { type: "number", default: 99.5, description: "The phase's uptime target, in percent." },
  regionCount: { type: "integer", minimum: 1, default: 1, description: "How many regions serve traffic." },
  failoverTargetSeconds: { type: "number", description: "How fast traffic must leave a failed region; absent before phase 4." },
  monthlyBudgetMaxUsd: { type: "number", default: 100, description: "The phase's monthly budget ceiling, in US dollars." },
} satisfies PolicyConfigSchema["properties"];

/** A config schema with the named facts and the rule's own bounds. */
export function factSchema<K extends keyof typeof FACT_PROPERTIES>(facts: K[], own: PolicyConfigSchema["properties"] = {}): PolicyConfigSchema {
  return { properties: { ...Object.fromEntries(facts.map((fact) => [fact, FACT_PROPERTIES[fact]])), ...own } };
}
