import { z } from "zod";
import type { Problem } from "./errors.js";
import type { NetworkKeys } from "./network.js";
import { awsRegion, positiveInt } from "./primitives.js";

export const recoveryKeyShape = {
  disasterRecovery: z.enum(["automated-backups", "point-in-time", "cross-region-copies", "multi-region-failover"]),
  backupRegions: z.array(awsRegion),
  failoverTargetSeconds: positiveInt.optional(),
};

export type RecoveryKeys = z.output<z.ZodObject<typeof recoveryKeyShape>>;

export interface DisasterRecoveryConfig {
  level: "automated-backups" | "point-in-time" | "cross-region-copies" | "multi-region-failover";
  backupRegions: string[];
  /** Only with multi-region failover: how fast traffic must leave a failed region. */
  failoverTargetSeconds?: number;
}

export function recoveryProblems(keys: RecoveryKeys & Pick<NetworkKeys, "regions">): Problem<keyof RecoveryKeys>[] {
  return [...backupRegionProblems(keys), ...copyDestinationProblems(keys), ...failoverTargetProblems(keys)];
}

function backupRegionProblems(keys: RecoveryKeys & Pick<NetworkKeys, "regions">): Problem<"backupRegions">[] {
  const problems: Problem<"backupRegions">[] = keys.backupRegions
    .filter((region) => keys.regions.includes(region))
    .map((region) => ({ key: "backupRegions", message: `${region} already serves traffic: backups must leave the serving regions` }));
  if (new Set(keys.backupRegions).size !== keys.backupRegions.length) {
    problems.push({ key: "backupRegions", message: `lists a region twice: ${keys.backupRegions.join(", ")}` });
  }
  return problems;
}

/** Copies need somewhere to go: the levels that copy need a second region, and failover needs regions of its own for the copies. */
function copyDestinationProblems(keys: RecoveryKeys & Pick<NetworkKeys, "regions">): Problem<"backupRegions">[] {
  const level = keys.disasterRecovery;
  if (level === "automated-backups" || level === "point-in-time") {
    return keys.backupRegions.length > 0 ? [{ key: "backupRegions", message: `has no effect with disasterRecovery ${level}, whose backups stay in their region: remove them` }] : [];
  }
  if (level === "multi-region-failover" && keys.backupRegions.length === 0) {
    return [{ key: "backupRegions", message: "must list at least one region with disasterRecovery multi-region-failover: the backups are copied out of the serving regions" }];
  }
  if (keys.backupRegions.length === 0 && keys.regions.length < 2) {
    return [{ key: "backupRegions", message: `is empty and regions lists only ${keys.regions.join(", ")}: disasterRecovery ${level} needs a second region or a backup region to copy to` }];
  }
  return [];
}

function failoverTargetProblems(keys: RecoveryKeys): Problem<"failoverTargetSeconds">[] {
  const failsOver = keys.disasterRecovery === "multi-region-failover";
  if (failsOver && keys.failoverTargetSeconds === undefined) {
    return [{ key: "failoverTargetSeconds", message: "is required with disasterRecovery multi-region-failover" }];
  }
  if (!failsOver && keys.failoverTargetSeconds !== undefined) {
    return [{ key: "failoverTargetSeconds", message: `has no effect with disasterRecovery ${keys.disasterRecovery}: remove it` }];
  }
  return [];
}

export function nestDisasterRecovery(keys: RecoveryKeys): DisasterRecoveryConfig {
  return {
    level: keys.disasterRecovery,
    backupRegions: keys.backupRegions,
    failoverTargetSeconds: keys.failoverTargetSeconds,
  };
}
