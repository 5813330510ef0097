import { assumptionValue, type Catalog, freeRuleFor } from "./catalog.js";
import { formatQuantity, type Pricing, Quote } from "./quote.js";
import { nameInReference, type Resource } from "./resources.js";

/** What the estimate assumes beyond the preview's inputs, taken from the phase's stack file. */
export interface Usage {
  hoursPerMonth: number;
  requestsPerMonth: number;
  /** How requestsPerMonth was reached, in words. */
  requestsWhy: string;
  cdnPlan: "free" | "pro" | "business" | "enterprise";
  frontendPlan: "hobby" | "pro" | "enterprise";
  monitoringStack: "basic" | "structured-logging" | "elk" | "datadog";
  /** The phase's database size: Aurora's storage grows with data and is not an input of the cluster. */
  databaseStorageGb: number;
}

export interface PricingContext {
  catalog: Catalog;
  usage: Usage;
  /** Every resource of the preview: some prices depend on others (a service's task definition, a pool's origins). */
  resources: Resource[];
}

type Rule = (resource: Resource, context: PricingContext) => Pricing;

type Inputs = Record<string, unknown>;

function record(value: unknown): Inputs {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Inputs) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function quote(resource: Resource, context: PricingContext): Quote {
  return new Quote(context.catalog, resource.region);
}

function hours(context: PricingContext, count = 1): [number, string] {
  const h = context.usage.hoursPerMonth;
  return [count * h, count === 1 ? `${h} h` : `${formatQuantity(count)} × ${h} h`];
}

function unpriced(reason: string): Pricing {
  return { kind: "unpriced", reason };
}

function ofType(context: PricingContext, type: string): Resource[] {
  return context.resources.filter((resource) => resource.type === type);
}

/** The resource a reference names (an ARN or id of the offline preview), else the one with `fallbackName`. */
function referenced(context: PricingContext, type: string, reference: unknown, fallbackName?: string): Resource | undefined {
  const candidates = ofType(context, type);
  const name = nameInReference(reference);
  return candidates.find((candidate) => candidate.name === name) ?? candidates.find((candidate) => candidate.name === fallbackName);
}

export function rdsInstance(resource: Resource, context: PricingContext): Pricing {
  const { instanceClass, engine, allocatedStorage, multiAz, storageType } = resource.inputs;
  if (typeof instanceClass !== "string" || engine !== "postgres") return unpriced(`engine ${String(engine)} or class ${String(instanceClass)} has no pricing rule`);
  const copies = multiAz === true ? 2 : 1;
  const storage = numberOf(allocatedStorage) ?? 0;
  const [instanceHours, instanceWhat] = hours(context, copies);
  const copiesWhat = copies === 2 ? " (Multi-AZ: primary and standby)" : "";
  return quote(resource, context)
    .add(`rds-postgres/${instanceClass}`, instanceHours, `${instanceWhat}${copiesWhat}`)
    .add(`rds-storage/${typeof storageType === "string" ? storageType : "gp2"}`, storage * copies, copies === 2 ? `2 × ${storage} GB` : `${storage} GB`)
    .note("backup storage up to the database's size is free")
    .result();
}

export function auroraCluster(resource: Resource, context: PricingContext): Pricing {
  const gb = context.usage.databaseStorageGb;
  return quote(resource, context)
    .add("aurora-storage", gb, `${gb} GB (the phase's databaseStorageGb: Aurora storage is not an input)`)
    .note("I/O requests not estimated (Aurora Standard bills them apart)")
    .result();
}

export function auroraInstance(resource: Resource, context: PricingContext): Pricing {
  const { instanceClass, engine } = resource.inputs;
  if (typeof instanceClass !== "string" || engine !== "aurora-postgresql") return unpriced(`engine ${String(engine)} or class ${String(instanceClass)} has no pricing rule`);
  const [h, what] = hours(context);
  return quote(resource, context).add(`aurora-postgres/${instanceClass}`, h, what).result();
}

