import { execFile } from "node:child_process";
import { globSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createScratchDatabase, queryDirect } from "../../../testing/postgres.js";
import { EXERCISE_BANK } from "../../features/exercises/exercise-bank.js";
import { MIGRATIONS_DIR, migrationTargets } from "./migrations.js";

const APP_DIR = fileURLToPath(new URL("../../..", import.meta.url));
const SRC_DIR = join(APP_DIR, "src");

/** Every script under app/migrations, data folders included. */
function migrationScripts(directory = MIGRATIONS_DIR): string[] {
  return globSync("**/*.{js,cjs,mjs,ts,cts,mts}", { cwd: directory }).map((path) => join(directory, path));
}

/** The module specifiers of a script's static imports, re-exports and dynamic imports, as TypeScript reads them. */
function importSpecifiers(path: string): string[] {
  return ts.preProcessFile(readFileSync(path, "utf8"), true, true).importedFiles.map((file) => file.fileName);
}

function isInsideSrc(path: string, specifier: string): boolean {
  if (!specifier.startsWith(".") && !specifier.startsWith("/")) return false;
  const target = resolve(dirname(path), specifier);
  return target === SRC_DIR || target.startsWith(SRC_DIR + sep);
}

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

describe("migrations", () => {
  it("import nothing from src/, so that what a migration does never changes with the app's code", () => {
    const scripts = migrationScripts();
    // The parser does see imports: the migrations do import node-pg-migrate.
    expect(scripts.flatMap(importSpecifiers)).toContain("node-pg-migrate");
    const offending = scripts.flatMap((script) =>
      importSpecifiers(script)
        .filter((specifier) => isInsideSrc(script, specifier))
        .map((specifier) => `${relative(APP_DIR, script)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
