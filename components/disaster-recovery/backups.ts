import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { resourceTags, type ResourceTags, type StackTags } from "../tags.js";
import type { DatabaseEngine } from "./objectives.js";

export interface BackupRuleSpec {
  ruleName: string;
  /** AWS Backup cron, in UTC. */
  schedule: string;
  intervalSeconds: number;
  retentionDays: number;
  startWindowMinutes: number;
  completionWindowMinutes: number;
}

/** Hourly points bound what a lost region takes with it; daily points keep the retention window. Both are copied out. */
export function planBackupRules(retentionDays: number, hourlyRetentionDays: number): BackupRuleSpec[] {
  return [
    // A job that has not started within the hour would overlap the next one: it is dropped instead.
    { ruleName: "hourly", schedule: "cron(0 * * * ? *)", intervalSeconds: 3600, retentionDays: hourlyRetentionDays, startWindowMinutes: 60, completionWindowMinutes: 120 },
    // At half past, never together with an hourly job; 03:30 UTC is night in the Americas and before work in Europe.
    { ruleName: "daily", schedule: "cron(30 3 * * ? *)", intervalSeconds: 86400, retentionDays, startWindowMinutes: 60, completionWindowMinutes: 24 * 60 },
  ];
}

/** The stack's backup regions when it names any, otherwise the next serving region, so each region's copies land in another. */
export function copyDestinations(source: string, regions: string[], backupRegions: string[]): string[] {
  if (backupRegions.length > 0) return backupRegions;
  const next = regions[(regions.indexOf(source) + 1) % regions.length];
  return next !== undefined && next !== source ? [next] : [];
}

/** AWS Backup snapshots RDS instances, but Aurora only as clusters. */
export function databaseArnPattern(engine: DatabaseEngine): string {
  return engine === "rds-postgres" ? "arn:aws:rds:*:*:db:*" : "arn:aws:rds:*:*:cluster:*";
}

/**
 * Every database of this stack and nothing else: the database block tags its resources with the stack tags, and
 * conditions (unlike a selection's tag list) must all match.
 */
export function databaseSelectionConditions(tags: StackTags) {
  return [
    {
      stringEquals: [
        { key: "aws:ResourceTag/component", value: "database" },
        { key: "aws:ResourceTag/project", value: tags.project },
        { key: "aws:ResourceTag/phase", value: tags.phase },
      ],
    },
  ];
}

export interface BackupsSpec {
  name: string;
  parent: pulumi.Resource;
  tags: StackTags;
  engine: DatabaseEngine;
  rules: BackupRuleSpec[];
  /** Each region whose databases are backed up, with the regions its copies go to. */
  destinations: Map<string, string[]>;
  providerOf: (region: string) => aws.Provider;
  /** IAM is global: the role lives with the primary region's provider and serves the plans of every region. */
  primaryProvider: aws.Provider;
  tagsFor: (resourceName: string) => ResourceTags;
}

/** A vault per region that backs up or receives copies, a plan and a tag selection per backed-up region, and the role AWS Backup assumes. */
export function buildBackups(spec: BackupsSpec): Record<string, pulumi.Output<string>> {
  const { name, parent, tags, tagsFor } = spec;
  const vaultRegions = [...new Set([...spec.destinations.keys(), ...[...spec.destinations.values()].flat()])];
  const vaults = new Map(
    vaultRegions.map((region) => {
      const opts = { parent, provider: spec.providerOf(region) };
      const vaultName = `${tags.project}-${tags.phase}-${region}`;
      // Our own key, so who may decrypt the recovery points is ours to say; the longest deletion window leaves a month to undo a mistake.
      const key = new aws.kms.Key(`${name}-${region}-vault-key`, {
        description: `Encrypts the recovery points in AWS Backup vault ${vaultName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: tagsFor(`${region}-vault-key`),
      }, opts);
      // Never force-destroyed: a vault that still holds recovery points refuses deletion.
      const vault = new aws.backup.Vault(`${name}-${region}-vault`, { name: vaultName, kmsKeyArn: key.arn, forceDestroy: false, tags: tagsFor(`${region}-vault`) }, opts);
      return [region, vault] as const;
    }),
  );
  const vaultIn = (region: string) => vaults.get(region) as aws.backup.Vault;

  const primary = { parent, provider: spec.primaryProvider };
  const role = new aws.iam.Role(`${name}-backup-role`, {
    description: "Assumed by AWS Backup to snapshot, copy and restore the stack's databases",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: tagsFor("backup-role"),
  }, primary);
  // AWS's own policies for the service, kept current by AWS as it supports new resource types.
  const attachments = ["Backup", "Restores"].map(
    (purpose) =>
      new aws.iam.RolePolicyAttachment(`${name}-backup-role-${purpose.toLowerCase()}`, {
        role: role.name,
        policyArn: `arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyFor${purpose}`,
      }, primary),
  );

  for (const [source, copyRegions] of spec.destinations) {
    const opts = { parent, provider: spec.providerOf(source) };
    const plan = new aws.backup.Plan(`${name}-${source}-plan`, {
      rules: spec.rules.map((rule) => ({
        ruleName: rule.ruleName,
        targetVaultName: vaultIn(source).name,
        schedule: rule.schedule,
        startWindow: rule.startWindowMinutes,
        completionWindow: rule.completionWindowMinutes,
        lifecycle: { deleteAfter: rule.retentionDays },
        recoveryPointTags: resourceTags(tags, "disaster-recovery"),
        copyActions: copyRegions.map((region) => ({ destinationVaultArn: vaultIn(region).arn, lifecycle: { deleteAfter: rule.retentionDays } })),
      })),
      tags: tagsFor(`${source}-plan`),
    }, opts);
    new aws.backup.Selection(`${name}-${source}-database-selection`, {
      // Set, not generated: selection names stop at 50 characters.
      name: `${tags.project}-${tags.phase}-database`,
      planId: plan.id,
      iamRoleArn: role.arn,
      resources: [databaseArnPattern(spec.engine)],
      conditions: databaseSelectionConditions(tags),
    }, { ...opts, dependsOn: attachments });
  }
  return Object.fromEntries([...vaults].map(([region, vault]) => [region, vault.arn]));
}
