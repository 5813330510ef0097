import { loadAppConfig } from "@francaisfluide/app/config";
import type * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { mockPhysicalId } from "../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../tools/offline/synthesize.js";
import {
  AUTH_TOKEN_RULES,
  CACHE_ENGINE,
  CacheCluster,
  cacheSettingsEnvironment,
  cacheShapeProblems,
  joinsGlobalDatastore,
  planCacheRegions,
  type CacheConnection,
} from "./cache.js";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const PLACEHOLDER_TOKEN = "placeholder-auth-token-not-a-secret";

describe("planCacheRegions", () => {
  it("gives a single node no replica and no failover, and a replication group failover across zones", () => {
    expect(planCacheRegions({ topology: "single-node", shardCount: 1, replicasPerShard: 0, regions: ["us-east-1"] })).toEqual([
      { region: "us-east-1", role: "standalone", mode: "single", numCacheClusters: 1, automaticFailover: false, multiAz: false, snapshots: true },
    ]);
    expect(planCacheRegions({ topology: "replication-group", shardCount: 1, replicasPerShard: 2, regions: ["us-east-1"] })).toEqual([
      { region: "us-east-1", role: "standalone", mode: "single", numCacheClusters: 3, automaticFailover: true, multiAz: true, snapshots: true },
    ]);
  });

  it("shards every region's own cluster, and always fails over in cluster mode", () => {
    const plans = planCacheRegions({ topology: "cluster", shardCount: 3, replicasPerShard: 0, regions: REGIONS });
    expect(plans.map((plan) => plan.region)).toEqual(REGIONS);
    for (const plan of plans) {
      expect(plan).toEqual({ region: plan.region, role: "standalone", mode: "cluster", numNodeGroups: 3, replicasPerNodeGroup: 0, automaticFailover: true, multiAz: false, snapshots: true });
    }
  });

  it("makes the first region a global datastore's primary and lets the others inherit its shards", () => {
    const [primary, ...secondaries] = planCacheRegions({ topology: "global-datastore", shardCount: 2, replicasPerShard: 1, regions: REGIONS });
    expect(primary).toMatchObject({ region: "us-east-1", role: "global-primary", numNodeGroups: 2, replicasPerNodeGroup: 1, snapshots: true });
    for (const secondary of secondaries) {
      expect(secondary).toMatchObject({ role: "global-secondary", mode: "cluster", replicasPerNodeGroup: 1, multiAz: true, snapshots: false });
      expect(secondary.numNodeGroups).toBeUndefined();
    }
  });
});

describe("cacheShapeProblems", () => {
  it("names the component's own fields by default", () => {
    expect(cacheShapeProblems({ topology: "cluster", nodeType: "cache.t4g.small", shardCount: 1, replicasPerShard: 1, regions: REGIONS })).toEqual([
      { field: "shardCount", message: "cluster mode with one shard is a replication group: use replication-group or raise shardCount" },
    ]);
  });

  it("knows which node types can join a global datastore", () => {
    expect(["cache.r6g.large", "cache.m5.xlarge", "cache.r7g.large", "cache.r6gd.xlarge"].filter(joinsGlobalDatastore)).toHaveLength(4);
    expect(["cache.t4g.micro", "cache.r4.large", "cache.m4.large", "cache.c7gn.large"].filter(joinsGlobalDatastore)).toEqual([]);
  });
});

describe("CacheCluster args", () => {
  it("throws on a contradictory shape before creating anything, naming every field at fault", () => {
    const spec = { region: "us-east-1", provider: undefined as unknown as aws.Provider, vpcId: "vpc-1", privateSubnetIds: [], backendSecurityGroupId: "sg-1" };
    const build = () =>
      new CacheCluster("cache", {
        regions: [spec],
        topology: "global-datastore",
        nodeType: "cache.t4g.micro",
        shardCount: 1,
        replicasPerShard: 1,
        tags: { project: "francaisfluide", phase: "test", "cost-center": "test" },
      });
    expect(build).toThrow(/CacheCluster "cache" has conflicting args:\n {2}- shardCount: cluster mode with one shard[^\n]*\n {2}- topology: global-datastore needs at least two regions[^\n]*\n {2}- nodeType: cache\.t4g\.micro cannot join/);
  });
});

