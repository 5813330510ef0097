import { appMigrationNames } from "@francaisfluide/app/db";
import { afterEach, describe, expect, it } from "vitest";
import { queryDirect } from "../../app/testing/postgres.js";
import { dropShards, openApp, scratchShards, seedLearners, type ScratchShard } from "./fixtures.js";
import { expectSameData } from "./expectations.js";
import { runPhaseMigrationCommand } from "./run.js";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPhaseMigrationCommand(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) }, env);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("npm run migrate:<kind>: the command", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function databases(count: number): Promise<ScratchShard[]> {
    const shards = await scratchShards("migrate_cli", Array.from({ length: count }, (_, index) => [`db${index}`, 0, 99] as [string, number, number]));
    cleanups.push(() => dropShards(shards));
    return shards;
  }

  async function appOn(shard: ScratchShard, learners: number): Promise<void> {
    const app = await openApp([shard]);
    await app.close();
    await seedLearners([shard], learners);
  }

  it("migrate:phase2 copies one database into a bigger one, prints the cut-over steps, then copies 0 rows; --unfreeze and --cleanup", async () => {
    const [source, target] = (await databases(2)) as [ScratchShard, ScratchShard];
    await appOn(source, 60);
    const argv = ["phase2", "--from", source.url, "--to", target.url, "--batch-size", "25"];

    const first = await run(argv);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/learners 60 copied; attempts 120 copied; correction_history 60 copied/);
    expect(first.stdout).toMatch(/ok {3}target learners: 60 rows \/ 60 rows/);
    expect(first.stdout).toContain("Cut-over to phase2 (Growth)");
    expect(first.stdout).toContain(`DATABASE_URL=${target.url}`);
    expect(first.stdout).toContain("the proxied DNS record api.francaisfluide.fr (CNAME to api-us-east-1.origin.francaisfluide.fr)");
    await expectSameData([source], [target]);

    const second = await run(argv);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 rows copied, 0 deleted.");
    expect(second.stdout).toContain("Completed by an earlier run");

    // Written behind the migration's back (or by the app after the cut-over): the check says so and exits 1.
    await queryDirect(target.url, "UPDATE learners SET cefr_level = 'C2' WHERE id = (SELECT id FROM learners ORDER BY id LIMIT 1)");
    const diverged = await run(argv);
    expect(diverged.code).toBe(1);
    expect(diverged.stdout).toMatch(/FAIL target learners: 60 rows \/ 60 rows, checksum [0-9a-f]+ \/ [0-9a-f]+/);
    expect(diverged.stdout).not.toContain("Cut-over to");
    expect(diverged.stderr).toMatch(/^The targets no longer match the sources of migration phase2-[0-9a-f]{12} \(completed 20\d\d-/);

    // Frozen until told: the app's writes are refused, then accepted again after --unfreeze.
    const insert = "INSERT INTO learners (display_name, cefr_level) VALUES ('Après', 'A1')";
    await expect(queryDirect(source.url, insert)).rejects.toMatchObject({ code: "25006" });
    expect((await run([...argv, "--unfreeze"])).code).toBe(0);
    await queryDirect(source.url, insert);

    // Reopened by --unfreeze: the next run copies the learner written since and the one changed on the target, and only them.
    const third = await run([...argv, "--json"]);
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ rowsCopied: 2, bulk: { learners: { copied: 2 } } });

    expect((await run([...argv, "--cleanup"])).code).toBe(0);
    for (const database of [source, target]) {
      expect(await queryDirect(database.url, "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'ff_migration'")).toEqual([{ n: 0 }]);
    }
    expect(await queryDirect(source.url, "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'ff_migration%'")).toEqual([{ n: 0 }]);
    await queryDirect(source.url, insert);
  });

  it("refuses a target that holds learners no run of this migration put there, and a source whose schema is not the app's", async () => {
    const [source, target, other, spare] = (await databases(4)) as [ScratchShard, ScratchShard, ScratchShard, ScratchShard];
    await appOn(source, 3);
    await appOn(target, 2);
    const foreign = await run(["phase2", "--from", source.url, "--to", target.url]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain(`The target database "target" (127.0.0.1:5432/${target.database.name}) is not empty: it holds 2 learners, 4 attempts, 2 correction_history and no migration put them there`);

    await queryDirect(source.url, "INSERT INTO pgmigrations (name, run_on) VALUES ('1999999999999_from-a-newer-app', now())");
    const newer = await run(["phase2", "--from", source.url, "--to", other.url]);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain("has 1999999999999_from-a-newer-app, which this version of the app does not know");

    const unmigrated = await run(["phase2", "--from", other.url, "--to", spare.url]);
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.stderr).toContain(`is not at the app's schema version: it lacks ${appMigrationNames().join(", ")}. Bring it up to date first`);
  });

  it("names an unreachable database without its password, and exits 2 on a shard map that misses buckets", async () => {
    const unreachable = await run(["sharding", "--from", "postgres://ff:s3cret@127.0.0.1:1/gone", "--to-shards", '[{"id":"a","writerUrl":"postgres://ff@127.0.0.1:1/a","firstBucket":0,"lastBucket":99}]']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^Cannot reach the source database "source" \(127\.0\.0\.1:1\/gone\): connect ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain("s3cret");

    const gap = await run(["sharding", "--from", "postgres://ff@127.0.0.1/main", "--to-shards", '[{"id":"a","writerUrl":"postgres://ff:pw@127.0.0.1/a","firstBucket":0,"lastBucket":49}]']);
    expect(gap.code).toBe(2);
    expect(gap.stderr).toMatch(/^--to-shards .* is not valid \(buckets 50-99 belong to no shard\)/);
    expect(gap.stderr).not.toContain(":pw@");
    expect(gap.stderr).toContain("Usage: npm run migrate:phase2");

    const unknown = await run(["sideways", "--from", "postgres://ff@127.0.0.1/main", "--to", "postgres://ff@127.0.0.1/other"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown migration "sideways": expected one of phase2, sharding, kubernetes/);
  });
});
