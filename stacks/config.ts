import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { cidrsOverlap, parseCidr } from "../components/lib/cidr.js";
import { PROJECT_NAME } from "../components/lib/project.js";

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const count = z.number().int().nonnegative();
const positiveInt = z.number().int().positive();
const percent = z.number().int().min(1).max(100);
const bucket = z.number().int().min(0).max(99);
const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "expected a decimal number written as a string, for example \"99.95\"")
  .transform(Number);
const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region name such as eu-west-1");
const ipv4Cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "expected an IPv4 CIDR block such as 10.10.0.0/16");

/**
 * The stack file's keys, flat, exactly as declared in Pulumi.yaml (whose project config
 * types have no objects and no decimals). `phaseConfigSchema` checks how they fit together
 * and nests them into the `PhaseConfig` the components read.
 */
export const stackConfigKeysSchema = z.strictObject({
  phase: z.number().int().min(1).max(4),
  phaseName: z.string().min(1),
  costCenter: z.string().min(1),
  concurrentUsersMin: positiveInt,
  concurrentUsersMax: positiveInt,
  requestsPerMinuteMin: positiveInt,
  requestsPerMinuteMax: positiveInt,
  responseTimeTargetMs: positiveInt,
  uptimeTargetPercent: decimalString,
  monthlyBudgetMinUsd: positiveInt,
  monthlyBudgetMaxUsd: positiveInt,
  nextPhaseTriggerUsers: positiveInt.optional(),
  nextPhaseTriggerRequestsPerMinute: positiveInt.optional(),
  nextPhaseTriggerResponseTimeMs: positiveInt.optional(),
  nextPhaseTriggerErrorRatePercent: decimalString.optional(),
  regions: z.array(awsRegion).min(1),
  regionTrafficPercent: z.array(percent).min(1),
  regionVpcCidrs: z.array(ipv4Cidr).min(1),
  availabilityZoneSuffixes: z.array(z.string().regex(/^[a-f]$/, "expected one availability-zone letter, a to f")).min(2),
  natGateways: z.enum(["none", "single", "per-az"]),
  backendPlatform: z.enum(["fargate", "kubernetes"]),
  instanceVcpu: positiveInt,
  instanceMemoryGb: positiveInt,
  instanceStorageGb: positiveInt,
  instanceCountMin: positiveInt,
  instanceCountMax: positiveInt,
  autoscalingCpuTargetPercent: percent.optional(),
  autoscalingMemoryTargetPercent: percent.optional(),
  autoscalingRequestsPerTarget: positiveInt.optional(),
  databaseEngine: z.enum(["rds-postgres", "aurora-postgres", "aurora-global"]),
  databaseInstanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "expected an RDS instance class such as db.t4g.micro"),
  databaseStorageGb: positiveInt,
  databaseMultiAz: z.boolean(),
  databaseReadersPerCluster: count,
  databaseBackupRetentionDays: z.number().int().min(1).max(35),
  databaseShardIds: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, "expected a lower-case shard id")).min(1),
  databaseShardRegions: z.array(awsRegion).min(1),
  databaseShardFirstBucket: z.array(bucket).min(1),
  databaseShardLastBucket: z.array(bucket).min(1),
  cacheTopology: z.enum(["single-node", "replication-group", "cluster", "global-datastore"]),
  cacheNodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "expected an ElastiCache node type such as cache.t4g.micro"),
  cacheShardCount: positiveInt,
  cacheReplicasPerShard: count,
  cdnPlan: z.enum(["free", "pro", "business", "enterprise"]),
  cdnCloudFront: z.boolean(),
  frontendPlan: z.enum(["hobby", "pro", "enterprise"]),
  frontendEdgeRegions: z.array(z.string().regex(/^[a-z]{3}\d$/, "expected a Vercel region such as iad1")).min(1),
  monitoringStack: z.enum(["basic", "structured-logging", "elk", "datadog"]),
  disasterRecovery: z.enum(["automated-backups", "point-in-time", "cross-region-copies", "multi-region-failover"]),
  backupRegions: z.array(awsRegion),
  failoverTargetSeconds: positiveInt.optional(),
});

