import * as aws from "@pulumi/aws";
import type { BuildContext } from "./types.js";

/** How long the database's exported logs (slow queries, errors, upgrades) stay in CloudWatch. */
export const DATABASE_LOG_RETENTION_DAYS = 30;

/** The log groups RDS writes an instance's or a cluster's exported logs to. */
export function databaseLogGroupNames(kind: "instance" | "cluster", identifier: string, exports: readonly string[]): string[] {
  return exports.map((log) => `/aws/rds/${kind}/${identifier}/${log}`);
}

/**
 * RDS creates its log groups on the first export, and keeps what it creates forever. Created here first, with a
 * retention, they are the ones RDS writes to; the instance or cluster depends on them.
 */
export function databaseLogGroups(context: BuildContext, region: string, kind: "instance" | "cluster", identifier: string, exports: readonly string[]): aws.cloudwatch.LogGroup[] {
  const base = context.base(region);
  return databaseLogGroupNames(kind, identifier, exports).map((name) => {
    const log = name.split("/").at(-1) as string;
    return new aws.cloudwatch.LogGroup(`${context.name}-${identifier}-${log}-logs`, {
      name,
      retentionInDays: DATABASE_LOG_RETENTION_DAYS,
      tags: context.tags(`${identifier.slice(`${context.args.tags.project}-${context.args.tags.phase}-`.length)}-${log}-logs`),
    }, base.opts);
  });
}
