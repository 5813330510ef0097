import type { PolicyPackConfig } from "../../tools/policy/engine.js";

/** The parts of a stack's config (stacks/config PhaseConfig) the stack facts come from. */
export interface PhaseFactsSource {
  phase: number;
  regions: unknown[];
  targets: { uptimePercent: number; monthlyBudgetUsd: { max: number } };
  disasterRecovery: { failoverTargetSeconds?: number };
}

/** One pack config per phase: every rule gets the stack facts under their shared names. */
export function phasePackConfig(config: PhaseFactsSource, policies: { name: string }[]): PolicyPackConfig {
  const facts = {
    phase: config.phase,
    uptimeTargetPercent: config.targets.uptimePercent,
    regionCount: config.regions.length,
    monthlyBudgetMaxUsd: config.targets.monthlyBudgetUsd.max,
    ...(config.disasterRecovery.failoverTargetSeconds === undefined ? {} : { failoverTargetSeconds: config.disasterRecovery.failoverTargetSeconds }),
  };
  return Object.fromEntries(policies.map((policy) => [policy.name, facts]));
}
