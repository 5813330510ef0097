import { createHash } from "node:crypto";

/** The account id offline previews pretend to run in (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

export function deterministicHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

const ID_PREFIXES: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
  "aws:route53/zone:Zone": "Z",
};

/** Same type and name, same id: two offline runs of one stack must print identical documents. */
export function mockPhysicalId(type: string, name: string): string {
  // Cloudflare names zones, records, rulesets, pools and monitors by 32 hex digits.
  if (type.startsWith("cloudflare:index/")) return deterministicHex(`${type}::${name}`, 32);
  const prefix = ID_PREFIXES[type];
  return prefix === undefined ? `${name}-${deterministicHex(`${type}::${name}`, 8)}` : `${prefix}${deterministicHex(`${type}::${name}`, 17)}`;
}

/** Services whose ARNs carry no region; Route 53's and S3's carry no account either. */
const GLOBAL_ARN_SERVICES: Record<string, { account: boolean }> = { iam: { account: true }, route53: { account: false }, s3: { account: false } };

/** ARN service names that differ from the provider's module name: every type of a module, or one type. */
const ARN_SERVICES: Record<string, string> = { lb: "elasticloadbalancing", "aws:cloudwatch/logGroup:LogGroup": "logs", opensearch: "es" };

/** Elastic Load Balancing names a load balancer or target group and a 16-hex id in its ARN; its `arnSuffix` is what follows the first "/" of the resource. */
const elbResource = (kind: string) => (id: string, inputs: Record<string, unknown>) =>
  `${kind}/${typeof inputs.name === "string" ? inputs.name : id.slice(0, 32)}/${deterministicHex(`elb::${id}`, 16)}`;

/** The resource part of the ARN, for types where it is not `<resource>/<id>`. */
const ARN_RESOURCE_PARTS: Record<string, (id: string, inputs: Record<string, unknown>) => string> = {
  // A bucket's ARN is its name, which is also its id.
  "aws:s3/bucket:Bucket": (id, inputs) => (typeof inputs.bucket === "string" ? inputs.bucket : id),
  "aws:lb/loadBalancer:LoadBalancer": (id, inputs) => elbResource("loadbalancer/app")(id, inputs),
  "aws:lb/targetGroup:TargetGroup": elbResource("targetgroup"),
  "aws:cloudwatch/logGroup:LogGroup": (id, inputs) => `log-group:${typeof inputs.name === "string" ? inputs.name : id}`,
  "aws:secretsmanager/secret:Secret": (id, inputs) => `secret:${typeof inputs.name === "string" ? inputs.name : id}-${deterministicHex(`secret::${id}`, 6)}`,
  "aws:backup/vault:Vault": (id, inputs) => `backup-vault:${typeof inputs.name === "string" ? inputs.name : id}`,
  "aws:route53/zone:Zone": (id) => `hostedzone/${id}`,
  "aws:opensearch/domain:Domain": (id, inputs) => `domain/${typeof inputs.domainName === "string" ? inputs.domainName : id}`,
  "aws:route53/healthCheck:HealthCheck": (id) => `healthcheck/${id}`,
};