/** A replication group's node type and node count; a global datastore's secondary takes its primary's. */
function cacheNodes(resource: Resource, context: PricingContext): { nodeType?: string; engine: string; nodes: number; from?: string } {
  const inputs = resource.inputs;
  const replicas = numberOf(inputs.replicasPerNodeGroup) ?? 0;
  if (typeof inputs.nodeType === "string") {
    const nodes = numberOf(inputs.numCacheClusters) ?? (numberOf(inputs.numNodeGroups) ?? 1) * (1 + replicas);
    return { nodeType: inputs.nodeType, engine: typeof inputs.engine === "string" ? inputs.engine : "redis", nodes };
  }
  const primaryName = ofType(context, "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup")
    .map((global) => nameInReference(global.inputs.primaryReplicationGroupId))
    .find((name) => name !== undefined);
  const primary = ofType(context, resource.type).find((candidate) => candidate.name === primaryName);
  if (inputs.globalReplicationGroupId === undefined || !primary || typeof primary.inputs.nodeType !== "string") return { engine: "redis", nodes: 0 };
  const shards = numberOf(primary.inputs.numNodeGroups) ?? 1;
  return { nodeType: primary.inputs.nodeType, engine: typeof primary.inputs.engine === "string" ? primary.inputs.engine : "redis", nodes: shards * (1 + replicas), from: primary.name };
}

export function cacheReplicationGroup(resource: Resource, context: PricingContext): Pricing {
  const { nodeType, engine, nodes, from } = cacheNodes(resource, context);
  if (nodeType === undefined) return unpriced("no nodeType in the inputs, and no global datastore primary to take it from");
  const [h, what] = hours(context, nodes);
  const q = quote(resource, context).add(`elasticache-${engine}/${nodeType}`, h, `${what} (${nodes} node${nodes === 1 ? "" : "s"})`);
  if (from) q.note(`node type, engine and shard count of the global datastore's primary ${from}`);
  return q.result();
}

export function ecsService(resource: Resource, context: PricingContext): Pricing {
  const { launchType, desiredCount, taskDefinition, networkConfiguration } = resource.inputs;
  if (launchType !== "FARGATE") return unpriced(`launch type ${String(launchType)} has no pricing rule (Fargate only)`);
  const task = referenced(context, "aws:ecs/taskDefinition:TaskDefinition", taskDefinition, resource.name);
  if (!task) return unpriced("its task definition is not in the preview: its CPU and memory are unknown");
  const vcpu = (numberOf(task.inputs.cpu) ?? 0) / 1024;
  const memoryGb = (numberOf(task.inputs.memory) ?? 0) / 1024;
  const architecture = record(task.inputs.runtimePlatform).cpuArchitecture === "ARM64" ? "arm" : "x86";
  const extraStorage = Math.max(0, (numberOf(record(task.inputs.ephemeralStorage).sizeInGib) ?? 20) - 20);
  const tasks = numberOf(desiredCount) ?? 1;
  const h = context.usage.hoursPerMonth;
  const taskWhat = `${tasks} task${tasks === 1 ? "" : "s"} × ${h} h`;
  const q = quote(resource, context)
    .add(`fargate-linux-${architecture}/vcpu`, tasks * h * vcpu, `${taskWhat} × ${vcpu} vCPU`)
    .add(`fargate-linux-${architecture}/memory`, tasks * h * memoryGb, `${taskWhat} × ${memoryGb} GB`);
  if (extraStorage > 0) q.add("fargate-ephemeral-storage", tasks * h * extraStorage, `${taskWhat} × ${extraStorage} GB of ephemeral storage beyond the free 20 GB`);
  if (record(networkConfiguration).assignPublicIp === true) q.add("public-ipv4-hour", tasks * h, `${taskWhat} (a public IPv4 address each)`);
  const scaling = ofType(context, "aws:appautoscaling/target:Target").find((target) => nameInReference(target.inputs.resourceId) === resource.name);
  if (scaling) q.note(`autoscaled ${String(scaling.inputs.minCapacity)}-${String(scaling.inputs.maxCapacity)} tasks: priced at the desired count, ${tasks}`);
  else q.note(`priced at the desired count, ${tasks}`);
  return q.result();
}