describe("cacheSettingsEnvironment", () => {
  it("gives a single endpoint as a rediss:// URL and a cluster as its node list with REDIS_TLS, both with the token", () => {
    expect(cacheSettingsEnvironment({ endpoint: "master.ff.cache.amazonaws.com", port: 6379, mode: "single" }, PLACEHOLDER_TOKEN)).toEqual({
      REDIS_URL: "rediss://master.ff.cache.amazonaws.com:6379",
      REDIS_AUTH_TOKEN: PLACEHOLDER_TOKEN,
    });
    expect(cacheSettingsEnvironment({ endpoint: "clustercfg.ff.cache.amazonaws.com", port: 6379, mode: "cluster" }, PLACEHOLDER_TOKEN)).toEqual({
      REDIS_CLUSTER_NODES: "clustercfg.ff.cache.amazonaws.com:6379",
      REDIS_TLS: "true",
      REDIS_AUTH_TOKEN: PLACEHOLDER_TOKEN,
    });
  });
});

type Step = PreviewDocument["steps"][number];

describe.each(["phase1", "phase2", "phase3", "phase4"])("the cache of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });
  const inCache = (step: Step) => step.urn.includes("::francaisfluide:cache:CacheCluster$");
  const ofType = (type: string) => preview.steps.filter((step) => step.newState.type === type && inCache(step));
  const regionOf = (step: Step) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];
  const nameOf = (step: Step) => step.urn.split("::").at(-1) as string;
  const idOf = (step: Step) => mockPhysicalId(step.newState.type, nameOf(step));
  const groups = () => ofType("aws:elasticache/replicationGroup:ReplicationGroup");
  const groupIn = (region: string) => groups().find((group) => regionOf(group) === region) as Step;
  const isSecondary = (group: Step) => group.newState.inputs.globalReplicationGroupId !== undefined;
  const global = () => config.cache.topology === "global-datastore";
  const clusterMode = () => config.cache.topology === "cluster" || global();

  it("puts one replication group in every region of the phase, each with that region's provider", () => {
    expect(groups().map(regionOf).sort()).toEqual(config.regions.map((region) => region.name).sort());
    for (const step of preview.steps.filter((s) => inCache(s) && s.newState.type.startsWith("aws:"))) {
      expect(config.regions.map((region) => region.name), step.urn).toContain(regionOf(step));
    }
  });

  it("sizes every group from the stack file: shards, replicas, failover and Multi-AZ", () => {
    const { shardCount, replicasPerShard } = config.cache;
    for (const group of groups()) {
      const inputs = group.newState.inputs;
      if (clusterMode()) {
        expect(inputs.replicasPerNodeGroup, group.urn).toBe(replicasPerShard);
        expect(inputs.numNodeGroups, group.urn).toBe(isSecondary(group) ? undefined : shardCount);
        expect(inputs.numCacheClusters).toBeUndefined();
      } else {
        expect(inputs.numCacheClusters, group.urn).toBe(1 + replicasPerShard);
        expect(inputs.numNodeGroups).toBeUndefined();
      }
      expect(inputs.automaticFailoverEnabled, group.urn).toBe(clusterMode() || replicasPerShard > 0);
      expect(inputs.multiAzEnabled, group.urn).toBe(replicasPerShard > 0);
    }
    if (stack === "phase1") expect(groups()[0]?.newState.inputs).toMatchObject({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false });
    if (stack === "phase2") expect(groups()[0]?.newState.inputs).toMatchObject({ numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true });
    if (stack === "phase3") for (const group of groups()) expect(group.newState.inputs).toMatchObject({ clusterMode: "enabled", numNodeGroups: 2, replicasPerNodeGroup: 1 });
  });

  it("runs the pinned engine on the stack's node type, with a parameter group of the engine's family in the right mode", () => {
    const parameterGroups = ofType("aws:elasticache/parameterGroup:ParameterGroup");
    for (const group of groups().filter((g) => !isSecondary(g))) {
      expect(group.newState.inputs).toMatchObject({ engine: CACHE_ENGINE.engine, engineVersion: CACHE_ENGINE.version, nodeType: config.cache.nodeType });
      expect(group.newState.inputs.clusterMode).toBe(clusterMode() ? "enabled" : "disabled");
      const parameterGroup = parameterGroups.find((pg) => idOf(pg) === group.newState.inputs.parameterGroupName);
      expect(parameterGroup?.newState.inputs.family).toBe(CACHE_ENGINE.parameterGroupFamily);
      expect(regionOf(parameterGroup as Step)).toBe(regionOf(group));
      expect(parameterGroup?.newState.inputs.parameters).toEqual([{ name: "cluster-enabled", value: clusterMode() ? "yes" : "no" }]);
    }
    // A secondary takes engine, version, node type and parameters from the global datastore.
    for (const secondary of groups().filter(isSecondary)) {
      for (const inherited of ["engine", "engineVersion", "nodeType", "parameterGroupName", "atRestEncryptionEnabled", "transitEncryptionEnabled"]) {
        expect(secondary.newState.inputs[inherited], `${secondary.urn} ${inherited}`).toBeUndefined();
      }
    }
  });

  it("encrypts at rest with a rotating customer-managed key of the group's own region, and in transit", () => {
    const keys = ofType("aws:kms/key:Key");
    expect(keys).toHaveLength(config.regions.length);
    for (const group of groups()) {
      const region = regionOf(group) as string;
      const key = keys.find((k) => regionOf(k) === region);
      expect(key?.newState.inputs.enableKeyRotation).toBe(true);
      expect(group.newState.inputs.kmsKeyId).toBe(`arn:aws:kms:${region}:123456789012:key/${idOf(key as Step)}`);
      const writable = isSecondary(group) ? groupIn(config.regions[0]?.name as string) : group;
      expect(writable.newState.inputs).toMatchObject({ atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: "required" });
    }
  });

  it("requires the AUTH token everywhere, as a secret that no input shows", () => {
    const [password, ...others] = ofType("random:index/randomPassword:RandomPassword");
    expect(others).toEqual([]);
    expect(password?.newState.inputs).toEqual({ length: AUTH_TOKEN_RULES.length, special: true, overrideSpecial: AUTH_TOKEN_RULES.specialCharacters });
    for (const group of groups()) expect(group.newState.inputs.authToken, group.urn).toBe("[secret]");
    expect(JSON.stringify(preview)).not.toContain("offline-fake-password");
  });

  it("places every group in its region's private subnets", () => {
    const subnets = preview.steps.filter((step) => step.newState.type === "aws:ec2/subnet:Subnet");
    for (const group of groups()) {
      const region = regionOf(group) as string;
      const subnetGroup = ofType("aws:elasticache/subnetGroup:SubnetGroup").find((sg) => regionOf(sg) === region) as Step;
      expect(group.newState.inputs.subnetGroupName).toBe(idOf(subnetGroup));
      const privateSubnets = subnets.filter((s) => regionOf(s) === region && (s.newState.inputs.tags as Record<string, string>).tier === "private").map(idOf);
      expect(privateSubnets.length).toBeGreaterThanOrEqual(2);
      expect([...(subnetGroup.newState.inputs.subnetIds as string[])].sort()).toEqual(privateSubnets.sort());
    }
  });

  it("admits the backend tier on 6379 and nothing else, in each region's VPC", () => {
    const networkGroups = preview.steps.filter((step) => step.newState.type === "aws:ec2/securityGroup:SecurityGroup" && !inCache(step));
    const rulesOn = (type: string, groupId: string) => preview.steps.filter((step) => step.newState.type === type && step.newState.inputs.securityGroupId === groupId);
    for (const group of groups()) {
      const region = regionOf(group) as string;
      const cacheGroup = ofType("aws:ec2/securityGroup:SecurityGroup").find((sg) => regionOf(sg) === region) as Step;
      const backend = networkGroups.find((sg) => nameOf(sg) === `network-${region}-backend-sg`) as Step;
      const vpc = preview.steps.find((step) => step.newState.type === "aws:ec2/vpc:Vpc" && regionOf(step) === region) as Step;
      expect(cacheGroup.newState.inputs.vpcId).toBe(idOf(vpc));
      expect(group.newState.inputs.securityGroupIds).toEqual([idOf(cacheGroup)]);
      expect(group.newState.inputs.port).toBe(6379);
      const ingress = rulesOn("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", idOf(cacheGroup)).map(({ newState: { inputs } }) => [
        inputs.ipProtocol, inputs.fromPort, inputs.toPort, inputs.referencedSecurityGroupId ?? inputs.cidrIpv4 ?? inputs.cidrIpv6,
      ]);
      expect(ingress).toEqual([["tcp", 6379, 6379, idOf(backend)]]);
      expect(rulesOn("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", idOf(cacheGroup))).toEqual([]);
    }
  });

  it("upgrades minor versions in the maintenance window and keeps snapshots wherever a group owns its data", () => {
    for (const group of groups()) {
      expect(group.newState.inputs).toMatchObject({ autoMinorVersionUpgrade: true, maintenanceWindow: "sun:03:00-sun:04:00" });
      if (isSecondary(group)) expect(group.newState.inputs.snapshotRetentionLimit).toBeUndefined();
      else expect(group.newState.inputs).toMatchObject({ snapshotRetentionLimit: 1, snapshotWindow: "01:00-02:00" });
    }
  });

  it("ties the regions into a global datastore only when the stack asks, written in the first region", () => {
    const datastores = ofType("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup");
    if (!global()) {
      expect(datastores).toEqual([]);
      expect(groups().filter(isSecondary)).toEqual([]);
      return;
    }
    const [primaryRegion, ...secondaryRegions] = config.regions.map((region) => region.name);
    expect(datastores).toHaveLength(1);
    const datastore = datastores[0] as Step;
    expect(regionOf(datastore)).toBe(primaryRegion);
    const primary = groupIn(primaryRegion as string);
    expect(isSecondary(primary)).toBe(false);
    expect(datastore.newState.inputs.primaryReplicationGroupId).toBe(idOf(primary));
    expect(datastore.newState.inputs.engineVersion).toBe(CACHE_ENGINE.version);
    expect(groups().filter(isSecondary).map(regionOf).sort()).toEqual([...secondaryRegions].sort());
    for (const secondary of groups().filter(isSecondary)) {
      expect(secondary.newState.inputs.globalReplicationGroupId).toMatch(new RegExp(`^[a-z]{5}-${datastore.newState.inputs.globalReplicationGroupIdSuffix as string}$`));
    }
  });

  it("exports per region what the app loads with its own loader: TLS, the token, and the local endpoint", () => {
    const outputs = preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as {
      cache: Record<string, CacheConnection & { securityGroupId: string; readOnly: boolean }>;
    };
    expect(Object.keys(outputs.cache).sort()).toEqual(config.regions.map((region) => region.name).sort());
    for (const [region, exported] of Object.entries(outputs.cache)) {
      expect(exported.securityGroupId).toBe(idOf(ofType("aws:ec2/securityGroup:SecurityGroup").find((sg) => regionOf(sg) === region) as Step));
      expect(exported.readOnly).toBe(isSecondary(groupIn(region)));
      expect(exported.mode).toBe(clusterMode() ? "cluster" : "single");
      expect(exported.endpoint).toMatch(new RegExp(`^(master|clustercfg)\\.${idOf(groupIn(region))}\\.[0-9a-f]{6}\\.${region}\\.cache\\.amazonaws\\.com$`));
      const { redis } = loadAppConfig(cacheSettingsEnvironment(exported, PLACEHOLDER_TOKEN), { cpuCount: 1 });
      expect(redis?.authToken).toBe(PLACEHOLDER_TOKEN);
      if (redis?.mode === "cluster") expect(redis).toEqual({ mode: "cluster", nodes: [`${exported.endpoint}:6379`], tls: true, authToken: PLACEHOLDER_TOKEN });
      else expect(redis).toEqual({ mode: "single", url: `rediss://${exported.endpoint}:6379`, authToken: PLACEHOLDER_TOKEN });
      expect(redis?.mode).toBe(exported.mode);
    }
  });
});
