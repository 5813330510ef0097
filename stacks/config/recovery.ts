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
  return [...backupRegionProblems(keys), ...failoverTargetProblems(keys)];
}

function backupRegionProblems(keys: RecoveryKeys & Pick<NetworkKeys, "regions">): Problem<"backupRegions">[] {
  return keys.backupRegions
    .filter((region) => keys.regions.includes(region))
    .map((region) => ({ key: "backupRegions", message: `${region} already serves traffic: backups must leave the serving regions` }));
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