export function loadBalancer(resource: Resource, context: PricingContext): Pricing {
  const { loadBalancerType, internal, subnets } = resource.inputs;
  const type = typeof loadBalancerType === "string" ? loadBalancerType : "application";
  if (type !== "application") return unpriced(`load balancer type ${type} has no pricing rule`);
  const { usage, catalog } = context;
  const albs = ofType(context, resource.type).filter((other) => (other.inputs.loadBalancerType ?? "application") === "application").length;
  const bytes = assumptionValue(catalog, "bytes-per-request");
  const gbPerHour = (usage.requestsPerMonth / albs / usage.hoursPerMonth) * (bytes / 1e9);
  const [h, what] = hours(context);
  const q = quote(resource, context)
    .add("alb-hour", h, what)
    .add("alb-lcu-hour", gbPerHour * usage.hoursPerMonth, `${formatQuantity(gbPerHour)} LCU × ${usage.hoursPerMonth} h`);
  const addresses = list(subnets).length;
  if (internal !== true && addresses > 0) q.add("public-ipv4-hour", addresses * usage.hoursPerMonth, `${addresses} public IPv4 addresses (one per subnet) × ${usage.hoursPerMonth} h`);
  return q
    .note(`LCUs from processed bytes: ${usage.requestsWhy}, split evenly over ${albs} load balancer${albs === 1 ? "" : "s"}, × ${bytes} bytes a request`)
    .result();
}

export function vpcEndpoint(resource: Resource): Pricing {
  const type = resource.inputs.vpcEndpointType ?? "Gateway";
  if (type === "Gateway") return { kind: "free", why: "gateway endpoints (S3, DynamoDB) have no charge" };
  return unpriced(`a ${String(type)} endpoint has no price in the catalog`);
}

const NLB_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-type";
const GKE_LB_ANNOTATION = "networking.gke.io/load-balancer-type";

function isAwsNlbService(resource: Resource): boolean {
  return record(resource.inputs.spec).type === "LoadBalancer" && record(record(resource.inputs.metadata).annotations)[NLB_ANNOTATION] === "nlb";
}

/** A Service of type LoadBalancer: the cloud load balancer its cluster creates, which the preview does not show. */
export function kubernetesService(resource: Resource, context: PricingContext): Pricing {
  if (record(resource.inputs.spec).type !== "LoadBalancer") return { kind: "free", why: "a cluster-internal service: no cloud load balancer" };
  const annotations = record(record(resource.inputs.metadata).annotations);
  const [h, what] = hours(context);
  if (isAwsNlbService(resource)) {
    const { usage, catalog } = context;
    const nlbs = context.resources.filter((other) => other.type === resource.type && isAwsNlbService(other)).length;
    const bytes = assumptionValue(catalog, "bytes-per-request");
    const gbPerHour = (usage.requestsPerMonth / nlbs / usage.hoursPerMonth) * (bytes / 1e9);
    return quote(resource, context)
      .add("nlb-hour", h, `${what} (the Network Load Balancer the cluster creates for it)`)
      .add("nlb-lcu-hour", gbPerHour * usage.hoursPerMonth, `${formatQuantity(gbPerHour)} NLCU × ${usage.hoursPerMonth} h`)
      .note(`NLCUs from processed bytes: ${usage.requestsWhy}, split evenly over ${nlbs} load balancer${nlbs === 1 ? "" : "s"}, × ${bytes} bytes a request; its public IPv4 addresses not estimated`)
      .result();
  }
  if (annotations[GKE_LB_ANNOTATION] === "Internal") {
    return quote(resource, context).add("gcp-forwarding-rule-hour", h, `${what} (the internal load balancer's forwarding rule)`).note("data processed not estimated").result();
  }
  return unpriced("a LoadBalancer service whose cloud load balancer has no pricing rule");
}

