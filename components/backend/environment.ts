import { isSecretVariable, renderSettingsEnvironment, shardPasswordVariable, type AppRole } from "@francaisfluide/app/config";
import { cacheRedisSetting, type CacheConnection } from "../cache.js";
import { databaseSettings, type DatabaseShardInfo } from "../database/settings.js";

export interface ContainerVariable {
  name: string;
  value: string;
}

export interface ContainerSecret {
  name: string;
  /** A Secrets Manager ARN, or `<ARN>:<json-key>::` for one key of a JSON secret. */
  valueFrom: string;
}

export interface TaskEnvironmentInput {
  role: AppRole;
  /** The task's region: reads go to a shard's reader there when it has one. */
  region: string;
  port: number;
  metricsPort: number;
  /** One Grammalecte worker per vCPU: the app's default counts the host's cores, which Fargate does not promise. */
  vcpu: number;
  shards: DatabaseShardInfo[];
  cache: CacheConnection;
  /** The Secrets Manager secret that holds the cache's AUTH token, as a plain string. */
  cacheAuthTokenSecretArn: string;
  /** The Secrets Manager secret that holds the Sentry DSN, and the environment Sentry's events carry. */
  sentry?: { dsnSecretArn: string; environment: string };
}

/** The RDS-managed master secret is JSON with `username` and `password`: the app gets the password key only. */
const passwordOf = (secretArn: string) => `${secretArn}:password::`;

/**
 * The container's environment through the app's own contract: every setting rendered by
 * `renderSettingsEnvironment` as a plain variable, and every credential as a secret the ECS agent reads at
 * start (the database passwords from their RDS-managed secrets, the cache's AUTH token from ours), never a value
 * in the task definition. Throws if the renderer ever produces a secret variable as a plain one.
 */
export function taskEnvironment(input: TaskEnvironmentInput): { environment: ContainerVariable[]; secrets: ContainerSecret[] } {
  const database = databaseSettings(input.shards, undefined, { region: input.region });
  const rendered = renderSettingsEnvironment({
    role: input.role,
    host: "0.0.0.0",
    port: input.port,
    metricsPort: input.metricsPort,
    database,
    redis: cacheRedisSetting(input.cache),
    grammar: { workers: input.vcpu },
    // The DSN itself arrives as a secret below.
    ...(input.sentry ? { telemetry: { sentry: { environment: input.sentry.environment } } } : {}),
  });
  const plain = Object.entries(rendered).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const leaked = plain.filter(([name]) => isSecretVariable(name)).map(([name]) => name);
  if (leaked.length > 0) throw new Error(`The task's plain environment would carry the secret variables ${leaked.join(", ")}`);

  const [only] = input.shards;
  const databasePasswords =
    database.url !== undefined && only !== undefined
      ? [{ name: "DATABASE_PASSWORD", valueFrom: passwordOf(only.masterUserSecretArn) }]
      : input.shards.map((shard) => ({ name: shardPasswordVariable(shard.id), valueFrom: passwordOf(shard.masterUserSecretArn) }));
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    environment: plain.map(([name, value]) => ({ name, value })).sort(byName),
    secrets: [
      ...databasePasswords,
      { name: "REDIS_AUTH_TOKEN", valueFrom: input.cacheAuthTokenSecretArn },
      ...(input.sentry ? [{ name: "SENTRY_DSN", valueFrom: input.sentry.dsnSecretArn }] : []),
    ].sort(byName),
  };
}

/** The secret an ECS `valueFrom` reads: the ARN without a JSON key, version stage or version id. */
export function secretArnOf(valueFrom: string): string {
  const parts = valueFrom.split(":");
  return parts.slice(0, 7).join(":");
}
