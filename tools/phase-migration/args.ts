import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadAppConfig, shardPasswordVariable } from "@francaisfluide/app/config";
import { DEFAULT_MIGRATION_OPTIONS } from "./engine.js";
import { MIGRATION_KINDS, TARGET_STACK, type DatabaseEndpoint, type MigrationKind } from "./plan.js";
import { UsageError } from "../cli/usage.js";

export const USAGE = [
  "Usage: npm run migrate:phase2     -- --from <url> --to <url> [options]            (phase 1 → 2: one database to a bigger one)",
  "       npm run migrate:sharding   -- --from <url> --to-shards <shard map> [options] (phase 2 → 3: one database to the regional shards)",
  "       npm run migrate:kubernetes -- --from-shards <shard map> --to <url> [options] (phase 3 → 4: the shards to the global database)",
  "  (one engine: each side is one database, --from/--to, or a shard map, --from-shards/--to-shards)",
  "  --from, --to <url>                  a postgres:// URL; its password in the URL or in PGPASSWORD",
  "  --from-shards, --to-shards <map>    a shard map as the app reads DATABASE_SHARDS: JSON text, or the path of a JSON file;",
  "                                      each shard's password in the URL or in DATABASE_PASSWORD_<SHARD ID>, as for the app",
  `  --batch-size <n>                    learners per bulk batch, changes per catch-up batch (default ${DEFAULT_MIGRATION_OPTIONS.batchSize})`,
  `  --max-lag <n>                       freeze the sources once at most n changes wait to be copied (default ${DEFAULT_MIGRATION_OPTIONS.maxLagRows})`,
  "  --json                              print the summary as JSON",
  "  --unfreeze                          only give the sources their writes back (a rollback before the cut-over)",
  "  --cleanup                           only remove what the migration installed: triggers, change and freeze on the sources,",
  "                                      bookkeeping on the targets (after the cut-over, or to abandon the migration)",
  "The copy runs while the app writes to the sources; they are read-only from the freeze until the cut-over.",
  "Exit codes: 0 migrated and verified (cut-over steps printed), 1 failed (the message says what and the state left), 2 bad usage.",
].join("\n");

export type MigrationAction = "migrate" | "unfreeze" | "cleanup";

export interface ActionArgs {
  command: MigrationAction;
  kind: MigrationKind;
  stack: string;
  sources: DatabaseEndpoint[];
  targets: DatabaseEndpoint[];
  batchSize: number;
  maxLagRows: number;
  json: boolean;
}

export type MigrationArgs = { command: "help" } | ActionArgs;

function readShardMap(option: string, value: string): string {
  if (value.trimStart().startsWith("[")) return value;
  try {
    return readFileSync(value, "utf8");
  } catch (error) {
    throw new UsageError(`${option} ${value}: not a JSON shard map and not a readable file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** Parsed by the app's own settings loader, so that a shard map means the same thing to the app and to the migration. */
function endpointsOf(option: string, url: string | undefined, shardMap: string | undefined, env: NodeJS.ProcessEnv): DatabaseEndpoint[] {
  const [urlOption, mapOption] = option === "from" ? ["--from", "--from-shards"] : ["--to", "--to-shards"];
  if (url !== undefined && shardMap !== undefined) throw new UsageError(`Give ${urlOption} or ${mapOption}, not both.`);
  if (url === undefined && shardMap === undefined) throw new UsageError(`Missing ${urlOption} <url> or ${mapOption} <shard map>.`);
  try {
    if (url !== undefined) {
      const loaded = loadAppConfig({ DATABASE_URL: url }, { cpuCount: 1 }).database.url;
      return [{ id: option === "from" ? "source" : "target", url: loaded ?? url, firstBucket: 0, lastBucket: 99 }];
    }
    const raw = readShardMap(mapOption, shardMap as string);
    // Only the password variables of this map's shards: the other side's would be "a password for no shard".
    const ids = (() => {
      try {
        return (JSON.parse(raw) as Array<{ id?: unknown }>).map((shard) => String(shard.id));
      } catch {
        return [];
      }
    })();
    const passwords = Object.fromEntries(ids.map((id) => [shardPasswordVariable(id), env[shardPasswordVariable(id)]]).filter(([, value]) => value !== undefined));
    const shards = loadAppConfig({ DATABASE_SHARDS: raw, ...passwords }, { cpuCount: 1 }).database.shards ?? [];
    return shards.map(({ id, writerUrl, firstBucket, lastBucket }) => ({ id, url: writerUrl, firstBucket, lastBucket }));
  } catch (error) {
    if (error instanceof ConfigError) {
      // The loader's messages name its variables; here they are the command's options.
      const problems = error.message
        .replace(/^Invalid configuration \(\d+ problems?\):\s*/, "")
        .replaceAll("DATABASE_URL=", `${urlOption} `)
        .replaceAll("DATABASE_SHARDS=", `${mapOption} `);
      throw new UsageError(problems.replace(/^-\s*/, ""));
    }
    throw error;
  }
}

function positiveInteger(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${option} must be a whole number ≥ 1, got "${value}".`);
  return parsed;
}

/** argv: the kind (phase2, sharding, kubernetes), as the npm scripts give it, then the options. */
export function parseMigrationArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): MigrationArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        "from-shards": { type: "string" },
        to: { type: "string" },
        "to-shards": { type: "string" },
        "batch-size": { type: "string" },
        "max-lag": { type: "string" },
        json: { type: "boolean", default: false },
        unfreeze: { type: "boolean", default: false },
        cleanup: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  const [kind, ...extra] = positionals;
  if (!MIGRATION_KINDS.includes(kind as MigrationKind)) {
    throw new UsageError(`Unknown migration "${kind ?? ""}": expected one of ${MIGRATION_KINDS.join(", ")} (the npm scripts migrate:<name> give it).`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${extra.map((arg) => `"${arg}"`).join(" ")}: every option is --name value.`);
  if (values.unfreeze && values.cleanup) throw new UsageError("Give --unfreeze or --cleanup, not both.");
  return {
    command: values.unfreeze ? "unfreeze" : values.cleanup ? "cleanup" : "migrate",
    kind: kind as MigrationKind,
    stack: TARGET_STACK[kind as MigrationKind],
    sources: endpointsOf("from", values.from, values["from-shards"], env),
    targets: endpointsOf("to", values.to, values["to-shards"], env),
    batchSize: positiveInteger("batch-size", values["batch-size"], DEFAULT_MIGRATION_OPTIONS.batchSize),
    maxLagRows: positiveInteger("max-lag", values["max-lag"], DEFAULT_MIGRATION_OPTIONS.maxLagRows),
    json: values.json,
  };
}
