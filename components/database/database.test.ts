import { loadAppConfig, renderSettingsEnvironment, SEED_DATABASE_POOL } from "@francaisfluide/app/config";
import { beforeAll, describe, expect, it } from "vitest";
import { mockPhysicalId } from "../../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../../tools/offline/synthesize.js";
import { DATABASE_LOG_RETENTION_DAYS } from "./logs.js";
import { databaseSettings, type DatabaseShardInfo } from "./settings.js";
import { maxConnections, POSTGRES_ENGINE, POSTGRES_PORT, readerAutoscalingBounds, slowQueryThresholdMs, storageAutoscalingCeilingGb } from "./sizing.js";

type Step = PreviewDocument["steps"][number];

const physicalId = (step: Step) => mockPhysicalId(step.newState.type, step.urn.split("::").at(-1) as string);
const regionOf = (step: Step) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];
const regionOfArn = (arn: unknown) => String(arn).split(":")[3];

/** Every key of an input object, however deep, with its value. */
function* entries(value: unknown, path = ""): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* entries(item, `${path}[${i}]`);
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      yield [key, child];
      yield* entries(child, `${path}.${key}`);
    }
  }
}

describe.each(["phase1", "phase2", "phase3", "phase4"])("the database of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  let database: Step[];
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
    database = preview.steps.filter((step) => step.urn.includes("francaisfluide:database:Database$"));
  });
  const ofType = (type: string) => database.filter((step) => step.newState.type === type);
  const inputs = (step: Step) => step.newState.inputs;
  const engine = () => config.database.engine;
  const databaseRegions = () => (engine() === "aurora-global" ? config.regions.map((r) => r.name) : [...new Set(config.database.shards.map((s) => s.region))]);
  const instances = () => [...ofType("aws:rds/instance:Instance"), ...ofType("aws:rds/clusterInstance:ClusterInstance")];
  const clusters = () => ofType("aws:rds/cluster:Cluster");
  const stackOutputs = () => preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { database: { shards: DatabaseShardInfo[]; backupTargets: { region: string; arn: string }[]; securityGroupIds: Record<string, string> } };

  it("encrypts storage, Performance Insights and the master secret with a rotated customer-managed key of the same region", () => {
    const keys = ofType("aws:kms/key:Key");
    expect(keys.map(regionOf).sort()).toEqual([...databaseRegions()].sort());
    for (const key of keys) expect(inputs(key).enableKeyRotation).toBe(true);
    const keyArns = new Set(keys.map((key) => `arn:aws:kms:${regionOf(key)}:123456789012:key/${physicalId(key)}`));
    const encrypted = [...instances(), ...clusters()];
    expect(encrypted.length).toBeGreaterThan(0);
    for (const step of [...ofType("aws:rds/instance:Instance"), ...clusters()]) {
      expect(inputs(step).storageEncrypted, step.urn).toBe(true);
      expect(keyArns.has(String(inputs(step).kmsKeyId)), step.urn).toBe(true);
      expect(regionOfArn(inputs(step).kmsKeyId), step.urn).toBe(regionOf(step));
    }
    for (const step of instances()) {
      expect(inputs(step).performanceInsightsEnabled, step.urn).toBe(true);
      expect(regionOfArn(inputs(step).performanceInsightsKmsKeyId), step.urn).toBe(regionOf(step));
      expect(keyArns.has(String(inputs(step).performanceInsightsKmsKeyId)), step.urn).toBe(true);
    }
  });

  it("puts no password in any input: RDS manages it, or (global database) it goes in write-only", () => {
    const passwordKeys = new Set(database.flatMap((step) => [...entries(inputs(step))].map(([key]) => key)).filter((key) => /password/i.test(key)));
    if (engine() === "aurora-global") {
      expect([...passwordKeys].sort()).toEqual(["masterPasswordWo", "masterPasswordWoVersion"]);
      const withPassword = clusters().filter((c) => "masterPasswordWo" in inputs(c));
      expect(withPassword.map(regionOf)).toEqual([config.regions[0]?.name]);
    } else {
      expect([...passwordKeys]).toEqual(["manageMasterUserPassword"]);
      const owners = [...ofType("aws:rds/instance:Instance"), ...clusters()];
      for (const step of owners) {
        expect(inputs(step).manageMasterUserPassword, step.urn).toBe(true);
        expect(regionOfArn(inputs(step).masterUserSecretKmsKeyId), step.urn).toBe(regionOf(step));
      }
    }
  });

  it("lives in the private subnets of its regions, and no instance is public", () => {
    const subnets = preview.steps.filter((s) => s.newState.type === "aws:ec2/subnet:Subnet");
    for (const group of ofType("aws:rds/subnetGroup:SubnetGroup")) {
      const privateIds = subnets.filter((s) => regionOf(s) === regionOf(group) && (inputs(s).tags as Record<string, string>).tier === "private").map(physicalId);
      expect(privateIds.length).toBeGreaterThanOrEqual(2);
      expect([...(inputs(group).subnetIds as string[])].sort()).toEqual(privateIds.sort());
    }
    expect(ofType("aws:rds/subnetGroup:SubnetGroup").map(regionOf).sort()).toEqual([...databaseRegions()].sort());
    for (const step of instances()) expect(inputs(step).publiclyAccessible, step.urn).toBe(false);
  });

  it("admits only its region's backend security group, on 5432", () => {
    const groups = ofType("aws:ec2/securityGroup:SecurityGroup");
    expect(groups.map(regionOf).sort()).toEqual([...databaseRegions()].sort());
    const ingress = preview.steps.filter((s) => s.newState.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const egress = preview.steps.filter((s) => s.newState.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    for (const group of groups) {
      const region = regionOf(group) as string;
      const backend = preview.steps.find((s) => s.newState.type === "aws:ec2/securityGroup:SecurityGroup" && s.urn.endsWith(`network-${region}-backend-sg`));
      expect(backend, region).toBeDefined();
      const rules = ingress.filter((rule) => inputs(rule).securityGroupId === physicalId(group));
      expect(rules.map((rule) => [inputs(rule).ipProtocol, inputs(rule).fromPort, inputs(rule).toPort, inputs(rule).referencedSecurityGroupId ?? inputs(rule).cidrIpv4 ?? inputs(rule).cidrIpv6])).toEqual([
        ["tcp", POSTGRES_PORT, POSTGRES_PORT, physicalId(backend as Step)],
      ]);
      expect(egress.filter((rule) => inputs(rule).securityGroupId === physicalId(group))).toEqual([]);
      expect(stackOutputs().database.securityGroupIds[region]).toBe(physicalId(group));
    }
    for (const step of [...ofType("aws:rds/instance:Instance"), ...clusters()]) {
      expect(inputs(step).vpcSecurityGroupIds, step.urn).toEqual([physicalId(groups.find((g) => regionOf(g) === regionOf(step)) as Step)]);
    }
  });

  it("keeps the stack's backups, refuses deletion and takes a final snapshot", () => {
    const owners = [...ofType("aws:rds/instance:Instance"), ...clusters()];
    for (const step of owners) {
      expect(inputs(step).backupRetentionPeriod, step.urn).toBe(config.database.backupRetentionDays);
      expect(inputs(step).deletionProtection, step.urn).toBe(true);
      expect(inputs(step).copyTagsToSnapshot, step.urn).toBe(true);
      expect(inputs(step).deleteAutomatedBackups, step.urn).toBe(false);
      expect(inputs(step).iamDatabaseAuthenticationEnabled, step.urn).toBe(true);
      const secondary = inputs(step).globalClusterIdentifier !== undefined && regionOf(step) !== config.regions[0]?.name;
      if (!secondary) {
        expect(inputs(step).skipFinalSnapshot, step.urn).toBe(false);
        expect(inputs(step).finalSnapshotIdentifier, step.urn).toMatch(/^francaisfluide-[a-z0-9-]+-final$/);
      }
    }
    for (const step of instances()) expect(inputs(step).autoMinorVersionUpgrade, step.urn).toBe(true);
  });

  it("logs slow statements and bounds connections by the app's pools", () => {
    const expected = {
      log_min_duration_statement: String(slowQueryThresholdMs(config.targets.responseTimeMs)),
      max_connections: String(maxConnections({ poolMax: SEED_DATABASE_POOL.poolMax, maxAppInstances: config.compute.instanceCount.max * config.regions.length })),
      "rds.force_ssl": "1",
    };
    const groups = [...ofType("aws:rds/parameterGroup:ParameterGroup"), ...ofType("aws:rds/clusterParameterGroup:ClusterParameterGroup")];
    const family = engine() === "rds-postgres" ? POSTGRES_ENGINE.rdsParameterFamily : POSTGRES_ENGINE.auroraParameterFamily;
    const values = new Map<string, Set<string>>();
    for (const group of groups) {
      expect(inputs(group).family).toBe(family);
      for (const parameter of inputs(group).parameters as { name: string; value: string }[]) values.set(parameter.name, new Set([...(values.get(parameter.name) ?? []), parameter.value]));
    }
    expect(Object.fromEntries([...values].map(([name, set]) => [name, [...set]]))).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [v]])));
    for (const step of ofType("aws:rds/instance:Instance")) expect(inputs(step).parameterGroupName).toMatch(/-params-/);
    for (const step of ofType("aws:rds/clusterInstance:ClusterInstance")) expect(inputs(step).dbParameterGroupName).toMatch(/-instance-params-/);
    for (const step of clusters()) expect(inputs(step).dbClusterParameterGroupName).toMatch(/-cluster-params-/);
  });

  it("runs the stack's class on the engine version that matches the parameter family", () => {
    for (const step of instances()) expect(inputs(step).instanceClass, step.urn).toBe(config.database.instanceClass);
    for (const step of ofType("aws:rds/instance:Instance")) expect([inputs(step).engine, inputs(step).engineVersion]).toEqual(["postgres", POSTGRES_ENGINE.rdsVersion]);
    for (const step of [...clusters(), ...ofType("aws:rds/globalCluster:GlobalCluster")]) {
      expect([inputs(step).engine, inputs(step).engineVersion], step.urn).toEqual(["aurora-postgresql", POSTGRES_ENGINE.auroraVersion]);
    }
  });

  it("hands on every instance or cluster as a backup target, in its region", () => {
    const owners = [...ofType("aws:rds/instance:Instance"), ...clusters()];
    expect(stackOutputs().database.backupTargets.map((t) => [t.region, regionOfArn(t.arn)]).sort()).toEqual(owners.map((s) => [regionOf(s), regionOf(s)]).sort());
    for (const step of database.filter((s) => s.newState.custom)) {
      const tags = inputs(step).tags as Record<string, string> | undefined;
      if (tags) expect(tags.component, step.urn).toBe("database");
    }
  });

  it("renders shard outputs that the app loads, with the stack's shard ids and bucket ranges", () => {
    const shards = stackOutputs().database.shards;
    const passwords = Object.fromEntries(shards.map((shard) => [shard.id, "placeholder-password"]));
    for (const region of config.regions.map((r) => r.name)) {
      const app = loadAppConfig(renderSettingsEnvironment({ database: databaseSettings(shards, passwords, { region }) }), { cpuCount: 1 });
      const loaded = app.database.shards ?? (app.database.url ? [{ id: "main", firstBucket: 0, lastBucket: 99 }] : []);
      expect(loaded.map(({ id, firstBucket, lastBucket }) => ({ id, firstBucket, lastBucket }))).toEqual(
        config.database.shards.map(({ id, firstBucket, lastBucket }) => ({ id, firstBucket, lastBucket })),
      );
      const urls = app.database.url ? [app.database.url] : (app.database.shards ?? []).flatMap((s) => [s.writerUrl, s.readerUrl ?? s.writerUrl]);
      for (const url of urls) expect(url).toMatch(/^postgres:\/\/francaisfluide_admin:placeholder-password@[a-z0-9.-]+\.rds\.amazonaws\.com:5432\/francaisfluide\?sslmode=verify-full$/);
    }
    for (const shard of shards) expect(shard.masterUserSecretArn).toMatch(new RegExp(`^arn:aws:secretsmanager:${shard.region}:`));
  });
});