export type StackConfigKeys = z.output<typeof stackConfigKeysSchema>;
export type StackConfigKey = keyof StackConfigKeys;

type Problem = { key: StackConfigKey; message: string };

/** Cross-key rules: what no single key's type can say. Each problem names the key to fix. */
export function crossKeyProblems(keys: StackConfigKeys): Problem[] {
  const problems: Problem[] = [];
  const minMax: [StackConfigKey, StackConfigKey][] = [
    ["concurrentUsersMin", "concurrentUsersMax"],
    ["requestsPerMinuteMin", "requestsPerMinuteMax"],
    ["monthlyBudgetMinUsd", "monthlyBudgetMaxUsd"],
    ["instanceCountMin", "instanceCountMax"],
  ];
  for (const [minKey, maxKey] of minMax) {
    if ((keys[minKey] as number) > (keys[maxKey] as number)) {
      problems.push({ key: minKey, message: `must not exceed ${maxKey} (${String(keys[maxKey])}), found ${String(keys[minKey])}` });
    }
  }

  const regionCount = keys.regions.length;
  for (const key of ["regionTrafficPercent", "regionVpcCidrs"] as const) {
    if (keys[key].length !== regionCount) {
      problems.push({ key, message: `needs one entry per region (${regionCount}: ${keys.regions.join(", ")}), found ${keys[key].length}` });
    }
  }
  if (new Set(keys.regions).size !== regionCount) problems.push({ key: "regions", message: `lists a region twice: ${keys.regions.join(", ")}` });
  const trafficTotal = keys.regionTrafficPercent.reduce((a, b) => a + b, 0);
  if (trafficTotal !== 100) problems.push({ key: "regionTrafficPercent", message: `must sum to 100, found ${trafficTotal}` });
  keys.regionVpcCidrs.forEach((cidr, i) => {
    const [, bits] = parseCidr(cidr);
    if (bits > 20) problems.push({ key: "regionVpcCidrs", message: `${cidr} is too small: a VPC needs at least a /20 to hold one /24 subnet per tier and zone` });
    keys.regionVpcCidrs.slice(i + 1).forEach((other) => {
      if (cidrsOverlap(cidr, other)) problems.push({ key: "regionVpcCidrs", message: `${cidr} overlaps ${other}: regional VPCs must not overlap, so they can be peered` });
    });
  });

  const autoscales = keys.instanceCountMax > keys.instanceCountMin;
  for (const key of ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent"] as const) {
    if (autoscales && keys[key] === undefined) {
      problems.push({ key, message: `is required when instanceCountMax (${keys.instanceCountMax}) exceeds instanceCountMin (${keys.instanceCountMin})` });
    }
  }
  for (const key of ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent", "autoscalingRequestsPerTarget"] as const) {
    if (!autoscales && keys[key] !== undefined) {
      problems.push({ key, message: `has no effect: instanceCountMin equals instanceCountMax (${keys.instanceCountMax}); remove it or widen the range` });
    }
  }

  const triggerKeys = ["nextPhaseTriggerUsers", "nextPhaseTriggerRequestsPerMinute", "nextPhaseTriggerResponseTimeMs", "nextPhaseTriggerErrorRatePercent"] as const;
  const presentTriggers = triggerKeys.filter((key) => keys[key] !== undefined);
  if (keys.phase < 4) {
    for (const key of triggerKeys.filter((k) => keys[k] === undefined)) {
      problems.push({ key, message: `is required before the last phase (phase ${keys.phase}): it says when to prepare phase ${keys.phase + 1}` });
    }
  } else {
    for (const key of presentTriggers) problems.push({ key, message: "has no meaning in phase 4, the last phase: remove it" });
  }

  const shardCount = keys.databaseShardIds.length;
  for (const key of ["databaseShardRegions", "databaseShardFirstBucket", "databaseShardLastBucket"] as const) {
    if (keys[key].length !== shardCount) {
      problems.push({ key, message: `needs one entry per shard (${shardCount}: ${keys.databaseShardIds.join(", ")}), found ${keys[key].length}` });
    }
  }
  keys.databaseShardRegions.forEach((region) => {
    if (!keys.regions.includes(region)) problems.push({ key: "databaseShardRegions", message: `${region} is not one of the phase's regions (${keys.regions.join(", ")})` });
  });
  let nextBucket = 0;
  keys.databaseShardFirstBucket.forEach((first, i) => {
    const last = keys.databaseShardLastBucket[i] ?? -1;
    if (first !== nextBucket || last < first) {
      problems.push({ key: "databaseShardFirstBucket", message: `shard ${keys.databaseShardIds[i] ?? i} covers buckets ${first}-${last}; shards must cover 0-99 in order without gaps or overlaps (expected a range starting at ${nextBucket})` });
    }
    nextBucket = last + 1;
  });
  if (nextBucket !== 100) problems.push({ key: "databaseShardLastBucket", message: `the last shard must end at bucket 99, found ${nextBucket - 1}` });

  if (keys.cacheTopology !== "cluster" && keys.cacheTopology !== "global-datastore" && keys.cacheShardCount !== 1) {
    problems.push({ key: "cacheShardCount", message: `must be 1 with cacheTopology ${keys.cacheTopology} (only cluster mode shards), found ${keys.cacheShardCount}` });
  }
  if (keys.cacheTopology === "single-node" && keys.cacheReplicasPerShard !== 0) {
    problems.push({ key: "cacheReplicasPerShard", message: `must be 0 with cacheTopology single-node, found ${keys.cacheReplicasPerShard}` });
  }
  for (const region of keys.backupRegions) {
    if (keys.regions.includes(region)) problems.push({ key: "backupRegions", message: `${region} already serves traffic: backups must leave the serving regions` });
  }
  const failsOver = keys.disasterRecovery === "multi-region-failover";
  if (failsOver && keys.failoverTargetSeconds === undefined) {
    problems.push({ key: "failoverTargetSeconds", message: "is required with disasterRecovery multi-region-failover" });
  }
  if (!failsOver && keys.failoverTargetSeconds !== undefined) {
    problems.push({ key: "failoverTargetSeconds", message: `has no effect with disasterRecovery ${keys.disasterRecovery}: remove it` });
  }
  if (failsOver && regionCount < 2) problems.push({ key: "regions", message: "multi-region failover needs at least two regions" });
  return problems;
}

