/**
 * The app's settings contract: every environment variable it reads, with its shape and default. The loader
 * (load.ts) parses with it; the renderer (render.ts) writes the same variables for a deployment; the stacks and
 * the backend component reach both through the package entry `@francaisfluide/app/config`.
 */
import { z } from "zod";
import { bucketCoverageProblems, LAST_BUCKET } from "./buckets.js";
import { APP_DEFAULTS, SEED_CACHE_LAYERS, SEED_DATABASE_POOL } from "./defaults.js";
import { APP_ROLES } from "./roles.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ShardSetting {
  id: string;
  writerUrl: string;
  readerUrl?: string;
  firstBucket: number;
  lastBucket: number;
}

export interface LoaderDefaults {
  /** Default for GRAMMAR_WORKERS; the machine's core count unless a test pins it. */
  cpuCount: number;
}

function shown(raw: string): string {
  return JSON.stringify(raw);
}

function isBlank(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === "";
}

function integerVariable(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number => {
      if (isBlank(raw)) return fallback;
      const value = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${shown(raw)} is not valid: expected a whole number from ${min} to ${max} (default ${fallback})`,
        });
        return z.NEVER;
      }
      return value;
    });
}

const TRUE_WORDS = ["1", "true", "yes", "on"] as const;
const FALSE_WORDS = ["0", "false", "no", "off"] as const;

function booleanVariable(name: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): boolean | undefined => {
      if (isBlank(raw)) return undefined;
      const word = raw.trim().toLowerCase();
      if ((TRUE_WORDS as readonly string[]).includes(word)) return true;
      if ((FALSE_WORDS as readonly string[]).includes(word)) return false;
      ctx.addIssue({
        code: "custom",
        message: `${name}=${shown(raw)} is not valid: expected one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(", ")}`,
      });
      return z.NEVER;
    });
}

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The text with the password of every URL in it masked, so that an error message never repeats a credential. */
export function withoutUrlPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*):[^\s@/"]*@/giu, "$1:***@");
}

function urlVariable(name: string, protocols: string[], example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      if (isBlank(raw)) return undefined;
      const value = raw.trim();
      if (!isUrlWithProtocol(value, protocols)) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${withoutUrlPasswords(shown(raw))} is not valid: expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}, e.g. ${example}`,
        });
        return z.NEVER;
      }
      return value;
    });
}

const POSTGRES_PROTOCOLS = ["postgres:", "postgresql:"];
const POSTGRES_EXAMPLE = "postgres://user@db.internal:5432/francaisfluide";

const postgresUrl = z.string().refine((value) => isUrlWithProtocol(value, POSTGRES_PROTOCOLS), "expected a postgres:// URL");

const shardSchema = z.object({
  id: z.string().min(1),
  writerUrl: postgresUrl,
  readerUrl: postgresUrl.optional(),
  firstBucket: z.number().int().min(0).max(LAST_BUCKET),
  lastBucket: z.number().int().min(0).max(LAST_BUCKET),
});

const SHARDS_EXPECTED =
  `a JSON array of {"id","writerUrl","readerUrl"?,"firstBucket","lastBucket"} whose bucket ranges (0-${LAST_BUCKET}, inclusive) cover 0 to ${LAST_BUCKET} once, e.g. ` +
  '[{"id":"a","writerUrl":"postgres://a:5432/ff","firstBucket":0,"lastBucket":49},{"id":"b","writerUrl":"postgres://b:5432/ff","firstBucket":50,"lastBucket":99}]';

