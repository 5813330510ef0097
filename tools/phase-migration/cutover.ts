/**
 * The cut-over steps printed once the targets are verified, from the target phase's stack file: which
 * settings the app gets, and where the traffic goes (the Cloudflare load balancer's regional pools when the
 * phase has several regions, the proxied DNS record of the API otherwise).
 */
import { publicApiHostname, READINESS_PATH, regionalApiHostname } from "../../components/lib/origin.js";
import type { PhaseConfig } from "../../stacks/config/index.js";
import { describeEndpoint, type DatabaseEndpoint, type MigrationKind } from "./plan.js";

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** The app's database variable for the targets, passwords left to their own variables. */
export function targetSettings(targets: DatabaseEndpoint[]): string {
  const [only] = targets;
  if (targets.length === 1 && only) return `DATABASE_URL=${withoutPassword(only.url)}`;
  const map = targets.map(({ id, url, firstBucket, lastBucket }) => ({ id, writerUrl: withoutPassword(url), firstBucket, lastBucket }));
  return `DATABASE_SHARDS='${JSON.stringify(map)}'`;
}

/** Where the targets' bucket ranges differ from the stack's shards: the app that stack deploys would look for learners elsewhere. */
export function shardMapMismatch(targets: DatabaseEndpoint[], stack: PhaseConfig): string | undefined {
  const ranges = (list: Array<{ firstBucket: number; lastBucket: number }>) => list.map((shard) => `${shard.firstBucket}-${shard.lastBucket}`).join(", ");
  const given = ranges(targets);
  const deployed = ranges([...stack.database.shards].sort((a, b) => a.firstBucket - b.firstBucket));
  if (given === deployed) return undefined;
  return (
    `The targets hold buckets ${given} but Pulumi.${stack.stack}.yaml gives its shards ${deployed}: the app that stack deploys would look for ` +
    "learners on the wrong shard. Make the shard map and the stack's databaseShard* keys agree, and migrate again into empty databases, before cutting over."
  );
}

export function cutoverSteps(kind: MigrationKind, migrationId: string, targets: DatabaseEndpoint[], stack: PhaseConfig): string[] {
  const domain = stack.cdn.domainName;
  const api = publicApiHostname(domain);
  const regions = stack.regions.map((region) => region.name);
  const shards = stack.database.shards.map((shard) => `${shard.id} (${shard.region}, buckets ${shard.firstBucket}-${shard.lastBucket})`).join(", ");
  const traffic =
    regions.length > 1
      ? `Send the traffic to the new regions: the Cloudflare load balancer ${api} steers over the pools ${regions
          .map((region) => `api-${region} (origin ${regionalApiHostname(domain, region)})`)
          .join(", ")}; check that each origin's https://<origin>${READINESS_PATH} answers 200, then enable its pool (Cloudflare dashboard, Traffic › Load Balancing, or the API).`
      : `Send the traffic to the new deployment: the proxied DNS record ${api} (CNAME to ${regionalApiHostname(domain, regions[0] ?? "")}) must point at it; check that https://${regionalApiHostname(domain, regions[0] ?? "")}${READINESS_PATH} answers 200 first.`;
  const cloudFront = stack.cdn.cloudFront ? [`  CloudFront (api-cf.${domain}) fronts the same regional origins with origin failover: it follows by itself once they serve.`] : [];
  const mismatch = shardMapMismatch(targets, stack);
  return [
    `Cut-over to ${stack.stack} (${stack.phaseName}), migration ${migrationId} verified. The sources are read-only since the freeze: the app's writes fail with SQLSTATE 25006 (retried, then HTTP 503 database_unavailable with Retry-After) while its reads and /v2/check keep working, so do these steps now:`,
    ...(mismatch ? [`  WARNING: ${mismatch}`] : []),
    `  1. Give the app the new databases: ${targetSettings(targets)} (each password in DATABASE_PASSWORD or DATABASE_PASSWORD_<SHARD ID>). \`pulumi up --stack ${stack.stack}\` renders these settings from the stack's shards: ${shards}.`,
    `  2. ${traffic}`,
    ...cloudFront,
    `  3. Check https://${api}${READINESS_PATH} answers 200 and that a learner's progress reads back (GET /api/v1/learners/<id>/progress).`,
    `  4. The sources stay read-only, as a fallback, until you retire them: \`npm run migrate:${kind} -- <same options> --cleanup\` then removes the migration's triggers and tables from both sides. ` +
      `To roll back instead, before step 2: \`npm run migrate:${kind} -- <same options> --unfreeze\` gives the sources their writes back (the targets are then stale; a new run copies what changed).`,
    ...targets.map((target) => `     target ${describeEndpoint(target)}`),
  ];
}