/** What the cloud computes beyond the id and the ARN, for types whose computed outputs other resources or exports read. */
const COMPUTED_OUTPUTS: Record<string, (id: string, state: Record<string, unknown>, region: string) => Record<string, unknown>> = {
  // The part of the ARN after "loadbalancer/" or before nothing for a target group: what CloudWatch's dimensions name.
  "aws:lb/loadBalancer:LoadBalancer": (id, state, region) => ({
    arnSuffix: String(state.arn).split(":loadbalancer/")[1],
    dnsName: `${String(state.name).slice(0, 32)}-${parseInt(deterministicHex(`dns::${id}`, 8), 16)}.${region}.elb.amazonaws.com`,
    // Elastic Load Balancing's own hosted zone of the region, which an alias record names; offline, one per region.
    zoneId: `Z${deterministicHex(`elb-zone::${region}`, 13).toUpperCase()}`,
  }),
  "aws:lb/targetGroup:TargetGroup": (_id, state) => ({ arnSuffix: `targetgroup/${String(state.arn).split(":targetgroup/")[1]}` }),
  // DNS validation: one CNAME per name of the certificate, which ACM watches for.
  "aws:acm/certificate:Certificate": (id, state) => ({
    domainValidationOptions: [state.domainName, ...((state.subjectAlternativeNames as string[] | undefined) ?? [])].map((domainName) => ({
      domainName,
      resourceRecordName: `_${deterministicHex(`acm-name::${id}::${String(domainName)}`, 32)}.${String(domainName)}.`,
      resourceRecordType: "CNAME",
      resourceRecordValue: `_${deterministicHex(`acm-value::${id}::${String(domainName)}`, 32)}.acm-validations.aws.`,
    })),
  }),
  // A domain in a VPC answers on its VPC endpoint only.
  "aws:opensearch/domain:Domain": (id, state, region) => ({ endpoint: `vpc-${String(state.domainName)}-${deterministicHex(`endpoint::${id}`, 26)}.${region}.es.amazonaws.com` }),
  "aws:cloudfront/distribution:Distribution": (id) => ({ domainName: `d${deterministicHex(id, 13)}.cloudfront.net` }),
  // A bucket's id is its name.
  "aws:s3/bucket:Bucket": (id) => ({ bucket: id, bucketDomainName: `${id}.s3.amazonaws.com` }),
  // Route 53 hands each new zone four name servers, one per top-level domain; delegating the zone means publishing them.
  "aws:route53/zone:Zone": (id) => {
    const hex = deterministicHex(id, 8);
    return {
      zoneId: id,
      nameServers: ["com", "net", "org", "co.uk"].map((tld, i) => `ns-${parseInt(hex.slice(i * 2, i * 2 + 2), 16) * 8 + i}.awsdns-${10 + i}.${tld}`),
    };
  },
};

/**
 * What a cloud computes for the Kubernetes clusters and their objects: the endpoints and certificate authorities
 * kubeconfigs are built from, a cluster's own security group, ACM's validation record, and the load balancer a
 * Service of type LoadBalancer gets (an NLB's DNS name, as EKS reports it).
 */