const shardsVariable = z
  .string()
  .optional()
  .transform((raw, ctx): ShardSetting[] | undefined => {
    if (isBlank(raw)) return undefined;
    const fail = (problem: string) => {
      ctx.addIssue({
        code: "custom",
        message: `DATABASE_SHARDS=${withoutUrlPasswords(shown(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw))} is not valid (${withoutUrlPasswords(problem)}): expected ${SHARDS_EXPECTED}`,
      });
      return z.NEVER;
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return fail(`not JSON: ${(error as Error).message}`);
    }
    const result = z.array(shardSchema).min(1).safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      return fail(first ? `at ${first.path.join(".") || "top level"}: ${first.message}` : "wrong shape");
    }
    const coverage = bucketCoverageProblems(result.data);
    if (coverage.length > 0) return fail(coverage.join("; "));
    return result.data.map(({ id, writerUrl, readerUrl, firstBucket, lastBucket }) => ({
      id,
      writerUrl,
      ...(readerUrl === undefined ? {} : { readerUrl }),
      firstBucket,
      lastBucket,
    }));
  });

const clusterNodesVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string[] | undefined => {
    if (isBlank(raw)) return undefined;
    const nodes = raw
      .split(",")
      .map((node) => node.trim())
      .filter((node) => node !== "");
    const bad = nodes.filter((node) => !/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(node));
    if (nodes.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `REDIS_CLUSTER_NODES=${shown(raw)} is not valid${bad.length > 0 ? ` (${bad.map(shown).join(", ")} not host:port)` : ""}: expected comma-separated host:port pairs, e.g. redis-0:6379,redis-1:6379,redis-2:6379`,
      });
      return z.NEVER;
    }
    return nodes;
  });

/**
 * A password (Redis AUTH, PostgreSQL). Its value never appears in an error message: it is a secret. Only what
 * breaks a password everywhere is refused; a service's own rules (ElastiCache AUTH: 16-128 characters) are the
 * deploying component's to meet.
 */
export function passwordVariable(name: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      if (raw === undefined || raw === "") return undefined;
      if (/\s/.test(raw)) {
        ctx.addIssue({
          code: "custom",
          message: `${name} is not valid: it contains white space (often a trailing newline copied from a secret store); expected the password alone (its value is not shown: it is a secret)`,
        });
        return z.NEVER;
      }
      return raw;
    });
}

/** One of a fixed set of words, case-insensitive; `fallback` when unset. */
function choiceVariable<T extends string>(name: string, choices: readonly T[], fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (isBlank(raw)) return fallback;
      const choice = raw.trim().toLowerCase();
      if (!(choices as readonly string[]).includes(choice)) {
        ctx.addIssue({ code: "custom", message: `${name}=${shown(raw)} is not valid: expected one of ${choices.join(", ")} (default ${fallback})` });
        return z.NEVER;
      }
      return choice as T;
    });
}

const hostVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string => {
    if (isBlank(raw)) return APP_DEFAULTS.host;
    const host = raw.trim();
    if (/\s|\/|^:\d+$/.test(host)) {
      ctx.addIssue({
        code: "custom",
        message: `HOST=${shown(raw)} is not valid: expected an interface address or name without scheme or port, e.g. 127.0.0.1, 0.0.0.0 or ::`,
      });
      return z.NEVER;
    }
    return host;
  });

const keyPrefixVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string => {
    if (raw === undefined || raw === "") return APP_DEFAULTS.cacheKeyPrefix;
    if (/\s/.test(raw) || raw.length > 64) {
      ctx.addIssue({
        code: "custom",
        message: `CACHE_KEY_PREFIX=${shown(raw)} is not valid: expected up to 64 characters without spaces, e.g. ${APP_DEFAULTS.cacheKeyPrefix}`,
      });
      return z.NEVER;
    }
    return raw;
  });

const pythonPathVariable = z
  .string()
  .optional()
  .transform((raw) => (isBlank(raw) ? undefined : raw.trim()));

const MAX_TTL_MS = 30 * 24 * 60 * 60_000;

const SENTRY_DSN_EXAMPLE = "https://<public key>@o0.ingest.sentry.io/<project id>";

/** A DSN with its key (the URL's user part) masked, so that an error message can show where it points. */
export function maskedDsn(raw: string): string {
  try {
    const url = new URL(raw.trim());
    if (url.username === "" && url.password === "") return shown(raw.trim());
    url.username = "***";
    url.password = "";
    return shown(url.toString());
  } catch {
    return "(a value that is not a URL, not shown: the DSN holds a key)";
  }
}

