import { loadAppConfig, renderSettingsEnvironment } from "@francaisfluide/app/config";
import { describe, expect, it } from "vitest";
import { databaseSettings, postgresUrl, type DatabaseShardInfo } from "./settings.js";

const shard = (id: string, region: string, firstBucket: number, lastBucket: number, reader = true): DatabaseShardInfo => ({
  id,
  region,
  writerEndpoint: `${id}.cluster-abc.${region}.rds.amazonaws.com`,
  readerEndpoint: reader ? `${id}.cluster-ro-abc.${region}.rds.amazonaws.com` : `${id}.cluster-abc.${region}.rds.amazonaws.com`,
  port: 5432,
  databaseName: "francaisfluide",
  masterUsername: "francaisfluide_admin",
  masterUserSecretArn: `arn:aws:secretsmanager:${region}:123456789012:secret:${id}`,
  firstBucket,
  lastBucket,
  regionalReaderEndpoints: reader ? { [region]: `${id}.cluster-ro-abc.${region}.rds.amazonaws.com` } : { [region]: `${id}.cluster-abc.${region}.rds.amazonaws.com` },
});

describe("postgresUrl", () => {
  it("escapes the credentials and asks for a verified TLS connection", () => {
    const url = postgresUrl({ username: "ff", password: "p@ss/word:1", host: "db.example", port: 5432, database: "francaisfluide" });
    expect(url).toBe("postgres://ff:p%40ss%2Fword%3A1@db.example:5432/francaisfluide?sslmode=verify-full");
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe("p@ss/word:1");
    expect(postgresUrl({ username: "ff", password: "x", host: "h", port: 1, database: "d" }, "/etc/rds-ca.pem")).toContain("sslmode=verify-full&sslrootcert=%2Fetc%2Frds-ca.pem");
  });
});

describe("databaseSettings", () => {
  it("leaves the passwords out of every URL when none are given, for the app to read them from their own secrets", () => {
    const settings = databaseSettings([shard("shard-1", "us-east-1", 0, 49), shard("shard-2", "eu-west-1", 50, 99)], undefined);
    for (const setting of settings.shards ?? []) {
      for (const url of [setting.writerUrl, setting.readerUrl]) expect(new URL(url as string)).toMatchObject({ username: "francaisfluide_admin", password: "" });
    }
    expect(databaseSettings([shard("main", "us-east-1", 0, 99, false)], undefined).url).toBe("postgres://francaisfluide_admin@main.cluster-abc.us-east-1.rds.amazonaws.com:5432/francaisfluide?sslmode=verify-full");
  });

  it("gives one url for a single shard without readers", () => {
    const settings = databaseSettings([shard("main", "us-east-1", 0, 99, false)], { main: "secret" });
    expect(settings).toEqual({ url: "postgres://francaisfluide_admin:secret@main.cluster-abc.us-east-1.rds.amazonaws.com:5432/francaisfluide?sslmode=verify-full" });
  });

  it("gives a shard map with writer and reader URLs for several shards", () => {
    const shards = [shard("shard-1", "us-east-1", 0, 49), shard("shard-2", "eu-west-1", 50, 99)];
    const settings = databaseSettings(shards, { "shard-1": "one", "shard-2": "two" });
    expect(settings.url).toBeUndefined();
    expect(settings.shards?.map((s) => [s.id, s.firstBucket, s.lastBucket])).toEqual([["shard-1", 0, 49], ["shard-2", 50, 99]]);
    expect(settings.shards?.[1]?.writerUrl).toContain("francaisfluide_admin:two@shard-2.cluster-abc.eu-west-1");
    expect(settings.shards?.[1]?.readerUrl).toContain("@shard-2.cluster-ro-abc.eu-west-1");
  });

  it("keeps one shard with readers as a shard map, reading from the app's own region when it holds a copy", () => {
    const global = { ...shard("global", "us-east-1", 0, 99), regionalReaderEndpoints: { "us-east-1": "ro-us", "eu-west-1": "ro-eu" } };
    expect(databaseSettings([global], { global: "pw" }, { region: "eu-west-1" }).shards?.[0]?.readerUrl).toContain("@ro-eu:5432/");
    expect(databaseSettings([global], { global: "pw" }, { region: "ap-southeast-1" }).shards?.[0]?.readerUrl).toContain("@global.cluster-ro-abc.us-east-1");
  });

  it("renders settings the app loads", () => {
    const shards = [shard("a", "us-east-1", 0, 33), shard("b", "eu-west-1", 34, 66), shard("c", "ap-southeast-1", 67, 99)];
    const env = renderSettingsEnvironment({ database: databaseSettings(shards, { a: "x", b: "y", c: "z" }) });
    expect(loadAppConfig(env, { cpuCount: 1 }).database.shards?.map((s) => s.id)).toEqual(["a", "b", "c"]);
  });

  it("names a shard whose password is missing", () => {
    expect(() => databaseSettings([shard("main", "us-east-1", 0, 99)], {})).toThrow('No password given for database shard "main" (given: none)');
  });
});
