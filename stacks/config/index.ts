import { z } from "zod";
import { type CacheConfig, cacheKeyShape, cacheProblems, nestCache } from "./cache.js";
import { type ComputeConfig, computeKeyShape, computeProblems, nestCompute } from "./compute.js";
import { type DatabaseConfig, databaseKeyShape, databaseProblems, nestDatabase } from "./database.js";
import { type CdnConfig, edgeKeyShape, edgeProblems, type FrontendConfig, nestCdn, nestFrontend } from "./edge.js";
import { describeIssue, fullKey, PhaseConfigError, type Problem } from "./errors.js";
import { type GcpConfig, gcpKeyShape, gcpProblems, nestGcp } from "./gcp.js";
import { type MonitoringConfig, monitoringKeyShape, monitoringProblems, nestMonitoring } from "./monitoring.js";
import { nestObservability, type ObservabilityConfig, observabilityKeyShape, observabilityProblems } from "./observability.js";
import { nestNetwork, nestRegions, type NetworkConfig, networkKeyShape, networkProblems, type RegionConfig } from "./network.js";
import { type DisasterRecoveryConfig, nestDisasterRecovery, recoveryKeyShape, recoveryProblems } from "./recovery.js";
import { nestNextPhaseTrigger, nestTargets, type NextPhaseTrigger, type TargetsConfig, targetsKeyShape, targetsProblems } from "./targets.js";

export { PhaseConfigError } from "./errors.js";

/**
 * The stack file's keys, flat, exactly as declared in Pulumi.yaml (whose project config
 * types have no objects and no decimals). `crossKeyProblems` checks how they fit together
 * and `parsePhaseConfig` nests them into the `PhaseConfig` the components read.
 */
export const stackConfigKeysSchema = z.strictObject({
  ...targetsKeyShape,
  ...networkKeyShape,
  ...computeKeyShape,
  ...databaseKeyShape,
  ...cacheKeyShape,
  ...edgeKeyShape,
  ...monitoringKeyShape,
  ...observabilityKeyShape,
  ...recoveryKeyShape,
  ...gcpKeyShape,
});

export type StackConfigKeys = z.output<typeof stackConfigKeysSchema>;

/** What a stack's config means, block by block, once its keys are valid together. */
export interface PhaseConfig {
  /** The Pulumi stack name, such as phase3. */
  stack: string;
  phase: number;
  phaseName: string;
  costCenter: string;
  targets: TargetsConfig;
  /** Absent in the last phase. */
  nextPhaseTrigger?: NextPhaseTrigger;
  regions: RegionConfig[];
  network: NetworkConfig;
  compute: ComputeConfig;
  database: DatabaseConfig;
  cache: CacheConfig;
  cdn: CdnConfig;
  frontend: FrontendConfig;
  monitoring: MonitoringConfig;
  /** Error tracking in every phase; the Datadog site with the datadog monitoring stack. */
  observability: ObservabilityConfig;
  disasterRecovery: DisasterRecoveryConfig;
  /** Only with backendPlatform kubernetes: where GKE runs. */
  gcp?: GcpConfig;
}

/** Cross-key rules: what no single key's type can say. Each problem names the key to fix. */
export function crossKeyProblems(keys: StackConfigKeys): Problem<keyof StackConfigKeys>[] {
  return [
    ...targetsProblems(keys),
    ...networkProblems(keys),
    ...computeProblems(keys),
    ...databaseProblems(keys),
    ...cacheProblems(keys),
    ...edgeProblems(keys),
    ...monitoringProblems(keys),
    ...recoveryProblems(keys),
    ...observabilityProblems(keys),
    ...gcpProblems(keys),
  ];
}

function nestPhaseConfig(stack: string, keys: StackConfigKeys): PhaseConfig {
  return {
    stack,
    phase: keys.phase,
    phaseName: keys.phaseName,
    costCenter: keys.costCenter,
    targets: nestTargets(keys),
    nextPhaseTrigger: nestNextPhaseTrigger(keys),
    regions: nestRegions(keys),
    network: nestNetwork(keys),
    compute: nestCompute(keys),
    database: nestDatabase(keys),
    cache: nestCache(keys),
    cdn: nestCdn(keys),
    frontend: nestFrontend(keys),
    monitoring: nestMonitoring(keys),
    observability: nestObservability(keys),
    disasterRecovery: nestDisasterRecovery(keys),
    gcp: nestGcp(keys),
  };
}

/**
 * Validates the project's keys of one stack (without the `francaisfluide:` prefix) into a
 * PhaseConfig. `source` names where they came from, for the error message.
 */
export function parsePhaseConfig(stack: string, raw: Record<string, unknown>, source: string): PhaseConfig {
  const parsed = stackConfigKeysSchema.safeParse(raw);
  if (!parsed.success) {
    const knownKeys = Object.keys(stackConfigKeysSchema.shape);
    throw new PhaseConfigError(source, parsed.error.issues.flatMap((issue) => describeIssue(issue, raw, knownKeys)));
  }
  const problems = crossKeyProblems(parsed.data);
  if (problems.length > 0) {
    throw new PhaseConfigError(
      source,
      problems.map((p) => `${fullKey(p.key)}: ${p.message}`),
    );
  }
  return nestPhaseConfig(stack, parsed.data);
}
