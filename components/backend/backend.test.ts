import { readFileSync } from "node:fs";
import { APP_DEFAULTS, isSecretVariable, isSettingVariable, loadAppConfig, ROLE_PATHS } from "@francaisfluide/app/config";
import { beforeAll, describe, expect, it } from "vitest";
import { mockPhysicalId, mockResourceState } from "../../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../../tools/offline/synthesize.js";
import { regionalApiHostname, READINESS_PATH } from "../lib/origin.js";
import { CONTAINER_HEALTH_CHECK, fargateEphemeralStorageGib, planRouting, TLS_POLICY } from "./index.js";
import { secretArnOf } from "./environment.js";

type Step = PreviewDocument["steps"][number];
interface ContainerDefinition {
  name: string;
  image: string;
  user: string;
  readonlyRootFilesystem: boolean;
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  portMappings: { containerPort: number }[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  healthCheck: typeof CONTAINER_HEALTH_CHECK;
  logConfiguration: { logDriver: string; options: Record<string, string> };
}
interface PolicyDocument {
  Statement: { Action: string[]; Resource?: string | string[]; Principal?: Record<string, string> }[];
}

const nameOf = (step: Step) => step.urn.split("::").at(-1) as string;
const idOf = (step: Step) => mockPhysicalId(step.newState.type, nameOf(step));
const regionOf = (step: Step) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1] as string;
const arnOf = (step: Step) => mockResourceState(step.newState.type, nameOf(step), step.newState.inputs, regionOf(step)).state.arn as string;
const stateOf = (step: Step) => mockResourceState(step.newState.type, nameOf(step), step.newState.inputs, regionOf(step)).state;
const roleOf = (step: Step) => (/-(all|grammar|exercises|analytics)$/.exec(nameOf(step)) ?? [])[1];
const containerOf = (taskDefinition: Step) => (JSON.parse(taskDefinition.newState.inputs.containerDefinitions as string) as ContainerDefinition[])[0] as ContainerDefinition;

/** The Dockerfile's HEALTHCHECK, as flags in seconds and its command. */
function dockerfileHealthCheck() {
  const dockerfile = readFileSync(new URL("../../app/Dockerfile", import.meta.url), "utf8");
  const [, flags = "", command = "[]"] = /HEALTHCHECK ([^\n]*)\\\n\s*CMD (\[.*\])/.exec(dockerfile) ?? [];
  const seconds = (flag: string) => Number(new RegExp(`--${flag}=(\\d+)s`).exec(flags)?.[1]);
  return { command: ["CMD", ...(JSON.parse(command) as string[])], interval: seconds("interval"), timeout: seconds("timeout"), startPeriod: seconds("start-period"), retries: Number(/--retries=(\d+)/.exec(flags)?.[1]) };
}