export function natGateway(resource: Resource, context: PricingContext): Pricing {
  const [h, what] = hours(context);
  return quote(resource, context).add("nat-gateway-hour", h, what).note("data processed not estimated").result();
}

export function elasticIp(resource: Resource, context: PricingContext): Pricing {
  const [h, what] = hours(context);
  return quote(resource, context).add("public-ipv4-hour", h, what).result();
}

export function eksCluster(resource: Resource, context: PricingContext): Pricing {
  const support = record(resource.inputs.upgradePolicy).supportType;
  if (support === "EXTENDED") return unpriced("extended support has no price in the catalog");
  const [h, what] = hours(context);
  return quote(resource, context).add("eks-cluster-hour", h, `${what} (standard support)`).result();
}

function eksNodeCount(resource: Resource): number {
  return numberOf(record(resource.inputs.scalingConfig).desiredSize) ?? 0;
}

function gkePoolNodes(resource: Resource): { nodes: number; why: string } {
  const { autoscaling, nodeCount, initialNodeCount, nodeLocations, location } = resource.inputs;
  const perZone = numberOf(record(autoscaling).minNodeCount) ?? numberOf(nodeCount) ?? numberOf(initialNodeCount) ?? 1;
  const regional = typeof location === "string" && /^[a-z]+-[a-z]+\d+$/.test(location);
  const zones = list(nodeLocations).length || (regional ? 3 : 1);
  const why = zones === 1 ? `${perZone} node${perZone === 1 ? "" : "s"}` : `${perZone} node${perZone === 1 ? "" : "s"} per zone × ${zones} zones (a regional pool)`;
  return { nodes: perZone * zones, why };
}

export function eksNodeGroup(resource: Resource, context: PricingContext): Pricing {
  const { instanceTypes, capacityType, launchTemplate, scalingConfig } = resource.inputs;
  const instanceType = list(instanceTypes)[0];
  if (typeof instanceType !== "string") return unpriced("no instance type in the inputs");
  const nodes = eksNodeCount(resource);
  const template =
    referenced(context, "aws:ec2/launchTemplate:LaunchTemplate", record(launchTemplate).id) ??
    ofType(context, "aws:ec2/launchTemplate:LaunchTemplate").filter((candidate) => candidate.region === resource.region)[0];
  const ebs = record(record(list(template?.inputs.blockDeviceMappings)[0]).ebs);
  const volumeGb = numberOf(ebs.volumeSize) ?? numberOf(resource.inputs.diskSize) ?? 20;
  const volumeType = typeof ebs.volumeType === "string" ? ebs.volumeType : "gp2";
  const [h, what] = hours(context, nodes);
  const max = record(scalingConfig).maxSize;
  const q = quote(resource, context)
    .add(`ec2/${instanceType}`, h, `${what} (${nodes} node${nodes === 1 ? "" : "s"}, the desired count; up to ${String(max)})`)
    .add(`ebs-${volumeType}`, nodes * volumeGb, `${nodes} × ${volumeGb} GB root volume`);
  if (capacityType === "SPOT") q.note("Spot capacity has no list price: priced at the on-demand price, an upper bound");
  return q.result();
}

export function gkeCluster(resource: Resource, context: PricingContext): Pricing {
  const [h, what] = hours(context);
  return quote(resource, context).add("gke-cluster-hour", h, `${what} (cluster management fee)`).result();
}

