import * as pulumi from "@pulumi/pulumi";
import { SentryKey } from "@pulumiverse/sentry/sentryKey.js";
import { SentryProject } from "@pulumiverse/sentry/sentryProject.js";
import { SentryTeam } from "@pulumiverse/sentry/sentryTeam.js";
import type * as sentry from "@pulumiverse/sentry";
import type { StackTags } from "../tags.js";

export interface ErrorTrackingArgs {
  /** Slug of the organization that holds the team and the project. */
  organization: string;
  provider: sentry.Provider;
}

/**
 * One Sentry slug per stack: the four phases may share an organization, where slugs are unique, and a phase's
 * errors must not mix with another's while both run during a migration.
 */
export function sentrySlugs(tags: StackTags): { team: string; project: string } {
  return { team: `${tags.project}-${tags.phase}`, project: `${tags.project}-api-${tags.phase}` };
}

/**
 * The API's Sentry team, project (Node platform) and client key. Sentry has no tags: the slugs carry the project and
 * phase instead. The DSN is what the app needs; it is handed on as a secret only, because anyone holding it can fill
 * the project's event quota.
 */
export function buildErrorTracking(name: string, args: ErrorTrackingArgs, tags: StackTags, parent: pulumi.Resource): pulumi.Output<string> {
  const opts = { parent, provider: args.provider };
  const slugs = sentrySlugs(tags);
  const team = new SentryTeam(`${name}-sentry-team`, { organization: args.organization, name: `FrançaisFluide ${tags.phase}`, slug: slugs.team }, opts);
  const project = new SentryProject(`${name}-sentry-project`, {
    organization: args.organization,
    name: `FrançaisFluide API ${tags.phase}`,
    slug: slugs.project,
    platform: "node",
    teams: [team.slug],
  }, opts);
  const key = new SentryKey(`${name}-sentry-key`, { organization: args.organization, project: project.slug, name: "api" }, opts);
  return pulumi.secret(key.dsnPublic);
}