export interface Range {
  min: number;
  max: number;
}

function nestPhaseConfig(stack: string, keys: StackConfigKeys) {
  const autoscaling =
    keys.instanceCountMax > keys.instanceCountMin
      ? {
          cpuTargetPercent: keys.autoscalingCpuTargetPercent as number,
          memoryTargetPercent: keys.autoscalingMemoryTargetPercent as number,
          requestsPerTarget: keys.autoscalingRequestsPerTarget,
        }
      : undefined;
  const nextPhaseTrigger =
    keys.nextPhaseTriggerUsers === undefined
      ? undefined
      : {
          users: keys.nextPhaseTriggerUsers,
          requestsPerMinute: keys.nextPhaseTriggerRequestsPerMinute as number,
          responseTimeMs: keys.nextPhaseTriggerResponseTimeMs as number,
          errorRatePercent: keys.nextPhaseTriggerErrorRatePercent as number,
        };
  return {
    stack,
    phase: keys.phase,
    phaseName: keys.phaseName,
    costCenter: keys.costCenter,
    targets: {
      concurrentUsers: { min: keys.concurrentUsersMin, max: keys.concurrentUsersMax } satisfies Range,
      requestsPerMinute: { min: keys.requestsPerMinuteMin, max: keys.requestsPerMinuteMax } satisfies Range,
      responseTimeMs: keys.responseTimeTargetMs,
      uptimePercent: keys.uptimeTargetPercent,
      monthlyBudgetUsd: { min: keys.monthlyBudgetMinUsd, max: keys.monthlyBudgetMaxUsd } satisfies Range,
    },
    nextPhaseTrigger,
    regions: keys.regions.map((name, i) => ({
      name,
      primary: i === 0,
      trafficPercent: keys.regionTrafficPercent[i] as number,
      vpcCidr: keys.regionVpcCidrs[i] as string,
      availabilityZones: keys.availabilityZoneSuffixes.map((suffix) => `${name}${suffix}`),
    })),
    network: { natGateways: keys.natGateways },
    compute: {
      platform: keys.backendPlatform,
      vcpu: keys.instanceVcpu,
      memoryGb: keys.instanceMemoryGb,
      storageGb: keys.instanceStorageGb,
      instanceCount: { min: keys.instanceCountMin, max: keys.instanceCountMax } satisfies Range,
      autoscaling,
    },
    database: {
      engine: keys.databaseEngine,
      instanceClass: keys.databaseInstanceClass,
      storageGb: keys.databaseStorageGb,
      multiAz: keys.databaseMultiAz,
      readersPerCluster: keys.databaseReadersPerCluster,
      backupRetentionDays: keys.databaseBackupRetentionDays,
      shards: keys.databaseShardIds.map((id, i) => ({
        id,
        region: keys.databaseShardRegions[i] as string,
        firstBucket: keys.databaseShardFirstBucket[i] as number,
        lastBucket: keys.databaseShardLastBucket[i] as number,
      })),
    },
    cache: {
      topology: keys.cacheTopology,
      nodeType: keys.cacheNodeType,
      shardCount: keys.cacheShardCount,
      replicasPerShard: keys.cacheReplicasPerShard,
    },
    cdn: { plan: keys.cdnPlan, cloudFront: keys.cdnCloudFront },
    frontend: { plan: keys.frontendPlan, edgeRegions: keys.frontendEdgeRegions },
    monitoring: { stack: keys.monitoringStack },
    disasterRecovery: {
      level: keys.disasterRecovery,
      backupRegions: keys.backupRegions,
      failoverTargetSeconds: keys.failoverTargetSeconds,
    },
  };
}