describe.each(["phase1", "phase2", "phase3", "phase4"])("the database logs of %s", (stack) => {
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ preview } = await synthesizeStack(stack));
  });

  it("creates, with a retention and before the database, every log group RDS exports to", () => {
    const logGroups = preview.steps.filter((step) => step.newState.type === "aws:cloudwatch/logGroup:LogGroup" && step.urn.includes("francaisfluide:database:Database$"));
    const exporters = preview.steps.filter((step) => ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"].includes(step.newState.type));
    expect(exporters.length).toBeGreaterThan(0);
    for (const exporter of exporters) {
      const { inputs } = exporter.newState;
      const [kind, identifier] = exporter.newState.type === "aws:rds/instance:Instance" ? ["instance", inputs.identifier] : ["cluster", inputs.clusterIdentifier];
      for (const log of inputs.enabledCloudwatchLogsExports as string[]) {
        const group = logGroups.find((step) => step.newState.inputs.name === `/aws/rds/${kind}/${String(identifier)}/${log}`);
        expect(group, `${exporter.urn} exports ${log}`).toBeDefined();
        expect(group?.newState.inputs.retentionInDays).toBe(DATABASE_LOG_RETENTION_DAYS);
        expect(regionOf(group as Step)).toBe(regionOf(exporter));
      }
    }
    expect(logGroups.length).toBe(exporters.reduce((sum, exporter) => sum + (exporter.newState.inputs.enabledCloudwatchLogsExports as string[]).length, 0));
  });
});