function kubernetesPlatformAttributes(type: string, id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const offlineCertificate = (seed: string) => Buffer.from(`offline certificate authority ${seed}`).toString("base64");
  switch (type) {
    case "aws:eks/cluster:Cluster":
      return {
        endpoint: `https://${deterministicHex(`endpoint::${id}`, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: offlineCertificate(id) },
        vpcConfig: { ...(inputs.vpcConfig as Record<string, unknown>), clusterSecurityGroupId: mockPhysicalId("aws:ec2/securityGroup:SecurityGroup", `eks-cluster-sg-${id}`) },
      };
    case "gcp:container/cluster:Cluster":
      return { endpoint: `172.16.0.${2 + (parseInt(deterministicHex(id, 2), 16) % 12)}`, masterAuth: { clusterCaCertificate: offlineCertificate(id) } };
    case "gcp:serviceaccount/account:Account":
      return { email: `${String(inputs.accountId)}@${String(inputs.project)}.iam.gserviceaccount.com` };
    case "kubernetes:core/v1:Service": {
      if ((inputs.spec as { type?: string } | undefined)?.type !== "LoadBalancer") return {};
      return { status: { loadBalancer: { ingress: [{ hostname: `a${deterministicHex(`lb::${id}`, 32)}-${deterministicHex(`lb-suffix::${id}`, 16)}.elb.amazonaws.com` }] } } };
    }
    default:
      return {};
  }
}

/** "aws:ec2/vpc:Vpc" → ["ec2", "vpc"] */
function awsServiceAndResource(type: string): [service: string, resource: string] {
  const [, module = "", resource = ""] = type.split(":");
  return [module.split("/")[0] ?? module, resource.toLowerCase()];
}

/**
 * Attributes the cloud computes for some types beyond an id and an ARN, which other blocks read: database
 * endpoints, ports and the managed master secret.
 */
function computedAttributes(type: string, id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const arnPrefix = `arn:aws:rds:${region}:${OFFLINE_ACCOUNT_ID}`;
  const hostSuffix = `${deterministicHex(id, 12)}.${region}.rds.amazonaws.com`;
  const managedSecret = () =>
    inputs.manageMasterUserPassword === true
      ? { masterUserSecrets: [{ secretArn: `arn:aws:secretsmanager:${region}:${OFFLINE_ACCOUNT_ID}:secret:rds!${id}-${deterministicHex(id, 6)}`, kmsKeyId: inputs.masterUserSecretKmsKeyId, secretStatus: "active" }] }
      : {};
  switch (type) {
    case "aws:rds/instance:Instance": {
      const identifier = String(inputs.identifier ?? id);
      const port = (inputs.port as number | undefined) ?? 5432;
      return { arn: `${arnPrefix}:db:${identifier}`, address: `${identifier}.${hostSuffix}`, endpoint: `${identifier}.${hostSuffix}:${port}`, port, ...managedSecret() };
    }
    case "aws:rds/cluster:Cluster": {
      const identifier = String(inputs.clusterIdentifier ?? id);
      return {
        arn: `${arnPrefix}:cluster:${identifier}`,
        endpoint: `${identifier}.cluster-${hostSuffix}`,
        readerEndpoint: `${identifier}.cluster-ro-${hostSuffix}`,
        port: (inputs.port as number | undefined) ?? 5432,
        ...managedSecret(),
      };
    }
    case "aws:rds/clusterInstance:ClusterInstance":
      return { arn: `${arnPrefix}:db:${String(inputs.identifier ?? id)}` };
    case "aws:rds/globalCluster:GlobalCluster": {
      const identifier = String(inputs.globalClusterIdentifier ?? id);
      return { arn: `arn:aws:rds::${OFFLINE_ACCOUNT_ID}:global-cluster:${identifier}`, endpoint: `${identifier}.global-${deterministicHex(id, 12)}.global.rds.amazonaws.com` };
    }
    default:
      return {};
  }
}

/**
 * A stand-in for random.RandomPassword's `result`, which the provider would draw: it says it is fake and whose
 * it is, then fills the requested length with hex digits (letters, digits and "-" pass every password rule here).
 */
export function fakePassword(name: string, length: number): string {
  const marker = `offline-fake-password-${name}-`;
  let text = marker;
  for (let block = 0; text.length < length; block += 1) text += deterministicHex(`${name}#${block}`, 64);
  return text.slice(0, Math.max(length, marker.length));
}

/** Pulumi names these from the logical name plus a random suffix; dependants read the name, not the id. */
const AUTONAMED_BY_NAME = new Set(["aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup"]);

/** ElastiCache prefixes a global datastore's suffix with five letters of the region it was created in. */
function globalDatastorePrefix(region: string): string {
  return deterministicHex(`global-datastore::${region}`, 5).replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)] as string);
}

/**
 * ElastiCache's endpoint names: a configuration endpoint in cluster mode (what a secondary of a global
 * datastore inherits is told by its replicasPerNodeGroup), primary and reader endpoints otherwise.
 */
function replicationGroupEndpoints(id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const host = `${id}.${deterministicHex(`endpoint::${id}`, 6)}.${region}.cache.amazonaws.com`;
  const clusterMode = inputs.clusterMode === "enabled" || inputs.numNodeGroups !== undefined || inputs.replicasPerNodeGroup !== undefined;
  return clusterMode
    ? { configurationEndpointAddress: `clustercfg.${host}`, clusterEnabled: true }
    : { primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}`, clusterEnabled: false };
}

/** Datadog numbers monitors; a synthetic test has a public id (xxx-xxx-xxx) and a monitor of its own. */
const datadogNumber = (seed: string) => parseInt(deterministicHex(seed, 8), 16) % 900_000_000 + 100_000_000;

/**
 * Ids and computed outputs of the Sentry and Datadog resources: a client key's DSN (key, organization's ingest host,
 * project number), Datadog's numeric monitor ids, an SLO's 32 hex digits, a synthetic test's public id and monitor.
 */
function observabilityState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } | undefined {
  switch (type) {
    case "sentry:index/sentryKey:SentryKey": {
      const id = deterministicHex(`sentry-key::${name}`, 32);
      const projectId = parseInt(deterministicHex(`sentry-project::${String(inputs.project)}`, 6), 16);
      const organizationId = parseInt(deterministicHex(`sentry-organization::${String(inputs.organization)}`, 6), 16);
      const ingest = `o${organizationId}.ingest.sentry.io/${projectId}`;
      return { id, state: { ...inputs, public: id, projectId, dsnPublic: `https://${id}@${ingest}` } };
    }
    case "datadog:index/monitor:Monitor":
      return { id: String(datadogNumber(`monitor::${name}`)), state: { ...inputs } };
    case "datadog:index/serviceLevelObjective:ServiceLevelObjective":
      return { id: deterministicHex(`slo::${name}`, 32), state: { ...inputs } };
    case "datadog:index/syntheticsTest:SyntheticsTest": {
      const hex = deterministicHex(`synthetics::${name}`, 9).replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)] as string);
      return { id: `${hex.slice(0, 3)}-${hex.slice(3, 6)}-${hex.slice(6, 9)}`, state: { ...inputs, monitorId: datadogNumber(`synthetics-monitor::${name}`) } };
    }
    default:
      return undefined;
  }
}

