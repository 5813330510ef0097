import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceTags, type StackTags } from "../tags.js";
import { buildBackups, copyDestinations, planBackupRules } from "./backups.js";
import { buildFailover, failoverDefaults, failoverProblems, failoverTiming, type TrafficFailover, type TrafficFailoverArgs } from "./failover.js";
import { ASSUMED_RESTORE_SECONDS, crossRegionReplication, type DatabaseEngine, type RecoveryLevel, type RecoveryObjectives, recoveryObjectives } from "./objectives.js";

export { copyDestinations, databaseArnPattern, databaseSelectionConditions, planBackupRules, type BackupRuleSpec } from "./backups.js";
export { type TrafficFailover, type TrafficFailoverArgs } from "./failover.js";
export * from "./objectives.js";

export interface RegionProvider {
  region: string;
  provider: aws.Provider;
}

export interface DatabaseRecoveryArgs {
  engine: DatabaseEngine;
  /** Where the databases' writers live (each shard's region): AWS Backup snapshots them there. */
  writerRegions: string[];
  /** Days the daily recovery points and their copies are kept. */
  backupRetentionDays: number;
}

export interface DisasterRecoveryArgs {
  level: RecoveryLevel;
  /** The serving regions, the primary first, each with its explicit provider. */
  regions: RegionProvider[];
  /** Regions that only receive copies of the backups, each with its explicit provider. */
  backupRegions: RegionProvider[];
  database: DatabaseRecoveryArgs;
  /** Only with multi-region failover. */
  failover?: TrafficFailoverArgs;
  /** How long restoring a database from a recovery point takes, until a restore drill measures it. */
  restoreTimeSeconds?: number;
  /**
   * Hourly points only bound what a lost region takes with it, so the latest day of them is enough: the daily points
   * and the database's own continuous backups cover the rest of the retention window.
   */
  hourlyRetentionDays?: number;
  tags: StackTags;
}

const safeDefaults = { restoreTimeSeconds: ASSUMED_RESTORE_SECONDS, hourlyRetentionDays: 1 };
type Settings = DisasterRecoveryArgs & typeof safeDefaults;

const copiesBackups = (level: RecoveryLevel) => level === "cross-region-copies" || level === "multi-region-failover";

/** Args that contradict each other or AWS's limits, each naming its field; empty when the component can be built. */
export function disasterRecoveryArgProblems(args: Settings): string[] {
  const problems: string[] = [];
  const regions = args.regions.map((r) => r.region);
  const backupRegions = args.backupRegions.map((r) => r.region);
  if (regions.length === 0) problems.push("regions: needs at least the primary region, whose provider holds the global resources");
  for (const region of args.database.writerRegions.filter((r) => !regions.includes(r))) {
    problems.push(`database.writerRegions: ${region} is not one of regions (${regions.join(", ")})`);
  }
  for (const region of backupRegions.filter((r) => regions.includes(r))) problems.push(`backupRegions: ${region} already serves traffic`);
  if (copiesBackups(args.level)) {
    for (const region of args.database.writerRegions.filter((r) => copyDestinations(r, regions, backupRegions).length === 0)) {
      problems.push(`database.writerRegions: ${region} has nowhere to copy to with level ${args.level}: give a second region in regions or one in backupRegions`);
    }
  } else if (backupRegions.length > 0) {
    problems.push(`backupRegions: has no effect with level ${args.level}, whose backups stay in their region`);
  }
  if (args.hourlyRetentionDays > args.database.backupRetentionDays) {
    problems.push(`hourlyRetentionDays (${args.hourlyRetentionDays}) exceeds database.backupRetentionDays (${args.database.backupRetentionDays})`);
  }
  if (args.level === "multi-region-failover" && !args.failover) problems.push("failover: is required with level multi-region-failover");
  if (args.level !== "multi-region-failover" && args.failover) problems.push(`failover: has no effect with level ${args.level}`);
  if (args.failover) problems.push(...failoverProblems({ ...failoverDefaults, ...args.failover }, regions));
  return problems;
}

/**
 * What the phase can recover from, and how fast. Up to point-in-time recovery the database's own backups are the
 * whole story and nothing is created here; from cross-region copies on, AWS Backup copies every database of the stack
 * out of its region; multi-region failover adds the health-checked DNS that moves traffic within the target.
 */
export class DisasterRecovery extends pulumi.ComponentResource {
  readonly level: RecoveryLevel;
  readonly recoveryObjectives: RecoveryObjectives;
  /** The vault of every region that keeps recovery points or copies of them. */
  readonly backupVaultArns: Record<string, pulumi.Output<string>>;
  readonly failover: TrafficFailover | null;

  constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings: Settings = { ...safeDefaults, ...args };
    const problems = disasterRecoveryArgProblems(settings);
    if (problems.length > 0) throw new Error(`Cannot build disaster recovery "${name}":\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    super("francaisfluide:disaster-recovery:DisasterRecovery", name, {}, opts);

    const regions = settings.regions.map((r) => r.region);
    const primaryProvider = settings.regions[0]?.provider as aws.Provider;
    const providers = new Map([...settings.regions, ...settings.backupRegions].map((r) => [r.region, r.provider]));
    const tagsFor = (resourceName: string) => resourceTags(settings.tags, "disaster-recovery", `${settings.tags.project}-${settings.tags.phase}-${resourceName}`);
    const rules = planBackupRules(settings.database.backupRetentionDays, settings.hourlyRetentionDays);
    const backupRegions = settings.backupRegions.map((r) => r.region);
    const destinations = new Map(
      copiesBackups(settings.level) ? settings.database.writerRegions.map((source) => [source, copyDestinations(source, regions, backupRegions)]) : [],
    );
    const failover = settings.failover && { ...failoverDefaults, ...settings.failover };

    this.level = settings.level;
    this.backupVaultArns =
      destinations.size > 0
        ? buildBackups({
            name,
            parent: this,
            tags: settings.tags,
            engine: settings.database.engine,
            rules,
            destinations,
            providerOf: (region) => providers.get(region) as aws.Provider,
            primaryProvider,
            tagsFor,
          })
        : {};
    this.failover = failover ? buildFailover({ name, parent: this, failover, regions, primaryProvider, tagsFor }) : null;
    this.recoveryObjectives = recoveryObjectives({
      level: settings.level,
      databaseBackupRetentionDays: settings.database.backupRetentionDays,
      copiedRuleIntervalsSeconds: destinations.size > 0 ? rules.map((rule) => rule.intervalSeconds) : [],
      copyRegions: [...new Set([...destinations.values()].flat())],
      replication: crossRegionReplication(settings.database.engine),
      failoverTiming: failover && failoverTiming(failover),
      restoreTimeSeconds: settings.restoreTimeSeconds,
    });
    this.registerOutputs({ level: this.level, recoveryObjectives: this.recoveryObjectives, backupVaultArns: this.backupVaultArns, failover: this.failover });
  }
}