export function gkeNodePool(resource: Resource, context: PricingContext): Pricing {
  const nodeConfig = record(resource.inputs.nodeConfig);
  if (typeof nodeConfig.machineType !== "string") return unpriced("no machine type in nodeConfig");
  const { nodes, why } = gkePoolNodes(resource);
  const diskGb = numberOf(nodeConfig.diskSizeGb) ?? 100;
  const diskType = typeof nodeConfig.diskType === "string" ? nodeConfig.diskType : "pd-balanced";
  const [h, what] = hours(context, nodes);
  return quote(resource, context)
    .add(`gce/${nodeConfig.machineType}`, h, `${what} (${why}, the autoscaling minimum)`)
    .add(`gce-${diskType}`, nodes * diskGb, `${nodes} × ${diskGb} GB boot disk`)
    .result();
}

export function cloudNat(resource: Resource, context: PricingContext): Pricing {
  const vms = ofType(context, "gcp:container/nodePool:NodePool").reduce((sum, pool) => sum + gkePoolNodes(pool).nodes, 0);
  const [h, what] = hours(context, vms);
  return quote(resource, context).add("cloud-nat-vm-hour", h, `${what} (${vms} GKE nodes behind it)`).note("data processed not estimated").result();
}

export function openSearchDomain(resource: Resource, context: PricingContext): Pricing {
  const cluster = record(resource.inputs.clusterConfig);
  const ebs = record(resource.inputs.ebsOptions);
  const count = numberOf(cluster.instanceCount) ?? 1;
  if (typeof cluster.instanceType !== "string") return unpriced("no instance type in clusterConfig");
  const volumeGb = numberOf(ebs.volumeSize) ?? 0;
  const [h, what] = hours(context, count);
  const q = quote(resource, context)
    .add(`opensearch/${cluster.instanceType}`, h, what)
    .add(`opensearch-storage-${typeof ebs.volumeType === "string" ? ebs.volumeType : "gp3"}`, count * volumeGb, `${count} × ${volumeGb} GB`);
  if (cluster.dedicatedMasterEnabled === true && typeof cluster.dedicatedMasterType === "string") {
    const masters = numberOf(cluster.dedicatedMasterCount) ?? 3;
    const [mh, mwhat] = hours(context, masters);
    q.add(`opensearch/${cluster.dedicatedMasterType}`, mh, `${mwhat} (dedicated masters)`);
  }
  return q.result();
}

export function s3Bucket(resource: Resource, context: PricingContext): Pricing {
  const gb = assumptionValue(context.catalog, "log-bucket-gb");
  return quote(resource, context).add("s3-standard", gb, `${gb} GB (assumed: log-bucket-gb)`).result();
}

export function metricAlarm(resource: Resource, context: PricingContext): Pricing {
  const queries = list(resource.inputs.metricQueries).filter((query) => record(query).metric !== undefined).length;
  const metrics = Math.max(1, queries);
  const period = numberOf(resource.inputs.period) ?? 60;
  const id = period < 60 ? "cloudwatch-alarm-metric-high-resolution" : "cloudwatch-alarm-metric";
  return quote(resource, context)
    .add(id, metrics, `${metrics} metric${metrics === 1 ? "" : "s"}`)
    .result();
}

export function dashboard(resource: Resource, context: PricingContext): Pricing {
  return quote(resource, context).add("cloudwatch-dashboard", 1, "1 dashboard").result();
}

/** Log groups an ECS task writes its container logs to: they carry the app's request logs. */
function requestLogGroups(context: PricingContext): Set<string> {
  const names = new Set<string>();
  for (const task of ofType(context, "aws:ecs/taskDefinition:TaskDefinition")) {
    const definitions = task.inputs.containerDefinitions;
    const text = typeof definitions === "string" ? definitions : JSON.stringify(definitions ?? []);
    for (const match of text.matchAll(/"awslogs-group"\s*:\s*"([^"]+)"/g)) if (match[1]) names.add(match[1]);
  }
  return names;
}