/**
 * What the cloud would have computed for a new resource: its id, ARN and the like, so
 * that inputs depending on other resources are concrete in the preview.
 */
export function mockResourceState(type: string, name: string, inputs: Record<string, unknown>, region: string | undefined): { id: string; state: Record<string, unknown> } {
  const observability = observabilityState(type, name, inputs);
  if (observability) return observability;
  let id = mockPhysicalId(type, name);
  const state: Record<string, unknown> = { ...inputs };
  const awsRegion = region ?? "us-east-1";
  if (AUTONAMED_BY_NAME.has(type) && inputs.name === undefined) state.name = id;
  if (type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup") {
    id = `${globalDatastorePrefix(awsRegion)}-${String(inputs.globalReplicationGroupIdSuffix)}`;
    state.globalReplicationGroupId = id;
  }
  if (type === "aws:elasticache/replicationGroup:ReplicationGroup") {
    Object.assign(state, replicationGroupEndpoints(id, inputs, awsRegion), { port: inputs.port ?? 6379, replicationGroupId: id });
  }
  if (type === "random:index/randomPassword:RandomPassword") state.result = fakePassword(name, Number(inputs.length));
  // The Kubernetes provider's autonaming: an object without metadata.name gets the resource's name and a suffix.
  if (type.startsWith("kubernetes:")) {
    const metadata = (inputs.metadata ?? {}) as Record<string, unknown>;
    state.metadata = { ...metadata, name: metadata.name ?? `${name}-${deterministicHex(`name::${type}::${name}`, 8)}` };
  }
  if (type.startsWith("aws:")) {
    const [module, resource] = awsServiceAndResource(type);
    const service = ARN_SERVICES[type] ?? ARN_SERVICES[module] ?? module;
    const global = GLOBAL_ARN_SERVICES[service];
    const arnRegion = global ? "" : (region ?? "us-east-1");
    const arnAccount = global && !global.account ? "" : OFFLINE_ACCOUNT_ID;
    const resourcePart = ARN_RESOURCE_PARTS[type]?.(id, inputs) ?? `${resource}/${id}`;
    state.arn = `arn:aws:${service}:${arnRegion}:${arnAccount}:${resourcePart}`;
    state.ownerId = OFFLINE_ACCOUNT_ID;
    // The provider's autonaming: the resource's name and a random suffix, where the program gives no name.
    state.name ??= `${name}-${deterministicHex(`name::${type}::${name}`, 7)}`;
    Object.assign(state, COMPUTED_OUTPUTS[type]?.(id, state, awsRegion));
  }
  Object.assign(state, computedAttributes(type, id, inputs, region ?? "us-east-1"), kubernetesPlatformAttributes(type, id, inputs, region ?? "us-east-1"));
  return { id, state };
}

/**
 * Answers of the data sources the program reads. A secret's value stands in for what Secrets Manager holds: the
 * RDS shape, `{"username", "password"}`, with a password that says it is fake.
 */
export function mockInvoke(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (token === "aws:secretsmanager/getSecretVersion:getSecretVersion") {
    const secretId = String(inputs.secretId);
    return { arn: secretId, id: secretId, secretId, versionId: deterministicHex(`version::${secretId}`, 32), secretString: JSON.stringify({ username: "offline-user", password: fakePassword(secretId.split(":").at(-1) ?? secretId, 40) }) };
  }
  throw new Error(`The offline engine has no answer for the function ${token}: add one in tools/offline/mock-state.ts (mockInvoke), or avoid the call`);
}