export type PhaseConfig = ReturnType<typeof nestPhaseConfig>;

export class PhaseConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid stack config in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        `Fix these keys in ${source}; every key, its type and its meaning are declared in Pulumi.yaml.`,
    );
    this.name = "PhaseConfigError";
  }
}

function describeFound(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (typeof value === "number") return `${Number.isInteger(value) ? "integer" : "number"} ${value}`;
  if (typeof value === "object") return `an object ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function fullKey(key: string): string {
  return `${PROJECT_NAME}:${key}`;
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string[] {
  const [topKey, ...rest] = issue.path.map(String);
  const where = topKey === undefined ? "" : `${fullKey(topKey)}${rest.map((p) => `[${p}]`).join("")}`;
  const found = topKey === undefined ? undefined : rest.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], raw[topKey]);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const known = Object.keys(stackConfigKeysSchema.shape);
        const suggestion = closestKey(key, known);
        return `${fullKey(key)}: unknown key${suggestion ? ` (did you mean ${fullKey(suggestion)}?)` : ""}; expected only keys declared in Pulumi.yaml`;
      });
    case "invalid_type":
      return [`${where}: expected ${({ number: "a number", int: "an integer" } as Record<string, string>)[issue.expected] ?? issue.expected}, found ${describeFound(found)}`];
    case "invalid_value":
      return [`${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, found ${describeFound(found)}`];
    case "too_small":
      return [
        issue.origin === "array"
          ? `${where}: expected at least ${String(issue.minimum)} entries, found ${describeFound(found)}`
          : `${where}: expected at least ${String(issue.minimum)}, found ${describeFound(found)}`,
      ];
    case "too_big":
      return [`${where}: expected at most ${String(issue.maximum)}, found ${describeFound(found)}`];
    default:
      return [`${where}: ${issue.message}, found ${describeFound(found)}`];
  }
}

function closestKey(unknown: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number;
        row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length] as number;
  };
  const ranked = known.map((k) => ({ k, d: distance(unknown, k) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(unknown.length / 4)) ? best.k : undefined;
}

/**
 * Validates the project's keys of one stack (without the `francaisfluide:` prefix) into a
 * PhaseConfig. `source` names where they came from, for the error message.
 */
export function parsePhaseConfig(stack: string, raw: Record<string, unknown>, source: string): PhaseConfig {
  const parsed = stackConfigKeysSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PhaseConfigError(source, parsed.error.issues.flatMap((issue) => describeIssue(issue, raw)));
  }
  const problems = crossKeyProblems(parsed.data);
  if (problems.length > 0) {
    throw new PhaseConfigError(
      source,
      problems.map((p) => `${fullKey(p.key)}: ${p.message}`),
    );
  }
  return nestPhaseConfig(stack, parsed.data);
}

/** Project keys of a stack file's `config:` map; other namespaces (aws:, cloudflare:…) belong to providers. */
export function projectKeysOf(config: Record<string, unknown>): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${PROJECT_NAME}:`)) keys[key.slice(PROJECT_NAME.length + 1)] = value;
    else if (!key.includes(":")) keys[key] = value;
  }
  return keys;
}