/** Whether `value` has the shape of a Sentry DSN: http(s), a public key as the user, a host, a numeric project id last. */
export function isSentryDsn(value: string): boolean {
  try {
    const url = new URL(value);
    return ["https:", "http:"].includes(url.protocol) && url.username !== "" && url.hostname !== "" && /\/\d+$/.test(url.pathname) && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

/** Sentry's DSN: a secret (its key lets anyone send events to the project), so an error message masks the key. */
const sentryDsnVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string | undefined => {
    if (isBlank(raw)) return undefined;
    const value = raw.trim();
    if (!isSentryDsn(value)) {
      ctx.addIssue({
        code: "custom",
        message: `SENTRY_DSN=${maskedDsn(raw)} is not valid: expected the project's DSN from Sentry's project settings, shaped ${SENTRY_DSN_EXAMPLE} (the key is masked here: it is a secret)`,
      });
      return z.NEVER;
    }
    return value;
  });

/** A name as Sentry and OpenTelemetry show it: Sentry refuses an environment with "/" or white space, longer than 64. */
function nameVariable(name: string, example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      if (isBlank(raw)) return undefined;
      const value = raw.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value)) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${shown(raw)} is not valid: expected 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. ${example}`,
        });
        return z.NEVER;
      }
      return value;
    });
}

/** One zod parser per variable, keyed by the variable's name; `defaults` supplies what depends on the machine. */
export function settingsVariables(defaults: LoaderDefaults) {
  const cores = Math.max(1, Math.min(64, Math.floor(defaults.cpuCount)));
  return z.object({
    APP_ROLE: choiceVariable("APP_ROLE", APP_ROLES, "all"),
    PORT: integerVariable("PORT", 0, 65_535, APP_DEFAULTS.port),
    METRICS_PORT: integerVariable("METRICS_PORT", 0, 65_535, APP_DEFAULTS.metricsPort),
    HOST: hostVariable,
    LOG_LEVEL: choiceVariable("LOG_LEVEL", LOG_LEVELS, APP_DEFAULTS.logLevel),
    MAX_TEXT_LENGTH: integerVariable("MAX_TEXT_LENGTH", 1, 1_000_000, APP_DEFAULTS.maxTextLength),
    DATABASE_URL: urlVariable("DATABASE_URL", POSTGRES_PROTOCOLS, POSTGRES_EXAMPLE),
    DATABASE_PASSWORD: passwordVariable("DATABASE_PASSWORD"),
    DATABASE_SHARDS: shardsVariable,
    DB_POOL_MIN: integerVariable("DB_POOL_MIN", 0, 1000, SEED_DATABASE_POOL.poolMin),
    DB_POOL_MAX: integerVariable("DB_POOL_MAX", 1, 1000, SEED_DATABASE_POOL.poolMax),
    DB_QUERY_TIMEOUT_MS: integerVariable("DB_QUERY_TIMEOUT_MS", 100, 600_000, SEED_DATABASE_POOL.queryTimeoutMs),
    DB_RETRY_ATTEMPTS: integerVariable("DB_RETRY_ATTEMPTS", 0, 10, SEED_DATABASE_POOL.retryAttempts),
    MIGRATE_ON_START: booleanVariable("MIGRATE_ON_START"),
    REDIS_URL: urlVariable("REDIS_URL", ["redis:", "rediss:"], "redis://cache.internal:6379"),
    REDIS_CLUSTER_NODES: clusterNodesVariable,
    REDIS_TLS: booleanVariable("REDIS_TLS"),
    REDIS_AUTH_TOKEN: passwordVariable("REDIS_AUTH_TOKEN"),
    CACHE_KEY_PREFIX: keyPrefixVariable,
    CACHE_CORRECTIONS_MAX: integerVariable("CACHE_CORRECTIONS_MAX", 1, 10_000_000, SEED_CACHE_LAYERS.corrections.maxEntries),
    CACHE_CORRECTIONS_TTL_MS: integerVariable("CACHE_CORRECTIONS_TTL_MS", 1000, MAX_TTL_MS, SEED_CACHE_LAYERS.corrections.ttlMs),
    CACHE_EXERCISES_MAX: integerVariable("CACHE_EXERCISES_MAX", 1, 10_000_000, SEED_CACHE_LAYERS.exercises.maxEntries),
    CACHE_EXERCISES_TTL_MS: integerVariable("CACHE_EXERCISES_TTL_MS", 1000, MAX_TTL_MS, SEED_CACHE_LAYERS.exercises.ttlMs),
    CACHE_EXPLANATIONS_MAX: integerVariable("CACHE_EXPLANATIONS_MAX", 1, 10_000_000, SEED_CACHE_LAYERS.explanations.maxEntries),
    CACHE_EXPLANATIONS_TTL_MS: integerVariable("CACHE_EXPLANATIONS_TTL_MS", 1000, MAX_TTL_MS, SEED_CACHE_LAYERS.explanations.ttlMs),
    GRAMMAR_WORKERS: integerVariable("GRAMMAR_WORKERS", 1, 64, cores),
    GRAMMAR_TIMEOUT_MS: integerVariable("GRAMMAR_TIMEOUT_MS", 100, 600_000, APP_DEFAULTS.grammarRequestTimeoutMs),
    GRAMMAR_PYTHON: pythonPathVariable,
    GRAMMAR_LEARNER_RULES: booleanVariable("GRAMMAR_LEARNER_RULES"),
    SENTRY_DSN: sentryDsnVariable,
    SENTRY_ENVIRONMENT: nameVariable("SENTRY_ENVIRONMENT", "phase3"),
    OTEL_EXPORTER_OTLP_ENDPOINT: urlVariable("OTEL_EXPORTER_OTLP_ENDPOINT", ["http:", "https:"], "http://otel-collector:4318"),
    OTEL_SERVICE_NAME: nameVariable("OTEL_SERVICE_NAME", APP_DEFAULTS.serviceName),
  });
}

export type SettingVariable = keyof ReturnType<typeof settingsVariables>["shape"];

/** Every variable the app reads, in the contract's order. */
export const SETTING_VARIABLES = Object.keys(settingsVariables({ cpuCount: 1 }).shape) as SettingVariable[];

/**
 * The password of one shard of DATABASE_SHARDS, read from a variable of its own so that a deployment can inject
 * each shard's secret separately (each database keeps its own): `DATABASE_PASSWORD_` and the shard id in upper
 * case with every other character as `_`, such as DATABASE_PASSWORD_SHARD_1 for shard-1.
 */
export type ShardPasswordVariable = `DATABASE_PASSWORD_${string}`;
export const SHARD_PASSWORD_PREFIX = "DATABASE_PASSWORD_";

export function shardPasswordVariable(shardId: string): ShardPasswordVariable {
  return `${SHARD_PASSWORD_PREFIX}${shardId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** What a deployment sets: the contract's variables and one password variable per shard. */
export type SettingsEnvironment = Partial<Record<SettingVariable, string>> & Partial<Record<ShardPasswordVariable, string>>;

/**
 * Variables that hold credentials: a deployment passes them as secrets, never as plain values, and the URLs
 * beside them then carry no password (the loader refuses one in both places). Shard passwords
 * (`shardPasswordVariable`) are secrets too: `isSecretVariable` says so for any name.
 */
export const SECRET_SETTING_VARIABLES: readonly SettingVariable[] = ["DATABASE_PASSWORD", "REDIS_AUTH_TOKEN", "SENTRY_DSN"];

export function isSecretVariable(name: string): boolean {
  return (SECRET_SETTING_VARIABLES as readonly string[]).includes(name) || name.startsWith(SHARD_PASSWORD_PREFIX);
}

/** Whether the app reads a variable of this name: one of the contract's, or a shard's password. */
export function isSettingVariable(name: string): boolean {
  return (SETTING_VARIABLES as readonly string[]).includes(name) || name.startsWith(SHARD_PASSWORD_PREFIX);
}
