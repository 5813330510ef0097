import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createScratchDatabase, queryDirect } from "../../../testing/postgres.js";
import { EXERCISE_BANK } from "../../features/exercises/exercise-bank.js";
import { migrationTargets } from "./migrations.js";

const APP_DIR = fileURLToPath(new URL("../../..", import.meta.url));

describe("migrate command", () => {
  it("reads DATABASE_URL and DATABASE_SHARD_URLS, without duplicates", () => {
    expect(migrationTargets({ DATABASE_URL: "postgresql://a/x" })).toEqual(["postgresql://a/x"]);
    expect(migrationTargets({ DATABASE_SHARD_URLS: " postgresql://a/x , postgresql://b/y,", DATABASE_URL: "postgresql://a/x" })).toEqual([
      "postgresql://a/x",
      "postgresql://b/y",
    ]);
    expect(() => migrationTargets({})).toThrow(/set DATABASE_URL/);
  });

  it("migrates the database named by DATABASE_URL when run as `npm run migrate -w app`", async () => {
    const scratch = await createScratchDatabase("command");
    try {
      const run = promisify(execFile);
      await run("npm", ["run", "migrate", "--silent"], { cwd: APP_DIR, env: { ...process.env, DATABASE_URL: scratch.url } });
      const rows = await queryDirect(scratch.url, "SELECT count(*)::int AS exercises FROM exercises");
      expect(rows[0]?.exercises).toBe(EXERCISE_BANK.length);
    } finally {
      await scratch.drop();
    }
  });
});