describe.each(["phase1", "phase2"])("the RDS instance of %s", (stack) => {
  let config: StackPreview["config"];
  let instance: Step;
  beforeAll(async () => {
    const synthesized = await synthesizeStack(stack);
    config = synthesized.config;
    const instances = synthesized.preview.steps.filter((s) => s.newState.type === "aws:rds/instance:Instance");
    expect(instances).toHaveLength(1);
    instance = instances[0] as Step;
  });

  it("is one gp3 instance of the stack's size, with storage autoscaling and the stack's Multi-AZ", () => {
    expect(regionOf(instance)).toBe(config.database.shards[0]?.region);
    expect(instance.newState.inputs).toMatchObject({
      identifier: `francaisfluide-${stack}-main`,
      instanceClass: config.database.instanceClass,
      storageType: "gp3",
      allocatedStorage: config.database.storageGb,
      maxAllocatedStorage: storageAutoscalingCeilingGb(config.database.storageGb),
      multiAz: config.database.multiAz,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });
  });

  it("matches the plan's figures", () => {
    const expected = stack === "phase1" ? ["db.t4g.micro", 20, false, 7] : ["db.t4g.medium", 50, true, 14];
    const { instanceClass, allocatedStorage, multiAz, backupRetentionPeriod } = instance.newState.inputs;
    expect([instanceClass, allocatedStorage, multiAz, backupRetentionPeriod]).toEqual(expected);
  });
});