export function stackFilePath(stack: string, projectDir = PROJECT_DIR): string {
  return join(projectDir, `Pulumi.${stack}.yaml`);
}

export function listStacks(projectDir = PROJECT_DIR): string[] {
  return readdirSync(projectDir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

export class UnknownStackError extends Error {
  constructor(stack: string, known: string[]) {
    super(`Unknown stack "${stack}": there is no Pulumi.${stack}.yaml. Stacks of this project: ${known.join(", ")}.`);
    this.name = "UnknownStackError";
  }
}

/** For tests and tools: reads and validates a stack file, with no Pulumi runtime involved. */
export function loadPhaseConfigFromFile(filePath: string): PhaseConfig {
  const file = basename(filePath);
  const stack = /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1];
  if (stack === undefined) throw new Error(`${filePath} is not a stack file: expected a name like Pulumi.phase1.yaml`);
  let text: string;
  try {
    text = readFileSync(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UnknownStackError(stack, listStacks(dirname(filePath)));
    throw error;
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new PhaseConfigError(file, [`the file is not valid YAML: ${(error as Error).message}`]);
  }
  const config = (document as { config?: unknown } | null)?.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new PhaseConfigError(file, [`expected a top-level "config:" map, found ${describeFound(config)}`]);
  }
  return parsePhaseConfig(stack, projectKeysOf(config as Record<string, unknown>), file);
}

export function loadStackConfig(stack: string, projectDir = PROJECT_DIR): PhaseConfig {
  if (!listStacks(projectDir).includes(stack)) throw new UnknownStackError(stack, listStacks(projectDir));
  return loadPhaseConfigFromFile(stackFilePath(stack, projectDir));
}

const declaredTypes = z.toJSONSchema(stackConfigKeysSchema, { io: "input" }).properties ?? {};

/**
 * Pulumi hands the program every config value as a string; a value declared as a string
 * (decimals included) stays one, the others are JSON (numbers, booleans, lists).
 */
export function decodePulumiConfigValue(key: string, value: string): unknown {
  const declared = declaredTypes[key];
  if (typeof declared === "object" && declared.type === "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** For `pulumi up`: the stack's config as the engine passes it to the program. */
export function loadPhaseConfigFromPulumi(): PhaseConfig {
  const stack = pulumi.getStack();
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(projectKeysOf(pulumi.runtime.allConfig()))) {
    raw[key] = decodePulumiConfigValue(key, value as string);
  }
  return parsePhaseConfig(stack, raw, `Pulumi.${stack}.yaml`);
}