export function logGroup(resource: Resource, context: PricingContext): Pricing {
  const { catalog, usage } = context;
  const retentionDays = numberOf(resource.inputs.retentionInDays) ?? 0;
  if (retentionDays === 0) return unpriced("no retention: its storage grows without bound");
  const requestGroups = requestLogGroups(context);
  const name = resource.inputs.name;
  let gb: number;
  let why: string;
  if (typeof name === "string" && requestGroups.has(name)) {
    const bytes = assumptionValue(catalog, "bytes-logged-per-request");
    const groups = context.resources.filter((other) => other.type === resource.type && typeof other.inputs.name === "string" && requestGroups.has(other.inputs.name)).length;
    gb = (usage.requestsPerMonth / groups) * (bytes / 1e9);
    why = `the app's request logs: ${usage.requestsWhy}, split evenly over ${groups} log group${groups === 1 ? "" : "s"}, × ${bytes} bytes logged a request`;
  } else {
    gb = assumptionValue(catalog, "other-log-group-gb-per-month");
    why = "assumed: other-log-group-gb-per-month";
  }
  const storedGb = gb * (retentionDays / 30);
  return quote(resource, context)
    .add("cloudwatch-logs-ingestion", gb, `${formatQuantity(gb)} GB ingested`)
    .add("cloudwatch-logs-storage", storedGb, `${formatQuantity(storedGb)} GB kept (${retentionDays} days)`)
    .note(`${why}; stored at ingested size, an upper bound (CloudWatch bills compressed bytes)`)
    .result();
}

export function kmsKey(resource: Resource, context: PricingContext): Pricing {
  return quote(resource, context).add("kms-key", 1, "1 key").result();
}

export function secret(resource: Resource, context: PricingContext): Pricing {
  const replicas = list(resource.inputs.replicas).length;
  const secrets = 1 + replicas;
  return quote(resource, context)
    .add("secretsmanager-secret", secrets, replicas > 0 ? `${secrets} secrets (the secret and ${replicas} replica${replicas === 1 ? "" : "s"})` : "1 secret")
    .note("API calls not estimated")
    .result();
}

export function hostedZone(resource: Resource, context: PricingContext): Pricing {
  return quote(resource, context).add("route53-hosted-zone", 1, "1 hosted zone").note("queries not estimated").result();
}

export function healthCheck(resource: Resource, context: PricingContext): Pricing {
  const { type, requestInterval, measureLatency } = resource.inputs;
  const features = [
    typeof type === "string" && type.startsWith("HTTPS") ? "HTTPS" : undefined,
    typeof type === "string" && type.endsWith("STR_MATCH") ? "string matching" : undefined,
    numberOf(requestInterval) === 10 ? "fast interval" : undefined,
    measureLatency === true ? "latency measurement" : undefined,
  ].filter((feature): feature is string => feature !== undefined);
  const q = quote(resource, context).add("route53-health-check-aws-endpoint", 1, "1 health check");
  if (features.length > 0) q.add("route53-health-check-optional-feature", features.length, `${features.length} optional features (${features.join(", ")})`);
  return q.note("its target is an AWS endpoint (a regional load balancer)").result();
}

export function cloudFrontDistribution(resource: Resource, context: PricingContext): Pricing {
  const { catalog, usage } = context;
  const share = assumptionValue(catalog, "cloudfront-request-share");
  const bytes = assumptionValue(catalog, "bytes-per-request");
  const requests = usage.requestsPerMonth * share;
  return quote(resource, context)
    .add("cloudfront-https-requests-10k", requests / 1e4, `${formatQuantity(requests / 1e4)} × 10,000 HTTPS requests`)
    .add("cloudfront-data-transfer-out", (requests * bytes) / 1e9, `${formatQuantity((requests * bytes) / 1e9)} GB out`)
    .note(`${share * 100} % of ${usage.requestsWhy} (assumed: cloudfront-request-share) × ${bytes} bytes a request`)
    .result();
}

