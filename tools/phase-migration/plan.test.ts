import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { learnerBucket } from "@francaisfluide/app/db";
import { POSTGRES_SERVER_URL, queryDirect } from "../../app/testing/postgres.js";
import { loadStackConfig } from "../../stacks/config/load.js";
import { cutoverSteps, shardMapMismatch, targetSettings } from "./cutover.js";
import { bucketSql, buildPlan, routeRows, type DatabaseEndpoint } from "./plan.js";

const shard = (id: string, firstBucket: number, lastBucket: number, database = id): DatabaseEndpoint => ({
  id,
  url: `postgres://ff:secret@db-${database}.internal:5432/ff`,
  firstBucket,
  lastBucket,
});
const PHASE3_SHARDS = [shard("shard-1", 0, 33), shard("shard-2", 34, 66), shard("shard-3", 67, 99)];

describe("the migration plan", () => {
  it("computes in SQL the bucket the app's learnerBucket gives, for every id", async () => {
    const ids = Array.from({ length: 300 }, () => randomUUID());
    const rows = await queryDirect(`${POSTGRES_SERVER_URL}/postgres`, `SELECT id::text, ${bucketSql("id")}::int AS bucket FROM unnest($1::uuid[]) AS id`, [ids]);
    expect(rows.map((row) => [row.id, row.bucket])).toEqual(ids.map((id) => [id, learnerBucket(id)]));
  });

  it("routes each row to the target of its learner's bucket", () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const routed = routeRows(PHASE3_SHARDS, ids.map((id) => ({ id: randomUUID(), learner_id: id })), "learner_id");
    expect([...routed.keys()]).toEqual(["shard-1", "shard-2", "shard-3"]);
    for (const target of PHASE3_SHARDS) {
      for (const row of routed.get(target.id) ?? []) {
        const bucket = learnerBucket(row.learner_id);
        expect(bucket >= target.firstBucket && bucket <= target.lastBucket).toBe(true);
      }
    }
    expect([...routed.values()].flat()).toHaveLength(50);
  });

  it("names a migration by its databases and ranges, never by passwords", () => {
    const plan = buildPlan("sharding", [shard("main", 0, 99)], PHASE3_SHARDS);
    expect(plan.migrationId).toMatch(/^sharding-[0-9a-f]{12}$/);
    const samePlanOtherPassword = buildPlan("sharding", [{ ...shard("main", 0, 99), url: "postgres://ff:other@db-main.internal:5432/ff" }], PHASE3_SHARDS);
    expect(samePlanOtherPassword.migrationId).toBe(plan.migrationId);
    expect(buildPlan("sharding", [shard("main", 0, 99)], [shard("a", 0, 49), shard("b", 50, 99)]).migrationId).not.toBe(plan.migrationId);
  });

  it("refuses a side that misses buckets, and a database on both sides", () => {
    expect(() => buildPlan("kubernetes", [shard("shard-1", 0, 33), shard("shard-3", 67, 99)], [shard("global", 0, 99)])).toThrow(
      "The source shard map does not hold every learner once: Invalid shard map: buckets 34-66 belong to no shard",
    );
    expect(() => buildPlan("phase2", [shard("main", 0, 99)], [shard("main-again", 0, 99, "main")])).toThrow(
      /"main-again" \(db-main.internal:5432\/ff\) is both a source and a target/,
    );
  });
});

describe("the cut-over steps", () => {
  it("phase 3: the shard map for the app and the Cloudflare load balancer's regional pools", () => {
    const steps = cutoverSteps("sharding", "sharding-0123456789ab", PHASE3_SHARDS, loadStackConfig("phase3")).join("\n");
    expect(steps).toContain("Cut-over to phase3 (Scale)");
    expect(steps).toContain(
      `DATABASE_SHARDS='[{"id":"shard-1","writerUrl":"postgres://ff@db-shard-1.internal:5432/ff","firstBucket":0,"lastBucket":33},`,
    );
    expect(steps).toContain("shard-1 (us-east-1, buckets 0-33), shard-2 (eu-west-1, buckets 34-66), shard-3 (ap-southeast-1, buckets 67-99)");
    expect(steps).toContain("the Cloudflare load balancer api.francaisfluide.fr steers over the pools api-us-east-1 (origin api-us-east-1.origin.francaisfluide.fr)");
    expect(steps).toContain("api-ap-southeast-1 (origin api-ap-southeast-1.origin.francaisfluide.fr)");
    expect(steps).toContain("npm run migrate:sharding -- <same options> --unfreeze");
    expect(steps).not.toContain("secret");
    expect(steps).not.toContain("WARNING");
  });

  it("phase 4: one global database, CloudFront beside the load balancer", () => {
    const steps = cutoverSteps("kubernetes", "kubernetes-0123456789ab", [shard("global", 0, 99)], loadStackConfig("phase4")).join("\n");
    expect(steps).toContain("DATABASE_URL=postgres://ff@db-global.internal:5432/ff");
    expect(steps).toContain("CloudFront (api-cf.francaisfluide.fr)");
  });

  it("warns when the targets' ranges are not the stack's", () => {
    const stack = loadStackConfig("phase3");
    expect(shardMapMismatch([shard("a", 0, 49), shard("b", 50, 99)], stack)).toBe(
      "The targets hold buckets 0-49, 50-99 but Pulumi.phase3.yaml gives its shards 0-33, 34-66, 67-99: the app that stack deploys would look for learners on the wrong shard. " +
        "Make the shard map and the stack's databaseShard* keys agree, and migrate again into empty databases, before cutting over.",
    );
    expect(targetSettings([shard("main", 0, 99)])).toBe("DATABASE_URL=postgres://ff@db-main.internal:5432/ff");
  });
});