describe("the Aurora clusters of phase3", () => {
  let config: StackPreview["config"];
  let steps: Step[];
  beforeAll(async () => {
    const synthesized = await synthesizeStack("phase3");
    config = synthesized.config;
    steps = synthesized.preview.steps;
  });
  // The database's own resources: the backend scales its services with application autoscaling too.
  const ofType = (type: string) => steps.filter((s) => s.newState.type === type && s.urn.includes("francaisfluide:database:Database$"));

  it("has one cluster per shard, in the shard's region, with a writer and the stack's readers in other zones", () => {
    const clusters = ofType("aws:rds/cluster:Cluster");
    expect(clusters.map((c) => [c.newState.inputs.clusterIdentifier, regionOf(c)])).toEqual(
      expect.arrayContaining(config.database.shards.map((s) => [`francaisfluide-phase3-${s.id}`, s.region])),
    );
    expect(clusters).toHaveLength(config.database.shards.length);
    for (const cluster of clusters) {
      const members = ofType("aws:rds/clusterInstance:ClusterInstance").filter((i) => i.newState.inputs.clusterIdentifier === physicalId(cluster));
      expect(members).toHaveLength(1 + config.database.readersPerCluster);
      const writer = members.find((m) => String(m.newState.inputs.identifier).endsWith("-writer"));
      const readers = members.filter((m) => m !== writer);
      expect(writer?.newState.inputs.promotionTier).toBe(0);
      for (const reader of readers) {
        expect(reader.newState.inputs.availabilityZone).not.toBe(writer?.newState.inputs.availabilityZone);
        expect(String(reader.newState.inputs.availabilityZone).startsWith(regionOf(cluster) as string)).toBe(true);
      }
      expect(cluster.newState.inputs.backtrackWindow).toBeUndefined();
    }
  });

  it("scales each cluster's readers on their CPU, from the stack's readers to four times as many", () => {
    const targets = ofType("aws:appautoscaling/target:Target");
    expect(targets).toHaveLength(config.database.shards.length);
    const bounds = readerAutoscalingBounds(config.database.readersPerCluster);
    for (const target of targets) {
      expect(target.newState.inputs).toMatchObject({ serviceNamespace: "rds", scalableDimension: "rds:cluster:ReadReplicaCount", minCapacity: bounds.min, maxCapacity: bounds.max });
      expect(bounds).toEqual({ min: 1, max: 4 });
      const policy = ofType("aws:appautoscaling/policy:Policy").find((p) => p.newState.inputs.resourceId === target.newState.inputs.resourceId);
      expect(policy?.newState.inputs).toMatchObject({
        policyType: "TargetTrackingScaling",
        targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" } },
      });
    }
  });
});

