import { describe, expect, it } from "vitest";
import type { PreviewStepLike } from "../diff/model.js";
import { awsProvider, component, document, eksKubernetesProvider, resource, testCatalog } from "./fixtures.js";
import { priceResource, type Usage } from "./pricing.js";
import { resourcesOf } from "./resources.js";

const usage: Usage = {
  hoursPerMonth: 730,
  requestsPerMonth: 73_000_000,
  requestsWhy: "73,000,000 requests a month",
  cdnPlan: "enterprise",
  frontendPlan: "pro",
  monitoringStack: "elk",
  databaseStorageGb: 100,
};

/** Prices the last step among all the given ones (the others are what it refers to). */
function price(...steps: PreviewStepLike[]) {
  const resources = resourcesOf(document(awsProvider("eu-west-3"), ...steps));
  const target = resources.at(-1);
  if (!target) throw new Error("no resource");
  return priceResource(target, { catalog: testCatalog(), usage, resources });
}

const monthly = (pricing: ReturnType<typeof price>) => (pricing.kind === "priced" ? pricing.monthlyUsd : Number.NaN);

describe("pricing rules, checked by hand against the test catalog", () => {
  it("an RDS instance: 730 h at its class's price plus its storage, twice for Multi-AZ", () => {
    const single = price(resource("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.small", allocatedStorage: 20, storageType: "gp3" }, { region: "eu-west-3" }));
    // 730 × 0.04 + 20 × 0.1
    expect(monthly(single)).toBeCloseTo(31.2, 6);
    expect(single).toMatchObject({ priceIds: ["rds-postgres/db.t4g.small@eu-west-3", "rds-storage/gp3@eu-west-3"] });
    expect(single.kind === "priced" && single.assumption).toContain("730 h × $0.04/hour (rds-postgres/db.t4g.small, eu-west-3) + 20 GB × $0.1/GB-month");
    const multiAz = price(resource("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.small", allocatedStorage: 20, storageType: "gp3", multiAz: true }, { region: "eu-west-3" }));
    expect(monthly(multiAz)).toBeCloseTo(62.4, 6);
  });

  it("an Aurora instance by the hour, its cluster's storage from the phase's database size", () => {
    expect(monthly(price(resource("aws:rds/clusterInstance:ClusterInstance", "w", { engine: "aurora-postgresql", instanceClass: "db.t4g.medium" }, { region: "eu-west-3" })))).toBeCloseTo(73, 6);
    // 100 GB × 0.2
    expect(monthly(price(resource("aws:rds/cluster:Cluster", "c", { engine: "aurora-postgresql" }, { region: "eu-west-3" })))).toBeCloseTo(20, 6);
  });

  it("a Fargate service: desired tasks × 730 h × (vCPU, GB and extra ephemeral storage), plus public addresses", () => {
    const task = resource("aws:ecs/taskDefinition:TaskDefinition", "api", { cpu: "2048", memory: "4096", ephemeralStorage: { sizeInGib: 50 } }, { region: "eu-west-3" });
    const service = resource("aws:ecs/service:Service", "api", { launchType: "FARGATE", desiredCount: 2, taskDefinition: "arn:aws:ecs:eu-west-3:1:taskdefinition/api-1a2b3c4d", networkConfiguration: { assignPublicIp: true } }, { region: "eu-west-3" });
    // 2 × 730 × (2 × 0.05 + 4 × 0.005 + 30 × 0.0001 + 0.005) = 1460 × 0.128
    expect(monthly(price(task, service))).toBeCloseTo(186.88, 6);
  });

  it("a Fargate service whose task definition is missing is unpriced, not zero", () => {
    expect(price(resource("aws:ecs/service:Service", "api", { launchType: "FARGATE", desiredCount: 2 }, { region: "eu-west-3" }))).toEqual({
      kind: "unpriced",
      reason: "its task definition is not in the preview: its CPU and memory are unknown",
    });
  });

  it("a cluster-mode cache: shards × (1 + replicas) nodes; a global datastore's secondary takes its primary's node type", () => {
    const primary = resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache-primary", { engine: "valkey", nodeType: "cache.t4g.small", numNodeGroups: 2, replicasPerNodeGroup: 1 }, { region: "eu-west-3" });
    // 4 nodes × 730 × 0.02
    expect(monthly(price(primary))).toBeCloseTo(58.4, 6);
    const global = resource("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "global", { primaryReplicationGroupId: "cache-primary-0a1b2c3d" }, { region: "eu-west-3" });
    const secondary = resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache-secondary", { globalReplicationGroupId: "abcde-global", replicasPerNodeGroup: 1 }, { region: "eu-west-3" });
    const pricing = price(primary, global, secondary);
    expect(monthly(pricing)).toBeCloseTo(58.4, 6);
    expect(pricing.kind === "priced" && pricing.assumption).toContain("of the global datastore's primary cache-primary");
  });

  it("an ALB: hours, LCUs from the requests and bytes a request, and one public address per subnet", () => {
    // 73,000,000 requests / 730 h × 4000 bytes = 0.4 GB an hour = 0.4 LCU: 730 × (0.025 + 0.4 × 0.01 + 2 × 0.005)
    const alb = price(resource("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", internal: false, subnets: ["a", "b"] }, { region: "eu-west-3" }));
    expect(monthly(alb)).toBeCloseTo(28.47, 6);
    expect(alb.kind === "priced" && alb.assumption).toContain("73,000,000 requests a month, split evenly over 1 load balancer, × 4000 bytes a request");
  });

  it("a Kubernetes Service of type LoadBalancer: the NLB its EKS cluster creates, in the region of the cluster's API server", () => {
    const provider = eksKubernetesProvider("eu-west-3");
    const service = (type: string) =>
      resource("kubernetes:core/v1:Service", `api-${type}`, { spec: { type }, metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } } }, { provider });
    // 0.4 GB an hour as for the ALB: 730 × (0.02 + 0.4 × 0.005)
    expect(monthly(price(provider, service("LoadBalancer")))).toBeCloseTo(16.06, 6);
    expect(price(provider, service("ClusterIP"))).toEqual({ kind: "free", why: "a cluster-internal service: no cloud load balancer" });
  });

  it("an EKS node group: desired nodes × 730 h, with the launch template's root volume", () => {
    const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "nodes", { blockDeviceMappings: [{ ebs: { volumeSize: 500, volumeType: "gp3" } }] }, { region: "eu-west-3" });
    const group = resource("aws:eks/nodeGroup:NodeGroup", "on-demand", { instanceTypes: ["c7i.8xlarge"], capacityType: "ON_DEMAND", scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 7 }, launchTemplate: { id: "nodes-5e6f7a8b" } }, { region: "eu-west-3" });
    // 3 × 730 × 1.5 + 3 × 500 × 0.1
    expect(monthly(price(template, group))).toBeCloseTo(3435, 6);
  });

  it("the app's log group from the requests, other log groups from the catalog's assumption", () => {
    const task = resource("aws:ecs/taskDefinition:TaskDefinition", "api", { containerDefinitions: JSON.stringify([{ logConfiguration: { options: { "awslogs-group": "/app" } } }]) }, { region: "eu-west-3" });
    // 73,000,000 × 500 bytes = 36.5 GB: 36.5 × 0.5 + 36.5 × (30 / 30) × 0.03
    expect(monthly(price(task, resource("aws:cloudwatch/logGroup:LogGroup", "app-logs", { name: "/app", retentionInDays: 30 }, { region: "eu-west-3" })))).toBeCloseTo(19.345, 6);
    // 1 GB: 0.5 + 3 × 0.03 (90 days kept)
    expect(monthly(price(task, resource("aws:cloudwatch/logGroup:LogGroup", "db-logs", { name: "/db", retentionInDays: 90 }, { region: "eu-west-3" })))).toBeCloseTo(0.59, 6);
  });

  it("a plan with no list price is priced by its documented assumption, and says so", () => {
    const zone = price(resource("cloudflare:index/zone:Zone", "zone", { name: "francaisfluide.fr" }));
    expect(monthly(zone)).toBe(500);
    expect(zone.kind === "priced" && zone.assumption).toContain("assumed: no list price");
  });

  it("a price missing for the resource's region makes it unpriced, naming the price and the region", () => {
    expect(price(awsProvider("us-west-2"), resource("aws:ec2/natGateway:NatGateway", "nat", {}, { region: "us-west-2" }))).toEqual({ kind: "unpriced", reason: "no catalog price for nat-gateway-hour in us-west-2" });
    expect(price(resource("aws:ec2/natGateway:NatGateway", "nat", {}))).toEqual({ kind: "unpriced", reason: "no catalog price for nat-gateway-hour in (no region)" });
  });

  it("a type with neither rule nor free rule is unpriced; a free type is free", () => {
    expect(price(resource("aws:sagemaker/endpoint:Endpoint", "ml", {}, { region: "eu-west-3" }))).toEqual({ kind: "unpriced", reason: "no pricing rule for this type and no free rule in the catalog" });
    expect(price(resource("aws:ec2/vpc:Vpc", "vpc", {}, { region: "eu-west-3" }))).toEqual({ kind: "free", why: "VPCs have no charge" });
  });
});

describe("resourcesOf", () => {
  it("reads the region from the provider and the component from the top-level ancestor", () => {
    const network = component("francaisfluide:network:Network", "network");
    const nested = component("francaisfluide:network:Subnets", "network-subnets");
    const inner = { ...nested, newState: { ...nested.newState, type: "francaisfluide:network:Subnets", parent: network.urn } } as PreviewStepLike;
    const nat = resource("aws:ec2/natGateway:NatGateway", "nat", {}, { region: "eu-west-3", parent: inner });
    const resources = resourcesOf(document(awsProvider("eu-west-3"), network, inner, nat, resource("aws:kms/key:Key", "loose", {})));
    expect(resources.map(({ name, region, component: owner }) => ({ name, region, owner }))).toEqual([
      { name: "aws-eu-west-3", region: "eu-west-3", owner: "(stack)" },
      { name: "nat", region: "eu-west-3", owner: "network" },
      { name: "loose", region: undefined, owner: "(stack)" },
    ]);
  });
});
