import { describe, expect, it } from "vitest";
import { fakePassword, mockInvoke, mockPhysicalId, mockResourceState, OFFLINE_ACCOUNT_ID } from "./mock-state.js";

describe("mockResourceState", () => {
  it("gives regional resources an ARN in their provider's region and account", () => {
    const { id, state } = mockResourceState("aws:kms/key:Key", "vault-key", {}, "eu-central-1");
    expect(state.arn).toBe(`arn:aws:kms:eu-central-1:${OFFLINE_ACCOUNT_ID}:key/${id}`);
  });

  it("names a backup vault in its ARN as AWS does, so copy destinations read like real ones", () => {
    const { state } = mockResourceState("aws:backup/vault:Vault", "vault", { name: "francaisfluide-phase4-us-west-2" }, "us-west-2");
    expect(state.arn).toBe(`arn:aws:backup:us-west-2:${OFFLINE_ACCOUNT_ID}:backup-vault:francaisfluide-phase4-us-west-2`);
  });

  it("leaves the region out of global services' ARNs, and Route 53's account too", () => {
    const role = mockResourceState("aws:iam/role:Role", "backup-role", {}, "us-east-1");
    expect(role.state.arn).toBe(`arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${role.id}`);
    const check = mockResourceState("aws:route53/healthCheck:HealthCheck", "api-check", {}, "us-east-1");
    expect(check.state.arn).toBe(`arn:aws:route53:::healthcheck/${check.id}`);
  });

  it("computes a hosted zone's id and four name servers, the same on every run", () => {
    const zone = mockResourceState("aws:route53/zone:Zone", "origin-zone", { name: "origin.francaisfluide.fr" }, "us-east-1");
    expect(zone.id).toBe(mockPhysicalId("aws:route53/zone:Zone", "origin-zone"));
    expect(zone.id).toMatch(/^Z[0-9a-f]{17}$/);
    expect(zone.state.zoneId).toBe(zone.id);
    expect(zone.state.nameServers).toHaveLength(4);
    for (const server of zone.state.nameServers as string[]) expect(server).toMatch(/^ns-\d+\.awsdns-\d+\.(com|net|org|co\.uk)$/);
    expect(mockResourceState("aws:route53/zone:Zone", "origin-zone", {}, "us-east-1").state.nameServers).toEqual(zone.state.nameServers);
  });

  it("names an OpenSearch domain in its es ARN and answers on a VPC endpoint in its region", () => {
    const { state } = mockResourceState("aws:opensearch/domain:Domain", "logs", { domainName: "francaisfluide-phase3-logs" }, "us-east-1");
    expect(state.arn).toBe(`arn:aws:es:us-east-1:${OFFLINE_ACCOUNT_ID}:domain/francaisfluide-phase3-logs`);
    expect(state.endpoint).toMatch(/^vpc-francaisfluide-phase3-logs-[0-9a-f]{26}\.us-east-1\.es\.amazonaws\.com$/);
  });

  it("gives a Sentry client key a DSN naming its key, the organization's ingest host and the project, the same on every run", () => {
    const key = mockResourceState("sentry:index/sentryKey:SentryKey", "api-key", { organization: "francaisfluide", project: "francaisfluide-api-phase1" }, undefined);
    expect(key.state.dsnPublic).toMatch(new RegExp(`^https://${key.id}@o\\d+\\.ingest\\.sentry\\.io/${String(key.state.projectId)}$`));
    expect(mockResourceState("sentry:index/sentryKey:SentryKey", "api-key", { organization: "francaisfluide", project: "francaisfluide-api-phase1" }, undefined)).toEqual(key);
  });

  it("numbers Datadog monitors, gives an SLO 32 hex digits and a synthetic test a public id with its own monitor", () => {
    expect(mockResourceState("datadog:index/monitor:Monitor", "latency", {}, undefined).id).toMatch(/^\d{9}$/);
    expect(mockResourceState("datadog:index/serviceLevelObjective:ServiceLevelObjective", "slo", {}, undefined).id).toMatch(/^[0-9a-f]{32}$/);
    const test = mockResourceState("datadog:index/syntheticsTest:SyntheticsTest", "ready", {}, undefined);
    expect(test.id).toMatch(/^[a-z]{3}-[a-z]{3}-[a-z]{3}$/);
    expect(test.state.monitorId).toEqual(expect.any(Number));
  });

  it("gives Cloudflare resources 32-hex-digit ids, as Cloudflare does", () => {
    expect(mockResourceState("cloudflare:index/zone:Zone", "cdn-zone", {}, undefined).id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("gives an ACM certificate one DNS validation CNAME per name, under that name", () => {
    const { state } = mockResourceState("aws:acm/certificate:Certificate", "cert", { domainName: "api-cf.francaisfluide.fr", subjectAlternativeNames: ["x.francaisfluide.fr"] }, "us-east-1");
    const options = state.domainValidationOptions as Record<string, string>[];
    expect(options.map((option) => option.domainName)).toEqual(["api-cf.francaisfluide.fr", "x.francaisfluide.fr"]);
    expect(options[0]?.resourceRecordName).toMatch(/^_[0-9a-f]{32}\.api-cf\.francaisfluide\.fr\.$/);
    expect(options[0]).toMatchObject({ resourceRecordType: "CNAME", resourceRecordValue: expect.stringMatching(/\.acm-validations\.aws\.$/) });
  });

  it("gives a CloudFront distribution its cloudfront.net name and a bucket its S3 domain name", () => {
    expect(mockResourceState("aws:cloudfront/distribution:Distribution", "cdn", {}, "us-east-1").state.domainName).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    const bucket = mockResourceState("aws:s3/bucket:Bucket", "cdn-logs", {}, "us-east-1");
    expect(bucket.state).toMatchObject({ bucket: bucket.id, bucketDomainName: `${bucket.id}.s3.amazonaws.com` });
  });

  it("gives random.RandomPassword a result of the requested length that says it is fake and whose it is", () => {
    const { state } = mockResourceState("random:index/randomPassword:RandomPassword", "cache-auth-token", { length: 64, overrideSpecial: "!&#$^<>-" }, undefined);
    expect(state.result).toHaveLength(64);
    expect(state.result).toMatch(/^offline-fake-password-cache-auth-token-[0-9a-f]+$/);
    expect(mockResourceState("random:index/randomPassword:RandomPassword", "cache-auth-token", { length: 64 }, undefined).state.result).toBe(state.result);
    expect(fakePassword("other", 64)).not.toBe(state.result);
    expect(fakePassword("short", 8)).toBe("offline-fake-password-short-");
  });

  it("gives a replication group the endpoints ElastiCache would: a configuration endpoint in cluster mode only", () => {
    const single = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-us-east-1", { numCacheClusters: 2 }, "us-east-1");
    expect(single.state).toMatchObject({ port: 6379, clusterEnabled: false, replicationGroupId: single.id });
    expect(single.state.primaryEndpointAddress).toMatch(new RegExp(`^master\\.${single.id}\\.[0-9a-f]{6}\\.us-east-1\\.cache\\.amazonaws\\.com$`));
    expect(single.state.readerEndpointAddress).toMatch(/^replica\./);
    expect(single.state.configurationEndpointAddress).toBeUndefined();

    const sharded = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-eu-west-1", { numNodeGroups: 2, replicasPerNodeGroup: 1 }, "eu-west-1");
    expect(sharded.state.configurationEndpointAddress).toMatch(/^clustercfg\.cache-eu-west-1-[0-9a-f]{8}\.[0-9a-f]{6}\.eu-west-1\.cache\.amazonaws\.com$/);
    expect(sharded.state.primaryEndpointAddress).toBeUndefined();
    // A global datastore's secondary cannot restate numNodeGroups: its replicas per node group say cluster mode.
    const secondary = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-ap-southeast-1", { replicasPerNodeGroup: 1 }, "ap-southeast-1");
    expect(secondary.state.clusterEnabled).toBe(true);
  });

  it("names a global datastore with a five-letter regional prefix and the suffix, as its id", () => {
    const { id, state } = mockResourceState("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "cache-global", { globalReplicationGroupIdSuffix: "francaisfluide-phase4" }, "us-east-1");
    expect(id).toMatch(/^[a-z]{5}-francaisfluide-phase4$/);
    expect(state.globalReplicationGroupId).toBe(id);
    expect(state.arn).toBe(`arn:aws:elasticache:us-east-1:123456789012:globalreplicationgroup/${id}`);
  });

  it("gives autonamed ElastiCache groups a name, which their dependants reference", () => {
    const { id, state } = mockResourceState("aws:elasticache/subnetGroup:SubnetGroup", "cache-us-east-1", { subnetIds: [] }, "us-east-1");
    expect(state.name).toBe(id);
    expect(mockResourceState("aws:elasticache/parameterGroup:ParameterGroup", "pg", { name: "given", family: "valkey8" }, "us-east-1").state.name).toBe("given");
  });

  it("gives a Service of type LoadBalancer an NLB hostname in its status, the same on every run, and other Services none", () => {
    const service = (type: string) => mockResourceState("kubernetes:core/v1:Service", "backend-eks-us-east-1-service", { spec: { type }, metadata: { name: "api" } }, undefined);
    const hostname = (service("LoadBalancer").state.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0]?.hostname;
    expect(hostname).toMatch(/^a[0-9a-f]{32}-[0-9a-f]{16}\.elb\.amazonaws\.com$/);
    expect((service("LoadBalancer").state.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0]?.hostname).toBe(hostname);
    expect(service("ClusterIP").state.status).toBeUndefined();
    expect(service("LoadBalancer").state.metadata).toEqual({ name: "api" });
  });

  it("names a Kubernetes object without metadata.name as the provider does: the resource's name and a suffix", () => {
    const { state } = mockResourceState("kubernetes:core/v1:ConfigMap", "backend-gke-settings", { metadata: { namespace: "francaisfluide" } }, undefined);
    expect(state.metadata).toEqual({ namespace: "francaisfluide", name: expect.stringMatching(/^backend-gke-settings-[0-9a-f]{8}$/) });
  });

  it("gives an EKS cluster an endpoint and certificate authority in its region, and its own security group", () => {
    const { state } = mockResourceState("aws:eks/cluster:Cluster", "backend-eks-eu-west-1", { name: "ff", vpcConfig: { subnetIds: ["subnet-1"] } }, "eu-west-1");
    expect(state.endpoint).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
    expect((state.certificateAuthority as { data: string }).data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(state.vpcConfig).toEqual({ subnetIds: ["subnet-1"], clusterSecurityGroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/) });
  });

  it("gives a GKE cluster a private endpoint and a CA, and a service account its e-mail", () => {
    const cluster = mockResourceState("gcp:container/cluster:Cluster", "backend-gke", { name: "ff" }, undefined);
    expect(cluster.state.endpoint).toMatch(/^172\.16\.0\.\d+$/);
    expect((cluster.state.masterAuth as { clusterCaCertificate: string }).clusterCaCertificate.length).toBeGreaterThan(0);
    expect(mockResourceState("gcp:serviceaccount/account:Account", "nodes", { accountId: "ff-nodes", project: "ff-prod" }, undefined).state.email).toBe("ff-nodes@ff-prod.iam.gserviceaccount.com");
  });
});

describe("mockInvoke", () => {
  it("reads a Secrets Manager secret as RDS shapes it, with a password that says it is fake", () => {
    const answer = mockInvoke("aws:secretsmanager/getSecretVersion:getSecretVersion", { secretId: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-master" });
    const value = JSON.parse(String(answer.secretString)) as { username: string; password: string };
    expect(value.password).toMatch(/^offline-fake-password-db-master-/);
    expect(value.password).toHaveLength(40);
  });

  it("names a function it has no answer for and where to add one", () => {
    expect(() => mockInvoke("aws:index/getCallerIdentity:getCallerIdentity", {})).toThrow("no answer for the function aws:index/getCallerIdentity:getCallerIdentity: add one in tools/offline/mock-state.ts");
  });
});

describe("mockResourceState for load balancers, logs, secrets and certificates", () => {
  it("gives load balancers and target groups Elastic Load Balancing's ARNs, suffixes, DNS name and regional zone", () => {
    const alb = mockResourceState("aws:lb/loadBalancer:LoadBalancer", "backend-us-east-1-alb", {}, "us-east-1");
    expect(alb.state.arn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/[a-z0-9-]{1,32}\/[0-9a-f]{16}$/);
    expect(`arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${String(alb.state.arnSuffix)}`).toBe(alb.state.arn);
    expect(alb.state.dnsName).toMatch(/^[a-z0-9-]+-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    expect(alb.state.zoneId).toBe(mockResourceState("aws:lb/loadBalancer:LoadBalancer", "other", {}, "us-east-1").state.zoneId);
    expect(alb.state.zoneId).not.toBe(mockResourceState("aws:lb/loadBalancer:LoadBalancer", "other", {}, "eu-west-1").state.zoneId);
    const group = mockResourceState("aws:lb/targetGroup:TargetGroup", "backend-us-east-1-grammar", {}, "us-east-1");
    expect(group.state.arnSuffix).toMatch(/^targetgroup\/[a-z0-9-]+\/[0-9a-f]{16}$/);
    expect(String(group.state.arn).endsWith(`:${String(group.state.arnSuffix)}`)).toBe(true);
  });

  it("names log groups, secrets and buckets in their ARNs as AWS does", () => {
    const bucket = mockResourceState("aws:s3/bucket:Bucket", "access-logs", {}, "eu-west-1");
    expect(bucket.state.arn).toBe(`arn:aws:s3:::${bucket.id}`);
    expect(mockResourceState("aws:cloudwatch/logGroup:LogGroup", "logs", { name: "/ecs/ff" }, "eu-west-1").state.arn).toBe("arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/ff");
    expect(mockResourceState("aws:secretsmanager/secret:Secret", "token", { name: "ff/token" }, "eu-west-1").state.arn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:ff\/token-[0-9a-f]{6}$/);
  });

  it("hands a certificate one DNS validation record per name", () => {
    const { state } = mockResourceState("aws:acm/certificate:Certificate", "cert", { domainName: "api-us-east-1.origin.francaisfluide.fr", validationMethod: "DNS" }, "us-east-1");
    expect(state.domainValidationOptions).toEqual([
      {
        domainName: "api-us-east-1.origin.francaisfluide.fr",
        resourceRecordName: expect.stringMatching(/^_[0-9a-f]{32}\.api-us-east-1\.origin\.francaisfluide\.fr\.$/),
        resourceRecordType: "CNAME",
        resourceRecordValue: expect.stringMatching(/^_[0-9a-f]{32}\.acm-validations\.aws\.$/),
      },
    ]);
  });
});