describe("the Aurora global database of phase4", () => {
  let config: StackPreview["config"];
  let steps: Step[];
  beforeAll(async () => {
    const synthesized = await synthesizeStack("phase4");
    config = synthesized.config;
    steps = synthesized.preview.steps;
  });
  const ofType = (type: string) => steps.filter((s) => s.newState.type === type);

  it("has its primary cluster in the phase's first region and a secondary, without credentials, in every other", () => {
    const [global, ...others] = ofType("aws:rds/globalCluster:GlobalCluster");
    expect(others).toEqual([]);
    expect(global?.newState.inputs).toMatchObject({ globalClusterIdentifier: "francaisfluide-phase4-global", storageEncrypted: true, deletionProtection: true });
    const clusters = ofType("aws:rds/cluster:Cluster");
    expect(clusters.map(regionOf).sort()).toEqual(config.regions.map((r) => r.name).sort());
    for (const cluster of clusters) expect(cluster.newState.inputs.globalClusterIdentifier).toBe(physicalId(global as Step));
    const primaryRegion = config.regions[0]?.name;
    const primary = clusters.filter((c) => regionOf(c) === primaryRegion);
    const secondaries = clusters.filter((c) => regionOf(c) !== primaryRegion);
    expect(primary).toHaveLength(1);
    expect(primary[0]?.newState.inputs).toMatchObject({ masterUsername: "francaisfluide_admin", databaseName: "francaisfluide" });
    expect(secondaries).toHaveLength(config.regions.length - 1);
    for (const secondary of secondaries) {
      for (const key of ["masterUsername", "masterPasswordWo", "manageMasterUserPassword", "databaseName"]) expect(secondary.newState.inputs[key], `${secondary.urn} ${key}`).toBeUndefined();
    }
  });

  it("gives every cluster instances of its own, so reads are local and any region can be promoted", () => {
    for (const cluster of ofType("aws:rds/cluster:Cluster")) {
      const members = ofType("aws:rds/clusterInstance:ClusterInstance").filter((i) => i.newState.inputs.clusterIdentifier === physicalId(cluster));
      expect(members, cluster.urn).toHaveLength(1 + config.database.readersPerCluster);
      for (const member of members) expect(regionOf(member)).toBe(regionOf(cluster));
      expect(new Set(members.map((m) => m.newState.inputs.availabilityZone)).size).toBe(Math.min(members.length, config.regions[0]?.availabilityZones.length ?? 0));
    }
  });

  it("autoscales the primary's readers within Aurora's limit less the secondaries", () => {
    const targets = ofType("aws:appautoscaling/target:Target");
    expect(targets.map(regionOf)).toEqual([config.regions[0]?.name]);
    expect(targets[0]?.newState.inputs).toMatchObject(((b) => ({ minCapacity: b.min, maxCapacity: b.max }))(readerAutoscalingBounds(config.database.readersPerCluster, config.regions.length - 1)));
  });

  it("keeps the generated master password in a secret encrypted in the primary region and replicated to the others with their keys", () => {
    const [secret, ...others] = ofType("aws:secretsmanager/secret:Secret");
    expect(others).toEqual([]);
    expect(regionOf(secret as Step)).toBe(config.regions[0]?.name);
    expect(regionOfArn(secret?.newState.inputs.kmsKeyId)).toBe(config.regions[0]?.name);
    const replicas = secret?.newState.inputs.replicas as { region: string; kmsKeyId: string }[];
    expect(replicas.map((r) => [r.region, regionOfArn(r.kmsKeyId)])).toEqual(config.regions.slice(1).map((r) => [r.name, r.name]));
    const [version] = ofType("aws:secretsmanager/secretVersion:SecretVersion");
    expect(Object.keys(version?.newState.inputs ?? {}).sort()).toEqual(["secretId", "secretStringWo", "secretStringWoVersion"]);
  });
});
