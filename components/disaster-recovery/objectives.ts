export type RecoveryLevel = "automated-backups" | "point-in-time" | "cross-region-copies" | "multi-region-failover";
export type DatabaseEngine = "rds-postgres" | "aurora-postgres" | "aurora-global";

export interface RecoveryObjective {
  /** The most recent data that may be lost, in seconds. */
  recoveryPointSeconds: number;
  /** How long until the service answers again, in seconds. */
  recoveryTimeSeconds: number;
  basis: string;
}

export interface RecoveryObjectives {
  /** A database lost or corrupted: restored in its own region. */
  databaseLoss: RecoveryObjective;
  /** A whole region lost; null while every backup stays in its region. */
  regionLoss: RecoveryObjective | null;
}

export interface DatabaseReplication {
  mode: string;
  typicalLagSeconds: number;
  description: string;
}

/** AWS Prescriptive Guidance, "Aurora global databases": replication "using dedicated infrastructure, with latency typically under one second". */
export const AURORA_GLOBAL_REPLICATION: DatabaseReplication = {
  mode: "aurora-global",
  typicalLagSeconds: 1,
  description: "aurora-global: storage-level replication, typically under 1 s",
};

export function crossRegionReplication(engine: DatabaseEngine): DatabaseReplication | undefined {
  return engine === "aurora-global" ? AURORA_GLOBAL_REPLICATION : undefined;
}

/**
 * RDS User Guide, "Restoring a DB instance to a specified time": RDS uploads transaction logs to Amazon S3 every
 * 5 minutes, so the latest restorable time trails by up to that; Aurora's backups are continuous, with the same bound.
 */
export const POINT_IN_TIME_RPO_SECONDS = 5 * 60;
/**
 * AWS documents no restore duration: a restore builds a new instance or cluster, and its Prescriptive Guidance says a
 * snapshot restore "can take up to a few hours". Two hours is our assumption until a restore drill measures it.
 */
export const ASSUMED_RESTORE_SECONDS = 2 * 60 * 60;

export interface FailoverTiming {
  requestIntervalSeconds: number;
  failureThreshold: number;
  recordTtlSeconds: number;
}

/** Route 53 marks a region unhealthy after `failureThreshold` failed checks, then resolvers keep the old answer for one TTL. */
export function trafficFailoverSeconds(timing: FailoverTiming): number {
  return timing.requestIntervalSeconds * timing.failureThreshold + timing.recordTtlSeconds;
}

export function formatDuration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export interface RecoveryObjectivesInput {
  level: RecoveryLevel;
  /** The database's automated backup retention: RDS and Aurora restore to any second within it. */
  databaseBackupRetentionDays: number;
  /** How often the backup plans take the recovery points they copy to `copyRegions`; empty without plans. */
  copiedRuleIntervalsSeconds: number[];
  copyRegions: string[];
  replication?: DatabaseReplication;
  failoverTiming?: FailoverTiming;
  restoreTimeSeconds: number;
}

/** What the phase's resources achieve: derived from the same plan rules, copy regions and health-check timing that build them. */
export function recoveryObjectives(input: RecoveryObjectivesInput): RecoveryObjectives {
  const restore = `restore assumed ${formatDuration(input.restoreTimeSeconds)} (AWS documents none)`;
  if (!(input.databaseBackupRetentionDays >= 1)) {
    throw new Error(`databaseBackupRetentionDays is ${input.databaseBackupRetentionDays}: automated backups (at least 1 day) are what every level builds on`);
  }
  // Automated backups are point-in-time recovery whatever the level's name: phase 1's "automated-backups" already
  // restores to any second of its retention, like phase 2's "point-in-time".
  const databaseLoss: RecoveryObjective = {
    recoveryPointSeconds: POINT_IN_TIME_RPO_SECONDS,
    recoveryTimeSeconds: input.restoreTimeSeconds,
    basis: `point-in-time restore within ${input.databaseBackupRetentionDays} days (transaction logs reach S3 every 5 min); ${restore}`,
  };

  if (input.replication && input.failoverTiming) {
    const { requestIntervalSeconds, failureThreshold, recordTtlSeconds } = input.failoverTiming;
    const failoverSeconds = trafficFailoverSeconds(input.failoverTiming);
    return {
      databaseLoss,
      regionLoss: {
        recoveryPointSeconds: input.replication.typicalLagSeconds,
        recoveryTimeSeconds: failoverSeconds,
        basis:
          `${input.replication.description}; traffic leaves a failed region in ${failoverSeconds} s ` +
          `(a check every ${requestIntervalSeconds} s × ${failureThreshold} failures + ${recordTtlSeconds} s TTL); ` +
          "writes follow once the writer is promoted in a surviving region",
      },
    };
  }
  if (input.copyRegions.length === 0 || input.copiedRuleIntervalsSeconds.length === 0) return { databaseLoss, regionLoss: null };
  const mostFrequent = Math.min(...input.copiedRuleIntervalsSeconds);
  return {
    databaseLoss,
    regionLoss: {
      recoveryPointSeconds: mostFrequent,
      recoveryTimeSeconds: input.restoreTimeSeconds,
      basis: `AWS Backup copies every ${formatDuration(mostFrequent)} to ${input.copyRegions.join(", ")}, plus the copy's transfer time; ${restore}`,
    },
  };
}