function regionOfArn(arn: unknown): string | undefined {
  return typeof arn === "string" ? arn.split(":")[3] || undefined : undefined;
}

export function backupPlan(resource: Resource, context: PricingContext): Pricing {
  const gb = context.usage.databaseStorageGb;
  const destinations = [
    ...new Set(
      list(resource.inputs.rules)
        .flatMap((rule) => list(record(rule).copyActions))
        .map((action) => regionOfArn(record(action).destinationVaultArn))
        .filter((region): region is string => region !== undefined && region !== resource.region),
    ),
  ].sort();
  const q = quote(resource, context).add("backup-aurora-snapshot", gb, `${gb} GB in its own region`);
  for (const region of destinations) q.add("backup-aurora-snapshot", gb, `${gb} GB copied to ${region}`, region);
  return q.note("one full copy of the phase's databaseStorageGb in each vault; later snapshots are incremental and not estimated").result();
}

export function cloudflareZone(resource: Resource, context: PricingContext): Pricing {
  if (ofType(context, "cloudflare:index/zoneSubscription:ZoneSubscription").length > 0) return { kind: "free", why: "its plan is priced on the zone subscription" };
  const plan = context.usage.cdnPlan;
  const id = plan === "pro" || plan === "business" ? `cloudflare-plan/${plan}-monthly` : `cloudflare-plan/${plan}`;
  return quote(resource, context).add(id, 1, `1 zone on the ${plan} plan (the phase's cdnPlan)`).result();
}

export function cloudflareZoneSubscription(resource: Resource, context: PricingContext): Pricing {
  const plan = record(resource.inputs.ratePlan).id;
  if (typeof plan !== "string") return unpriced("no ratePlan.id in the inputs");
  const frequency = resource.inputs.frequency === "yearly" || resource.inputs.frequency === "annual" ? "annual" : "monthly";
  const id = plan === "pro" || plan === "business" ? `cloudflare-plan/${plan}-${frequency}` : `cloudflare-plan/${plan}`;
  return quote(resource, context).add(id, 1, `1 zone on the ${plan} plan, billed ${frequency === "annual" ? "yearly" : "monthly"}`).result();
}

export function cloudflareLoadBalancer(resource: Resource, context: PricingContext): Pricing {
  const origins = ofType(context, "cloudflare:index/loadBalancerPool:LoadBalancerPool").reduce((sum, pool) => sum + list(pool.inputs.origins).length, 0);
  const extra = Math.max(0, origins - 2);
  const q = quote(resource, context).add("cloudflare-load-balancing-base", 1, "1 load balancer");
  if (extra > 0) q.add("cloudflare-load-balancing-origin", extra, `${extra} origins beyond the 2 included (${origins} in its pools)`);
  return q.note("DNS queries and steering add-ons not estimated").result();
}

export function vercelProject(resource: Resource, context: PricingContext): Pricing {
  const plan = context.usage.frontendPlan;
  if (plan === "pro") {
    const seats = assumptionValue(context.catalog, "vercel-pro-seats");
    return quote(resource, context).add("vercel-plan/pro", seats, `${seats} seat${seats === 1 ? "" : "s"} (assumed: vercel-pro-seats)`).result();
  }
  return quote(resource, context).add(`vercel-plan/${plan}`, 1, `the ${plan} plan (the phase's frontendPlan)`).result();
}

/** The Sentry plan each monitoring stack of the seed implies: its phase 2 has Sentry Pro (Team), phase 3 Enterprise. */
export const SENTRY_PLAN_BY_MONITORING_STACK: Record<Usage["monitoringStack"], string> = {
  basic: "developer",
  "structured-logging": "team",
  elk: "business",
  datadog: "business",
};

