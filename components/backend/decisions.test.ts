import { describe, expect, it } from "vitest";
import { taskEnvironment } from "./environment.js";
import { executionRolePolicy, imagePullStatements } from "./iam.js";
import { elbLogDeliveryPrincipal, loadBalancerDeletionProtection, planRouting } from "./load-balancer.js";
import { fargateEphemeralStorageGib, fargateTaskSize, planScaling } from "./sizing.js";

describe("fargateTaskSize", () => {
  it("turns the seed's instance sizes into Fargate's CPU units and MiB", () => {
    expect(fargateTaskSize(1, 2)).toEqual({ cpu: "1024", memory: "2048" });
    expect(fargateTaskSize(2, 4)).toEqual({ cpu: "2048", memory: "4096" });
    expect(fargateTaskSize(4, 8)).toEqual({ cpu: "4096", memory: "8192" });
    expect(fargateTaskSize(8, 16)).toEqual({ cpu: "8192", memory: "16384" });
  });

  it("refuses a pair Fargate has no task size for, naming both values and what it takes", () => {
    expect(() => fargateTaskSize(1, 16)).toThrow("Fargate has no task size of 1 vCPU with 16 GB of memory (instanceVcpu 1, instanceMemoryGb 16): with 1 vCPU it takes 2-8 GB in steps of 1 GB");
    expect(() => fargateTaskSize(8, 18)).toThrow(/with 8 vCPU it takes 16-60 GB in steps of 4 GB/);
    expect(() => fargateTaskSize(3, 6)).toThrow(/Fargate takes 1, 2, 4, 8, 16 vCPUs/);
  });
});

describe("fargateEphemeralStorageGib", () => {
  it("leaves the included 20 GiB alone up to 20 GB, asks for the same number of (larger) GiB above, and refuses more than 200", () => {
    expect(fargateEphemeralStorageGib(10)).toBeUndefined();
    expect(fargateEphemeralStorageGib(20)).toBeUndefined();
    expect(fargateEphemeralStorageGib(21)).toBe(21);
    expect(fargateEphemeralStorageGib(50)).toBe(50);
    expect(fargateEphemeralStorageGib(200)).toBe(200);
    expect(() => fargateEphemeralStorageGib(500)).toThrow("Fargate tasks have at most 200 GiB of ephemeral storage, and instanceStorageGb asks for 500 GB: run the phase on Kubernetes, or lower it");
  });
});

describe("planScaling", () => {
  it("keeps a fixed count fixed and tracks each target the stack gives between its bounds", () => {
    expect(planScaling({ min: 2, max: 2 }, undefined)).toEqual({ kind: "fixed", count: 2 });
    expect(planScaling({ min: 2, max: 10 }, { cpuPercent: 70, memoryPercent: 80 })).toEqual({
      kind: "target-tracking",
      min: 2,
      max: 10,
      metrics: [
        { metric: "cpu", target: 70 },
        { metric: "memory", target: 80 },
      ],
    });
    expect(planScaling({ min: 2, max: 20 }, { cpuPercent: 70, memoryPercent: 80, requestsPerTarget: 1000 })).toMatchObject({ metrics: [{ metric: "cpu" }, { metric: "memory" }, { metric: "requests", target: 1000 }] });
  });

  it("refuses bounds and targets that contradict each other", () => {
    expect(() => planScaling({ min: 3, max: 2 }, undefined)).toThrow("Scaling bounds are reversed: min 3 is above max 2");
    expect(() => planScaling({ min: 2, max: 2 }, { cpuPercent: 70, memoryPercent: 80 })).toThrow(/fixed count of 2/);
    expect(() => planScaling({ min: 2, max: 10 }, undefined)).toThrow(/needs targets/);
  });
});

describe("planRouting", () => {
  it("sends everything to one service when there is one", () => {
    expect(planRouting(["all"])).toEqual({ defaultRole: "all", rules: [] });
  });

  it("gives each split service a rule, analytics' progress before the learners' prefix, and the rest to the first", () => {
    const plan = planRouting(["grammar", "exercises", "analytics"]);
    expect(plan.defaultRole).toBe("grammar");
    expect(plan.rules.map(({ role, priority }) => [role, priority])).toEqual([["grammar", 10], ["analytics", 20], ["exercises", 30]]);
    expect(plan.rules.find((rule) => rule.role === "analytics")?.paths).toEqual(["/api/v1/learners/*/progress"]);
  });

  it("lets `all` serve what a partial split leaves", () => {
    expect(planRouting(["all", "grammar"])).toEqual({ defaultRole: "all", rules: [{ role: "grammar", priority: 10, paths: ["/v2/*", "/api/v1/corrections", "/api/v1/explanations*"] }] });
  });
});

