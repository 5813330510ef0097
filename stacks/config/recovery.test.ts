import { describe, expect, it } from "vitest";
import { type RecoveryKeys, recoveryProblems } from "./recovery.js";

const keysOf = (disasterRecovery: RecoveryKeys["disasterRecovery"], regions: string[], backupRegions: string[] = [], failoverTargetSeconds?: number) => ({
  disasterRecovery,
  regions,
  backupRegions,
  failoverTargetSeconds,
});
const THREE_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];

describe("recoveryProblems", () => {
  it("accepts the four stacks' shapes", () => {
    expect(recoveryProblems(keysOf("automated-backups", ["us-east-1"]))).toEqual([]);
    expect(recoveryProblems(keysOf("point-in-time", ["us-east-1"]))).toEqual([]);
    expect(recoveryProblems(keysOf("cross-region-copies", THREE_REGIONS))).toEqual([]);
    expect(recoveryProblems(keysOf("multi-region-failover", THREE_REGIONS, ["us-west-2", "eu-central-1"], 60))).toEqual([]);
  });

  it("needs a second region or a backup region to copy to with cross-region-copies", () => {
    expect(recoveryProblems(keysOf("cross-region-copies", ["us-east-1"]))).toEqual([
      { key: "backupRegions", message: "is empty and regions lists only us-east-1: disasterRecovery cross-region-copies needs a second region or a backup region to copy to" },
    ]);
    expect(recoveryProblems(keysOf("cross-region-copies", ["us-east-1"], ["us-west-2"]))).toEqual([]);
  });

  it("needs backup regions with multi-region-failover, even with several serving regions", () => {
    expect(recoveryProblems(keysOf("multi-region-failover", THREE_REGIONS, [], 60))).toEqual([
      {
        key: "backupRegions",
        message: "must list at least one region with disasterRecovery multi-region-failover: the backups are copied out of the serving regions",
      },
    ]);
  });

  it("rejects backup regions where backups stay in their region", () => {
    expect(recoveryProblems(keysOf("point-in-time", ["us-east-1"], ["us-west-2"]))[0]?.message).toBe(
      "has no effect with disasterRecovery point-in-time, whose backups stay in their region: remove them",
    );
  });

  it("keeps backups out of the serving regions and rejects a region listed twice", () => {
    expect(recoveryProblems(keysOf("multi-region-failover", THREE_REGIONS, ["eu-west-1", "us-west-2", "us-west-2"], 60)).map((p) => p.message)).toEqual([
      "eu-west-1 already serves traffic: backups must leave the serving regions",
      "lists a region twice: eu-west-1, us-west-2, us-west-2",
    ]);
  });

  it("requires a failover target with multi-region failover, and only then", () => {
    expect(recoveryProblems(keysOf("multi-region-failover", THREE_REGIONS, ["us-west-2"]))).toEqual([
      { key: "failoverTargetSeconds", message: "is required with disasterRecovery multi-region-failover" },
    ]);
    expect(recoveryProblems(keysOf("cross-region-copies", THREE_REGIONS, [], 60))).toEqual([
      { key: "failoverTargetSeconds", message: "has no effect with disasterRecovery cross-region-copies: remove it" },
    ]);
  });
});