export function sentryProject(resource: Resource, context: PricingContext): Pricing {
  const plan = SENTRY_PLAN_BY_MONITORING_STACK[context.usage.monitoringStack];
  return quote(resource, context).add(`sentry-plan/${plan}`, 1, `the ${plan} plan (from the phase's monitoringStack ${context.usage.monitoringStack})`).note("one project per stack: the organization's plan is priced on it").result();
}

export function datadogSyntheticsTest(resource: Resource, context: PricingContext): Pricing {
  const locations = list(resource.inputs.locations).length;
  const tickSeconds = numberOf(record(resource.inputs.optionsList).tickEvery) ?? 60;
  const runs = (locations * context.usage.hoursPerMonth * 3600) / tickSeconds;
  return quote(resource, context)
    .add("datadog-synthetics-api-10k-runs", runs / 1e4, `${formatQuantity(runs / 1e4)} × 10,000 runs (${locations} locations, one run every ${tickSeconds} s)`)
    .result();
}

/** The account's hosts: every Kubernetes node at its desired or minimum count. */
export function datadogAccount(resource: Resource, context: PricingContext): Pricing {
  const eks = ofType(context, "aws:eks/nodeGroup:NodeGroup").reduce((sum, group) => sum + eksNodeCount(group), 0);
  const gke = ofType(context, "gcp:container/nodePool:NodePool").reduce((sum, pool) => sum + gkePoolNodes(pool).nodes, 0);
  const hosts = eks + gke;
  return quote(resource, context)
    .add("datadog-infrastructure-pro-host", hosts, `${hosts} hosts (${eks} EKS and ${gke} GKE nodes)`)
    .add("datadog-apm-host", hosts, `${hosts} hosts`)
    .note("the account's plan, priced on its provider: the monitors read APM trace metrics of every node's agent")
    .result();
}

const RULES: Record<string, Rule> = {
  "aws:rds/instance:Instance": rdsInstance,
  "aws:rds/cluster:Cluster": auroraCluster,
  "aws:rds/clusterInstance:ClusterInstance": auroraInstance,
  "aws:elasticache/replicationGroup:ReplicationGroup": cacheReplicationGroup,
  "aws:ecs/service:Service": ecsService,
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/eip:Eip": elasticIp,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:eks/cluster:Cluster": eksCluster,
  "aws:eks/nodeGroup:NodeGroup": eksNodeGroup,
  "gcp:container/cluster:Cluster": gkeCluster,
  "gcp:container/nodePool:NodePool": gkeNodePool,
  "gcp:compute/routerNat:RouterNat": cloudNat,
  "aws:opensearch/domain:Domain": openSearchDomain,
  "aws:s3/bucket:Bucket": s3Bucket,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:cloudwatch/dashboard:Dashboard": dashboard,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:kms/key:Key": kmsKey,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:route53/zone:Zone": hostedZone,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:cloudfront/distribution:Distribution": cloudFrontDistribution,
  "aws:backup/plan:Plan": backupPlan,
  "cloudflare:index/zone:Zone": cloudflareZone,
  "cloudflare:index/zoneSubscription:ZoneSubscription": cloudflareZoneSubscription,
  "cloudflare:index/loadBalancer:LoadBalancer": cloudflareLoadBalancer,
  "vercel:index/project:Project": vercelProject,
  "sentry:index/sentryProject:SentryProject": sentryProject,
  "datadog:index/syntheticsTest:SyntheticsTest": datadogSyntheticsTest,
  "pulumi:providers:datadog": datadogAccount,
  "kubernetes:core/v1:Service": kubernetesService,
};

/** A resource's monthly price: its type's rule, else the catalog's free rule, else unpriced (never zero). */
export function priceResource(resource: Resource, context: PricingContext): Pricing {
  const rule = RULES[resource.type];
  if (rule) return rule(resource, context);
  const free = freeRuleFor(context.catalog, resource.type);
  if (free) return { kind: "free", why: free.why };
  return unpriced("no pricing rule for this type and no free rule in the catalog");
}
