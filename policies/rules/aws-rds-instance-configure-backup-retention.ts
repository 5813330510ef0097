import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/** Data safety: the automated backups must reach back far enough to notice a bad write and restore before it. */
export const awsRdsInstanceConfigureBackupRetention: ResourceValidationPolicy = {
  name: "aws-rds-instance-configure-backup-retention",
  description: "RDS instances keep automated backups at least minimumBackupRetentionDays (7) days, and longerBackupRetentionDays (14) from phase longerBackupRetentionFromPhase (2) on.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["phase"], {
    minimumBackupRetentionDays: { type: "integer", default: 7 },
    longerBackupRetentionDays: { type: "integer", default: 14 },
    longerBackupRetentionFromPhase: { type: "integer", default: 2 },
  }),
  validateResource: validateResourceOfType(aws.rds.Instance, (resource, args, reportViolation) => {
    const config = args.getConfig<StackFacts & { minimumBackupRetentionDays: number; longerBackupRetentionDays: number; longerBackupRetentionFromPhase: number }>();
    const required = config.phase >= config.longerBackupRetentionFromPhase ? config.longerBackupRetentionDays : config.minimumBackupRetentionDays;
    const kept = resource.backupRetentionPeriod ?? 1;
    if (kept < required) reportViolation(`backups are kept ${kept} day(s): phase ${config.phase} requires at least ${required}`);
  }),
};
