import type { DeployedSettings } from "@francaisfluide/app/config";

/** What the database component hands on for one shard: where it is, who may log in, and which users it holds. */
export interface DatabaseShardInfo {
  id: string;
  /** Region of the shard's writer. */
  region: string;
  writerEndpoint: string;
  /** The primary region's reader endpoint (the writer's own address on RDS, which has no readers). */
  readerEndpoint: string;
  port: number;
  databaseName: string;
  masterUsername: string;
  /** Secrets Manager secret holding `{"username", "password"}` of the master user. */
  masterUserSecretArn: string;
  firstBucket: number;
  lastBucket: number;
  /** A reader endpoint in every region that holds a copy of the shard (a global database's secondaries too). */
  regionalReaderEndpoints: Record<string, string>;
}

export type DatabaseSettings = NonNullable<DeployedSettings["database"]>;

export interface DatabaseSettingsOptions {
  /** The region of the app instances that get these settings: their reads go to that region's copy when there is one. */
  region?: string;
  /**
   * A file holding the RDS certificate authorities (AWS's global bundle) for `sslrootcert`. Without it the
   * server certificate is still verified, against Node's trust store, which then needs the bundle through
   * NODE_EXTRA_CA_CERTS: the image's concern.
   */
  sslRootCert?: string;
}

/**
 * A libpq-style URL, without a password when none is given (the app then reads it from its own secret variable).
 * `verify-full` because node-postgres treats `require` as `verify-full` anyway (and warns), and because the RDS
 * certificates name every instance and cluster endpoint.
 */
export function postgresUrl(
  { username, password, host, port, database }: { username: string; password?: string; host: string; port: number; database: string },
  sslRootCert?: string,
): string {
  const query = new URLSearchParams({ sslmode: "verify-full", ...(sslRootCert === undefined ? {} : { sslrootcert: sslRootCert }) });
  const credentials = password === undefined ? encodeURIComponent(username) : `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
  return `postgres://${credentials}@${host}:${port}/${encodeURIComponent(database)}?${query}`;
}

/**
 * The app's database settings (`DeployedSettings["database"]`) from the shards the component deployed and the
 * master password of each (read from its secret by whoever deploys the app, never from Pulumi state), or
 * without `passwords` URLs that carry none, for a deployment that injects each shard's secret into the app's
 * password variables (DATABASE_PASSWORD, `shardPasswordVariable`). One shard
 * without readers gives `url`; otherwise `shards`, with each shard's reader in the app's region when it has one,
 * so a one-shard global database still sends reads to the local copy.
 */
export function databaseSettings(shards: DatabaseShardInfo[], passwords: Record<string, string> | undefined, options: DatabaseSettingsOptions = {}): DatabaseSettings {
  if (shards.length === 0) throw new Error("No database shard to connect to");
  const urlFor = (shard: DatabaseShardInfo, host: string) => {
    const password = passwords?.[shard.id];
    if (passwords !== undefined && password === undefined) throw new Error(`No password given for database shard "${shard.id}" (given: ${Object.keys(passwords).join(", ") || "none"})`);
    return postgresUrl({ username: shard.masterUsername, password, host, port: shard.port, database: shard.databaseName }, options.sslRootCert);
  };
  const readerHost = (shard: DatabaseShardInfo) => (options.region === undefined ? undefined : shard.regionalReaderEndpoints[options.region]) ?? shard.readerEndpoint;
  const [only] = shards;
  if (shards.length === 1 && only !== undefined && readerHost(only) === only.writerEndpoint) return { url: urlFor(only, only.writerEndpoint) };
  return {
    shards: shards.map((shard) => ({
      id: shard.id,
      writerUrl: urlFor(shard, shard.writerEndpoint),
      ...(readerHost(shard) === shard.writerEndpoint ? {} : { readerUrl: urlFor(shard, readerHost(shard)) }),
      firstBucket: shard.firstBucket,
      lastBucket: shard.lastBucket,
    })),
  };
}
