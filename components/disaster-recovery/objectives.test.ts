import { describe, expect, it } from "vitest";
import { AURORA_GLOBAL_REPLICATION, crossRegionReplication, formatDuration, recoveryObjectives, trafficFailoverSeconds } from "./objectives.js";

const base = { databaseBackupRetentionDays: 14, copiedRuleIntervalsSeconds: [], copyRegions: [], restoreTimeSeconds: 7200 };

describe("recoveryObjectives", () => {
  it("loses up to 5 minutes with the automated backups of either in-region level, and nothing survives a region", () => {
    for (const level of ["automated-backups", "point-in-time"] as const) {
      const objectives = recoveryObjectives({ ...base, level });
      expect(objectives.databaseLoss).toMatchObject({ recoveryPointSeconds: 300, recoveryTimeSeconds: 7200 });
      expect(objectives.databaseLoss.basis).toBe("point-in-time restore within 14 days (transaction logs reach S3 every 5 min); restore assumed 2 h (AWS documents none)");
      expect(objectives.regionLoss).toBeNull();
    }
    expect(() => recoveryObjectives({ ...base, level: "automated-backups", databaseBackupRetentionDays: 0 })).toThrow(/databaseBackupRetentionDays is 0/);
  });

  it("loses a region's data back to its most frequent copied backup, restored elsewhere", () => {
    const { regionLoss } = recoveryObjectives({ ...base, level: "cross-region-copies", copiedRuleIntervalsSeconds: [86400, 3600], copyRegions: ["eu-west-1", "us-east-1"] });
    expect(regionLoss).toEqual({
      recoveryPointSeconds: 3600,
      recoveryTimeSeconds: 7200,
      basis: "AWS Backup copies every 1 h to eu-west-1, us-east-1, plus the copy's transfer time; restore assumed 2 h (AWS documents none)",
    });
  });

  it("loses a region's replication lag and moves its traffic within the health-check timing when the database replicates", () => {
    const { regionLoss } = recoveryObjectives({
      ...base,
      level: "multi-region-failover",
      copiedRuleIntervalsSeconds: [3600, 86400],
      copyRegions: ["us-west-2"],
      replication: AURORA_GLOBAL_REPLICATION,
      failoverTiming: { requestIntervalSeconds: 10, failureThreshold: 3, recordTtlSeconds: 15 },
    });
    expect(regionLoss?.recoveryPointSeconds).toBe(1);
    expect(regionLoss?.recoveryTimeSeconds).toBe(45);
    expect(regionLoss?.basis).toContain("aurora-global: storage-level replication, typically under 1 s; traffic leaves a failed region in 45 s");
  });
});

describe("the parts of the objectives", () => {
  it("adds the checks before a region is marked down to the TTL resolvers keep the old answer", () => {
    expect(trafficFailoverSeconds({ requestIntervalSeconds: 30, failureThreshold: 3, recordTtlSeconds: 60 })).toBe(150);
  });

  it("knows only Aurora Global Database as replicating across regions", () => {
    expect(crossRegionReplication("aurora-global")).toBe(AURORA_GLOBAL_REPLICATION);
    expect(crossRegionReplication("aurora-postgres")).toBeUndefined();
    expect(crossRegionReplication("rds-postgres")).toBeUndefined();
  });

  it("writes durations in the largest whole unit", () => {
    expect([45, 300, 3600, 7200, 86400, 90].map(formatDuration)).toEqual(["45 s", "5 min", "1 h", "2 h", "24 h", "90 s"]);
  });
});