describe.each(["phase1", "phase2", "phase3", "phase4"])("the backend of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });
  const inBackend = (step: Step) => step.urn.includes("::francaisfluide:backend:Backend$");
  const ofType = (type: string) => preview.steps.filter((step) => step.newState.type === type && inBackend(step));
  const inRegion = (type: string, region: string) => ofType(type).filter((step) => regionOf(step) === region);
  const fargate = () => config.compute.platform === "fargate";
  const regions = () => config.regions.map((region) => region.name);
  const outputs = () => preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as Record<string, unknown>;
  const taskDefinitions = () => ofType("aws:ecs/taskDefinition:TaskDefinition");

  it("is built only on Fargate: one per serving region, next to its shard, and nothing on Kubernetes", () => {
    if (!fargate()) {
      expect(preview.steps.filter(inBackend)).toEqual([]);
      expect(outputs().backend).toBeUndefined();
      return;
    }
    expect(ofType("aws:ecs/cluster:Cluster").map(regionOf).sort()).toEqual([...regions()].sort());
    for (const cluster of ofType("aws:ecs/cluster:Cluster")) expect(cluster.newState.inputs.settings).toEqual([{ name: "containerInsights", value: "enabled" }]);
    for (const shard of config.database.shards) expect(ofType("aws:lb/loadBalancer:LoadBalancer").map(regionOf)).toContain(shard.region);
    if (stack === "phase3") expect(ofType("aws:lb/loadBalancer:LoadBalancer")).toHaveLength(3);
  });

  it("runs the stack's image and task size, one task definition per service and region, read-only and not as root", () => {
    if (!fargate()) return;
    expect(taskDefinitions()).toHaveLength(regions().length * config.compute.services.length);
    const storage = fargateEphemeralStorageGib(config.compute.storageGb);
    for (const taskDefinition of taskDefinitions()) {
      const inputs = taskDefinition.newState.inputs;
      expect(inputs).toMatchObject({ cpu: String(config.compute.vcpu * 1024), memory: String(config.compute.memoryGb * 1024), requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", volumes: [{ name: "tmp" }], runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" } });
      expect(inputs.ephemeralStorage).toEqual(storage === undefined ? undefined : { sizeInGib: storage });
      const container = containerOf(taskDefinition);
      expect(container.image).toBe(`${config.compute.image.repository}:${config.compute.image.tag}`);
      expect(container).toMatchObject({ user: "node", readonlyRootFilesystem: true });
      // The API's port and the metrics server's; only the first is behind the load balancer (see the routing test).
      expect(container.portMappings).toEqual([
        { containerPort: APP_DEFAULTS.port, protocol: "tcp" },
        { containerPort: APP_DEFAULTS.metricsPort, protocol: "tcp" },
      ]);
      expect(container.mountPoints).toEqual([{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
      expect(container.healthCheck).toEqual(dockerfileHealthCheck());
    }
    if (stack === "phase1") expect(taskDefinitions()[0]?.newState.inputs.ephemeralStorage).toBeUndefined();
    if (stack === "phase3") expect(taskDefinitions()[0]?.newState.inputs.ephemeralStorage).toEqual({ sizeInGib: 100 });
  });

  it("logs through awslogs to its region's log group, kept for a while and encrypted with the region's backend key", () => {
    if (!fargate()) return;
    for (const region of regions()) {
      const [logGroup, ...others] = inRegion("aws:cloudwatch/logGroup:LogGroup", region);
      expect(others).toEqual([]);
      const [key] = inRegion("aws:kms/key:Key", region);
      expect(key?.newState.inputs.enableKeyRotation).toBe(true);
      expect(logGroup?.newState.inputs).toMatchObject({ retentionInDays: 30, kmsKeyId: arnOf(key as Step) });
      const keyPolicy = JSON.parse(key?.newState.inputs.policy as string) as PolicyDocument;
      expect(keyPolicy.Statement.map((statement) => statement.Principal)).toEqual([{ AWS: "arn:aws:iam::123456789012:root" }, { Service: `logs.${region}.amazonaws.com` }]);
      for (const taskDefinition of inRegion("aws:ecs/taskDefinition:TaskDefinition", region)) {
        expect(containerOf(taskDefinition).logConfiguration).toEqual({ logDriver: "awslogs", options: { "awslogs-group": logGroup?.newState.inputs.name, "awslogs-region": region, "awslogs-stream-prefix": roleOf(taskDefinition) } });
      }
    }
  });

  it("sets only variables the app reads, credentials as secrets only, and the app loads the region's shards, cache and port", () => {
    if (!fargate()) return;
    const cacheOutputs = outputs().cache as Record<string, { endpoint: string; mode: string }>;
    for (const taskDefinition of taskDefinitions()) {
      const region = regionOf(taskDefinition);
      const { environment, secrets } = containerOf(taskDefinition);
      for (const { name } of [...environment, ...secrets]) expect(isSettingVariable(name), name).toBe(true);
      expect(environment.filter(({ name }) => isSecretVariable(name))).toEqual([]);
      for (const { value } of environment) expect(value).not.toMatch(/postgres:\/\/[^@/]*:[^@/]*@/);
      expect(secrets.map(({ name }) => name).filter((name) => !isSecretVariable(name))).toEqual([]);
      for (const { valueFrom } of secrets) expect(valueFrom).toMatch(/^arn:aws:secretsmanager:[a-z0-9-]+:123456789012:secret:[^:]+(:password::)?$/);

      const placeholder = (name: string) => (name === "SENTRY_DSN" ? "https://placeholder@o0.ingest.sentry.io/0" : `placeholder-${name.toLowerCase().replace(/_/g, "-")}`);
      const env = Object.fromEntries([...environment.map(({ name, value }) => [name, value]), ...secrets.map(({ name }) => [name, placeholder(name)])]);
      const app = loadAppConfig(env, { cpuCount: 1 });
      expect(app.role).toBe(roleOf(taskDefinition));
      expect(app.port).toBe(APP_DEFAULTS.port);
      expect(app.metricsPort).toBe(APP_DEFAULTS.metricsPort);
      expect(app.host).toBe("0.0.0.0");
      expect(app.grammar.workers).toBe(config.compute.vcpu);
      const shardUrls = app.database.shards?.map((shard) => shard.writerUrl) ?? [app.database.url as string];
      if (config.database.shards.length > 1) {
        expect(app.database.shards?.map(({ id, firstBucket, lastBucket }) => ({ id, firstBucket, lastBucket }))).toEqual(config.database.shards.map(({ id, firstBucket, lastBucket }) => ({ id, firstBucket, lastBucket })));
        for (const shard of app.database.shards ?? []) expect(decodeURIComponent(new URL(shard.writerUrl).password)).toBe(placeholder(`DATABASE_PASSWORD_${shard.id.toUpperCase().replace(/-/g, "_")}`));
      } else {
        expect(decodeURIComponent(new URL(app.database.url as string).password)).toBe(placeholder("DATABASE_PASSWORD"));
      }
      for (const url of shardUrls) expect(new URL(url).searchParams.get("sslmode")).toBe("verify-full");
      const cache = cacheOutputs[region] as { endpoint: string; mode: string };
      expect(app.redis?.mode).toBe(cache.mode);
      expect(app.redis?.authToken).toBe(placeholder("REDIS_AUTH_TOKEN"));
      expect(app.telemetry.sentry).toEqual({ dsn: placeholder("SENTRY_DSN"), environment: config.stack });
      expect(app.redis?.mode === "cluster" ? app.redis.nodes : [app.redis?.url]).toEqual([cache.mode === "cluster" ? `${cache.endpoint}:6379` : `rediss://${cache.endpoint}:6379`]);
    }
  });

  it("keeps the cache's AUTH token and the Sentry DSN in Secrets Manager secrets of each region, under the region's backend key", () => {
    if (!fargate()) return;
    for (const region of regions()) {
      const [key] = inRegion("aws:kms/key:Key", region);
      const secrets = inRegion("aws:secretsmanager/secret:Secret", region);
      for (const [variable, suffix] of [["REDIS_AUTH_TOKEN", "-cache-auth-token"], ["SENTRY_DSN", "-sentry-dsn"]] as const) {
        const secret = secrets.find((step) => step.urn.endsWith(suffix)) as Step;
        expect(secret?.newState.inputs.kmsKeyId, `${variable} in ${region}`).toBe(arnOf(key as Step));
        expect(inRegion("aws:secretsmanager/secretVersion:SecretVersion", region).filter((version) => version.newState.inputs.secretId === idOf(secret)).map((version) => version.newState.inputs.secretString)).toEqual(["[secret]"]);
        for (const taskDefinition of inRegion("aws:ecs/taskDefinition:TaskDefinition", region)) {
          expect(containerOf(taskDefinition).secrets).toContainEqual({ name: variable, valueFrom: arnOf(secret) });
        }
      }
      expect(secrets).toHaveLength(2);
    }
  });

  it("runs each service on Fargate behind the backend group, in the private subnets when a NAT gateway gives them egress (else public, with an address), rolling back failed deployments", () => {
    if (!fargate()) return;
    const subnets = preview.steps.filter((step) => step.newState.type === "aws:ec2/subnet:Subnet");
    const groups = preview.steps.filter((step) => step.newState.type === "aws:ec2/securityGroup:SecurityGroup");
    for (const service of ofType("aws:ecs/service:Service")) {
      const region = regionOf(service);
      const tier = config.network.natGateways === "none" ? "public" : "private";
      const taskSubnets = subnets.filter((s) => regionOf(s) === region && (s.newState.inputs.tags as Record<string, string>).tier === tier).map(idOf);
      const backendGroup = groups.find((g) => nameOf(g) === `network-${region}-backend-sg`) as Step;
      expect(service.newState.inputs).toMatchObject({ launchType: "FARGATE", desiredCount: config.compute.instanceCount.min, deploymentCircuitBreaker: { enable: true, rollback: true } });
      expect(service.newState.inputs.networkConfiguration).toEqual({ subnets: taskSubnets, securityGroups: [idOf(backendGroup)], assignPublicIp: tier === "public" });
      const taskDefinition = inRegion("aws:ecs/taskDefinition:TaskDefinition", region).find((td) => roleOf(td) === roleOf(service)) as Step;
      expect(service.newState.inputs.taskDefinition).toBe(arnOf(taskDefinition));
    }
    expect(ofType("aws:ecs/service:Service").map(roleOf).sort()).toEqual(regions().flatMap(() => config.compute.services).sort());
  });

  it("scales fixed or by target tracking between the stack's bounds, on each metric it gives, with cooldowns", () => {
    if (!fargate()) return;
    const targets = ofType("aws:appautoscaling/target:Target");
    const policies = ofType("aws:appautoscaling/policy:Policy");
    if (!config.compute.autoscaling) {
      expect([...targets, ...policies]).toEqual([]);
      expect(ofType("aws:ecs/service:Service").map((service) => service.newState.inputs.desiredCount)).toEqual(ofType("aws:ecs/service:Service").map(() => (stack === "phase1" ? 1 : 2)));
      return;
    }
    const { cpuTargetPercent, memoryTargetPercent, requestsPerTarget } = config.compute.autoscaling;
    expect(targets).toHaveLength(ofType("aws:ecs/service:Service").length);
    for (const target of targets) {
      expect(target.newState.inputs).toMatchObject({ minCapacity: config.compute.instanceCount.min, maxCapacity: config.compute.instanceCount.max, scalableDimension: "ecs:service:DesiredCount", serviceNamespace: "ecs" });
      const own = policies.filter((policy) => policy.newState.inputs.resourceId === target.newState.inputs.resourceId);
      const byMetric = Object.fromEntries(own.map((policy) => {
        const configuration = policy.newState.inputs.targetTrackingScalingPolicyConfiguration as { targetValue: number; scaleInCooldown: number; scaleOutCooldown: number; predefinedMetricSpecification: { predefinedMetricType: string } };
        expect(configuration).toMatchObject({ scaleOutCooldown: 60, scaleInCooldown: 300 });
        return [configuration.predefinedMetricSpecification.predefinedMetricType, configuration.targetValue];
      }));
      expect(byMetric).toEqual({
        ECSServiceAverageCPUUtilization: cpuTargetPercent,
        ECSServiceAverageMemoryUtilization: memoryTargetPercent,
        ...(requestsPerTarget === undefined ? {} : { ALBRequestCountPerTarget: requestsPerTarget }),
      });
    }
    if (stack === "phase3") expect(targets.map((t) => [t.newState.inputs.minCapacity, t.newState.inputs.maxCapacity])).toEqual(targets.map(() => [2, 10]));
  });

  it("listens on HTTPS only, with the modern TLS policy and the validated certificate, and on HTTP only to redirect", () => {
    if (!fargate()) return;
    for (const loadBalancer of ofType("aws:lb/loadBalancer:LoadBalancer")) {
      const region = regionOf(loadBalancer);
      const listeners = inRegion("aws:lb/listener:Listener", region);
      expect(listeners.map((l) => l.newState.inputs.loadBalancerArn)).toEqual([arnOf(loadBalancer), arnOf(loadBalancer)]);
      const https = listeners.find((l) => l.newState.inputs.port === 443) as Step;
      const http = listeners.find((l) => l.newState.inputs.port === 80) as Step;
      const [certificate] = inRegion("aws:acm/certificate:Certificate", region);
      expect(https.newState.inputs).toMatchObject({ protocol: "HTTPS", sslPolicy: TLS_POLICY, certificateArn: arnOf(certificate as Step) });
      expect(http.newState.inputs).toMatchObject({ protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] });
      expect(TLS_POLICY).toMatch(/^ELBSecurityPolicy-TLS13-/);
    }
  });

  it("validates each region's certificate by DNS in the origin zone and aliases api-<region>.origin.<domain> to its load balancer", () => {
    if (!fargate()) return;
    const zone = preview.steps.find((step) => step.newState.type === "aws:route53/zone:Zone") as Step;
    for (const region of regions()) {
      const hostname = regionalApiHostname(config.cdn.domainName, region);
      const [certificate] = inRegion("aws:acm/certificate:Certificate", region);
      expect(certificate?.newState.inputs).toMatchObject({ domainName: hostname, validationMethod: "DNS" });
      const [option] = stateOf(certificate as Step).domainValidationOptions as { resourceRecordName: string; resourceRecordValue: string }[];
      const records = inRegion("aws:route53/record:Record", region);
      const validationRecord = records.find((r) => r.newState.inputs.type === "CNAME") as Step;
      expect(validationRecord.newState.inputs).toMatchObject({ zoneId: idOf(zone), name: option?.resourceRecordName, records: [option?.resourceRecordValue] });
      expect(inRegion("aws:acm/certificateValidation:CertificateValidation", region)[0]?.newState.inputs.certificateArn).toBe(arnOf(certificate as Step));
      const loadBalancer = inRegion("aws:lb/loadBalancer:LoadBalancer", region)[0] as Step;
      const alias = records.find((r) => r.newState.inputs.type === "A") as Step;
      expect(alias.newState.inputs).toMatchObject({ zoneId: idOf(zone), name: hostname, aliases: [{ name: stateOf(loadBalancer).dnsName, zoneId: stateOf(loadBalancer).zoneId, evaluateTargetHealth: true }] });
    }
  });

  it("faces the internet from the public subnets behind the load-balancer group, drops invalid headers, and protects itself from phase 3", () => {
    if (!fargate()) return;
    const subnets = preview.steps.filter((step) => step.newState.type === "aws:ec2/subnet:Subnet");
    for (const loadBalancer of ofType("aws:lb/loadBalancer:LoadBalancer")) {
      const region = regionOf(loadBalancer);
      const publicSubnets = subnets.filter((s) => regionOf(s) === region && (s.newState.inputs.tags as Record<string, string>).tier === "public").map(idOf);
      const group = preview.steps.find((g) => nameOf(g) === `network-${region}-load-balancer-sg`) as Step;
      expect(loadBalancer.newState.inputs).toMatchObject({ loadBalancerType: "application", internal: false, subnets: publicSubnets, securityGroups: [idOf(group)], dropInvalidHeaderFields: true });
      expect(loadBalancer.newState.inputs.enableDeletionProtection).toBe(stack === "phase3");
    }
  });

  it("writes access logs to a private SSE-S3 bucket of the region that only the region's log delivery may write to, and expires them", () => {
    if (!fargate()) return;
    for (const loadBalancer of ofType("aws:lb/loadBalancer:LoadBalancer")) {
      const region = regionOf(loadBalancer);
      const [bucket] = inRegion("aws:s3/bucket:Bucket", region);
      const bucketId = idOf(bucket as Step);
      expect(loadBalancer.newState.inputs.accessLogs).toEqual({ bucket: bucketId, prefix: "alb", enabled: true });
      const of = (type: string) => inRegion(type, region).find((step) => step.newState.inputs.bucket === bucketId)?.newState.inputs;
      expect(of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(of("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")?.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
      expect(of("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")?.rules).toEqual([{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: 90 } }]);
      const policy = JSON.parse(of("aws:s3/bucketPolicy:BucketPolicy")?.policy as string) as PolicyDocument;
      const [delivery] = policy.Statement;
      expect(delivery).toMatchObject({ Action: ["s3:PutObject"], Resource: `arn:aws:s3:::${bucketId}/alb/AWSLogs/123456789012/*` });
      expect(Object.values(delivery?.Principal ?? {})[0]).toMatch(/^arn:aws:iam::\d{12}:root$|^logdelivery\.elasticloadbalancing\.amazonaws\.com$/);
    }
  });

  it("puts the metrics port in no target group, listener, service load balancer or security group rule", () => {
    if (!fargate()) return;
    const metricsPort = APP_DEFAULTS.metricsPort;
    for (const group of ofType("aws:lb/targetGroup:TargetGroup")) expect(group.newState.inputs.port).toBe(APP_DEFAULTS.port);
    for (const listener of ofType("aws:lb/listener:Listener")) expect([443, 80]).toContain(listener.newState.inputs.port);
    for (const service of ofType("aws:ecs/service:Service")) {
      expect((service.newState.inputs.loadBalancers as { containerPort: number }[]).map(({ containerPort }) => containerPort)).toEqual([APP_DEFAULTS.port]);
    }
    const ingress = preview.steps.filter((step) => step.newState.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" || step.newState.type === "aws:ec2/securityGroupRule:SecurityGroupRule");
    for (const rule of ingress) {
      const { fromPort, toPort } = rule.newState.inputs as { fromPort?: number; toPort?: number };
      if (fromPort !== undefined && toPort !== undefined) expect({ rule: rule.urn, opensMetrics: fromPort <= metricsPort && metricsPort <= toPort }).toEqual({ rule: rule.urn, opensMetrics: false });
    }
  });

  it("health-checks each service's targets on the readiness route and routes each role's paths to its own service", () => {
    if (!fargate()) return;
    const routing = planRouting(config.compute.services);
    for (const region of regions()) {
      const targetGroups = inRegion("aws:lb/targetGroup:TargetGroup", region);
      expect(targetGroups.map(roleOf).sort()).toEqual([...config.compute.services].sort());
      for (const group of targetGroups) expect(group.newState.inputs).toMatchObject({ targetType: "ip", port: APP_DEFAULTS.port, protocol: "HTTP", deregistrationDelay: 30, healthCheck: { path: READINESS_PATH, matcher: "200" } });
      const groupArn = (role: string) => arnOf(targetGroups.find((g) => roleOf(g) === role) as Step);
      const https = inRegion("aws:lb/listener:Listener", region).find((l) => l.newState.inputs.port === 443) as Step;
      expect(https.newState.inputs.defaultActions).toEqual([{ type: "forward", targetGroupArn: groupArn(routing.defaultRole) }]);
      const rules = inRegion("aws:lb/listenerRule:ListenerRule", region).sort((a, b) => Number(a.newState.inputs.priority) - Number(b.newState.inputs.priority));
      expect(rules.map((rule) => ({ paths: rule.newState.inputs.conditions, to: rule.newState.inputs.actions, listener: rule.newState.inputs.listenerArn }))).toEqual(
        ROLE_PATHS.filter(({ role }) => config.compute.services.includes(role)).map(({ role, paths }) => ({ paths: [{ pathPattern: { values: paths } }], to: [{ type: "forward", targetGroupArn: groupArn(role) }], listener: stateOf(https).arn })),
      );
    }
    if (stack === "phase3") expect(ofType("aws:lb/listenerRule:ListenerRule")).toHaveLength(9);
    else expect(ofType("aws:lb/listenerRule:ListenerRule")).toEqual([]);
  });

  it("gives the agent exactly the injected secrets and their keys, the app no permission, and no wildcard action or resource", () => {
    if (!fargate()) return;
    const rolePolicies = ofType("aws:iam/rolePolicy:RolePolicy");
    const roles = ofType("aws:iam/role:Role");
    expect(roles).toHaveLength(2 * regions().length);
    expect(rolePolicies.map((p) => p.newState.inputs.role).sort()).toEqual(roles.filter((r) => nameOf(r).endsWith("-execution-role")).map(idOf).sort());
    for (const document of [...rolePolicies.map((p) => p.newState.inputs.policy), ...roles.map((r) => r.newState.inputs.assumeRolePolicy)]) {
      for (const statement of (JSON.parse(document as string) as PolicyDocument).Statement) {
        for (const action of statement.Action) expect(action).not.toContain("*");
        if (!statement.Action.includes("ecr:GetAuthorizationToken")) expect([statement.Resource ?? []].flat()).not.toContain("*");
      }
    }
    for (const policy of rolePolicies) {
      const region = regionOf(policy);
      const statements = (JSON.parse(policy.newState.inputs.policy as string) as PolicyDocument).Statement;
      const injected = inRegion("aws:ecs/taskDefinition:TaskDefinition", region).flatMap((td) => containerOf(td).secrets.map(({ valueFrom }) => secretArnOf(valueFrom)));
      expect(statements.find((s) => s.Action.includes("secretsmanager:GetSecretValue"))?.Resource).toEqual([...new Set(injected)].sort());
      const databaseKeys = preview.steps.filter((s) => s.newState.type === "aws:kms/key:Key" && s.urn.includes("francaisfluide:database:Database$"));
      const expectedKeys = [arnOf(inRegion("aws:kms/key:Key", region)[0] as Step), ...config.database.shards.map((shard) => arnOf(databaseKeys.find((k) => regionOf(k) === shard.region) as Step))];
      expect(statements.find((s) => s.Action.includes("kms:Decrypt"))?.Resource).toEqual([...new Set(expectedKeys)].sort());
    }
  });

  it("exports per region the origin, the load balancer and target group suffixes, the service and cluster names and the log group", () => {
    if (!fargate()) return;
    const backend = outputs().backend as Record<string, { origin: { region: string; hostname: string; loadBalancerDnsName: string }; loadBalancerArnSuffix: string; targetGroupArnSuffixes: Record<string, string>; serviceNames: Record<string, string>; clusterName: string; logGroupName: string }>;
    expect(Object.keys(backend).sort()).toEqual([...regions()].sort());
    for (const [region, exported] of Object.entries(backend)) {
      const loadBalancer = inRegion("aws:lb/loadBalancer:LoadBalancer", region)[0] as Step;
      expect(exported.origin).toEqual({ region, hostname: regionalApiHostname(config.cdn.domainName, region), loadBalancerDnsName: stateOf(loadBalancer).dnsName });
      expect(exported.loadBalancerArnSuffix).toBe(stateOf(loadBalancer).arnSuffix);
      expect(Object.keys(exported.targetGroupArnSuffixes).sort()).toEqual([...config.compute.services].sort());
      expect(Object.keys(exported.serviceNames).sort()).toEqual([...config.compute.services].sort());
      for (const suffix of Object.values(exported.targetGroupArnSuffixes)) expect(suffix).toMatch(/^targetgroup\/[a-z0-9-]+\/[0-9a-f]{16}$/);
      expect(exported.clusterName).toBe(stateOf(inRegion("aws:ecs/cluster:Cluster", region)[0] as Step).name);
      expect(exported.logGroupName).toBe(`/francaisfluide/${stack}/backend`);
    }
  });
});