describe("loadBalancerDeletionProtection", () => {
  it("protects the load balancers once a month's downtime budget is shorter than rebuilding one", () => {
    expect([99.5, 99.9, 99.95, 99.99].map(loadBalancerDeletionProtection)).toEqual([false, false, true, true]);
  });
});

describe("elbLogDeliveryPrincipal", () => {
  it("names the region's Elastic Load Balancing account where it has one, and the log delivery service elsewhere", () => {
    expect(elbLogDeliveryPrincipal("eu-west-1")).toEqual({ AWS: "arn:aws:iam::156460612806:root" });
    expect(elbLogDeliveryPrincipal("ap-southeast-5")).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
  });
});

describe("execution role policy", () => {
  it("needs nothing to pull from a public registry, and from ECR only that repository's layers besides the token", () => {
    expect(imagePullStatements("ghcr.io/francaisfluide/api")).toEqual([]);
    expect(imagePullStatements("123456789012.dkr.ecr.eu-west-1.amazonaws.com/francaisfluide/api")).toEqual([
      { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "arn:aws:ecr:eu-west-1:123456789012:repository/francaisfluide/api" },
    ]);
  });

  it("reads each secret and key once, whatever repeats", () => {
    const policy = executionRolePolicy({ imageRepository: "ghcr.io/a/b", logGroupArn: "arn:aws:logs:r:1:log-group:/g", secretArns: ["arn:b", "arn:a", "arn:b"], kmsKeyArns: ["arn:k", "arn:k"] });
    expect(policy.Statement.map((statement) => statement.Resource)).toEqual(["arn:aws:logs:r:1:log-group:/g:log-stream:*", ["arn:a", "arn:b"], ["arn:k"]]);
  });
});

describe("taskEnvironment", () => {
  it("gives one database's password as DATABASE_PASSWORD from the RDS secret's password key", () => {
    const shard = {
      id: "main",
      region: "eu-west-1",
      writerEndpoint: "db.eu-west-1.rds.amazonaws.com",
      readerEndpoint: "db.eu-west-1.rds.amazonaws.com",
      port: 5432,
      databaseName: "ff",
      masterUsername: "ff_admin",
      masterUserSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-abc",
      firstBucket: 0,
      lastBucket: 99,
      regionalReaderEndpoints: {},
    };
    const { environment, secrets } = taskEnvironment({ role: "all", region: "eu-west-1", port: 8080, metricsPort: 9464, vcpu: 1, shards: [shard], cache: { endpoint: "master.c", port: 6379, mode: "single" }, cacheAuthTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-x" });
    expect(secrets).toEqual([
      { name: "DATABASE_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-abc:password::" },
      { name: "REDIS_AUTH_TOKEN", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-x" },
    ]);
    expect(environment).toContainEqual({ name: "DATABASE_URL", value: "postgres://ff_admin@db.eu-west-1.rds.amazonaws.com:5432/ff?sslmode=verify-full" });
    expect(environment).toContainEqual({ name: "REDIS_URL", value: "rediss://master.c:6379" });
    expect(environment).toContainEqual({ name: "METRICS_PORT", value: "9464" });
  });
});

describe("Backend args", () => {
  it("throws on a task size Fargate refuses before creating anything", async () => {
    const { Backend } = await import("./index.js");
    const build = () =>
      new Backend("backend", {
        regions: [],
        image: { repository: "ghcr.io/francaisfluide/api", tag: "0.1.0" },
        port: 8080,
        metricsPort: 9464,
        vcpu: 1,
        memoryGb: 16,
        storageGb: 10,
        instanceCount: { min: 1, max: 1 },
        services: ["all"],
        database: { shards: [], secretKmsKeyArns: {} },
        cacheAuthToken: "unused",
        domainName: "francaisfluide.fr",
        originZoneId: "Z1",
        deletionProtection: false,
        tags: { project: "francaisfluide", phase: "test", "cost-center": "test" },
      });
    expect(build).toThrow(/^Fargate has no task size of 1 vCPU with 16 GB/);
  });
});
