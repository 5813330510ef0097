import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KEY_ACCOUNT_ACTIONS } from "../backend/iam.js";
import { resourceTags, type StackTags } from "../tags.js";

/**
 * Fastify logs two pino JSON lines per request ("incoming request" with method, URL and client, "request completed"
 * with status and duration), about 250 bytes each: the log volume follows the request rate.
 */
export const LOG_BYTES_PER_REQUEST = 500;

/** What never varies by phase; a caller may pass its own. */
export const LOG_SEARCH_DEFAULTS = {
  /** Days of logs searchable in OpenSearch; CloudWatch keeps the backend's logs for its own, longer retention. */
  searchRetentionDays: 7,
  /** One replica per shard: a node or a zone lost loses no log. */
  replicas: 1,
  /** Memory-optimized Graviton nodes, AWS's recommendation for log analytics; gp3 volumes up to 1024 GiB each. */
  dataInstanceType: "r6g.large.search",
  maxVolumeGb: 1024,
  dedicatedMasterType: "m6g.large.search",
  /**
   * Below this many data nodes the cluster's state is small and its master duties fit on the data nodes; the log
   * domain is not on the serving path, so three more nodes (two thirds of a two-node domain's cost) buy nothing
   * the phase needs. AWS recommends dedicated masters as a domain grows; from here on, indexing load and cluster
   * management would compete.
   */
  dedicatedMastersFromDataNodes: 6,
  /** Days CloudWatch keeps the domain's own logs (slow queries, errors, audit). */
  domainLogRetentionDays: 30,
  engineVersion: "OpenSearch_2.19",
  /** TLS 1.2 or later with perfect forward secrecy only. */
  tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
};

export type LogSearchSettings = typeof LOG_SEARCH_DEFAULTS;

export interface LogSearchSize {
  dailyLogGb: number;
  /** AWS's sizing rule: source data × (1 + replicas) × 1.45 (indexing overhead, OS reserve, service overhead). */
  storageGb: number;
  dataNodes: number;
  volumeGb: number;
  dedicatedMasters: number;
}

/**
 * The domain's size from the phase's peak request rate: a day of logs at that rate, kept for the search retention,
 * spread over data nodes in whole rounds of zones (zone awareness puts the same number in each), each volume
 * within the instance type's limit and rounded up to 10 GB.
 */
export function planLogSearchSize(requestsPerMinute: number, zoneCount: number, settings: LogSearchSettings = LOG_SEARCH_DEFAULTS): LogSearchSize {
  const dailyLogGb = (requestsPerMinute * 24 * 60 * LOG_BYTES_PER_REQUEST) / 1e9;
  const storageGb = Math.ceil(dailyLogGb * settings.searchRetentionDays * (1 + settings.replicas) * 1.45);
  const nodesForStorage = Math.ceil(storageGb / settings.maxVolumeGb);
  const dataNodes = Math.max(1, Math.ceil(nodesForStorage / zoneCount)) * zoneCount;
  const volumeGb = Math.max(10, Math.ceil(storageGb / dataNodes / 10) * 10);
  return { dailyLogGb, storageGb, dataNodes, volumeGb, dedicatedMasters: dataNodes >= settings.dedicatedMastersFromDataNodes ? 3 : 0 };
}

/** OpenSearch names a domain in 3-28 lower-case letters, digits and hyphens, starting with a letter. */
export function logDomainName(tags: StackTags): string {
  const domainName = `${tags.project}-${tags.phase}-logs`;
  if (!/^[a-z][a-z0-9-]{2,27}$/.test(domainName)) throw new Error(`OpenSearch domain name ${domainName} is not 3-28 lower-case letters, digits and hyphens: shorten the project or stack name`);
  return domainName;
}

export interface LogSearchArgs {
  region: string;
  provider: aws.Provider;
  vpcId: pulumi.Input<string>;
  /** One private subnet per zone: the domain spreads its nodes over all of them. */
  privateSubnetIds: pulumi.Input<string>[];
  /** The app tier: the only one that reaches the domain, on 443. */
  backendSecurityGroupId: pulumi.Input<string>;
  /** The phase's peak request rate, which the log volume follows. */
  requestsPerMinute: number;
  settings?: Partial<LogSearchSettings>;
}

export interface LogSearch {
  endpoint: pulumi.Output<string>;
  domainArn: pulumi.Output<string>;
  /** The IAM role mapped to OpenSearch's all_access: assume it to administer the domain and its dashboards. */
  adminRoleArn: pulumi.Output<string>;
  size: LogSearchSize;
}

const DOMAIN_LOG_TYPES = ["INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS"] as const;

/**
 * Phase 3's ELK: an OpenSearch domain for the app's logs, private to the VPC and reachable from the app tier only,
 * encrypted at rest with its own key and between nodes, HTTPS with TLS 1.2+ only, spread over the region's zones,
 * with fine-grained access control whose master user is an IAM role (no password exists to leak).
 */
export function buildLogSearch(name: string, args: LogSearchArgs, tags: StackTags, parent: pulumi.Resource): LogSearch {
  const settings: LogSearchSettings = { ...LOG_SEARCH_DEFAULTS, ...args.settings };
  const zoneCount = args.privateSubnetIds.length;
  if (zoneCount < 2 || zoneCount > 3) throw new Error(`Log search: privateSubnetIds gives ${zoneCount} zones; OpenSearch zone awareness spans 2 or 3`);
  const opts = { parent, provider: args.provider };
  const domainName = logDomainName(tags);
  const tagsFor = (resourceName: string) => resourceTags(tags, "monitoring", `${domainName}-${resourceName}`);
  const size = planLogSearchSize(args.requestsPerMinute, zoneCount, settings);
  const logGroupPrefix = `/aws/opensearch/${domainName}`;

  const securityGroup = new aws.ec2.SecurityGroup(`${name}-log-search-sg`, {
    vpcId: args.vpcId,
    description: "Log search: HTTPS from the app containers only",
    tags: tagsFor("sg"),
  }, opts);
  new aws.vpc.SecurityGroupIngressRule(`${name}-log-search-from-backend`, {
    securityGroupId: securityGroup.id,
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    referencedSecurityGroupId: args.backendSecurityGroupId,
    description: "HTTPS from the app containers",
    tags: tagsFor("from-backend"),
  }, opts);
  // The account id from the group's ARN: no data-source call, which offline has no answer for.
  const accountId = securityGroup.arn.apply((arn) => arn.split(":")[4] as string);
  const domainArn = pulumi.interpolate`arn:aws:es:${args.region}:${accountId}:domain/${domainName}`;

  const key = new aws.kms.Key(`${name}-log-search-key`, {
    description: `${domainName}: the domain's data at rest and its CloudWatch log groups`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: accountId.apply((id) => JSON.stringify(logSearchKeyPolicy({ accountId: id, region: args.region, logGroupPrefix }))),
    tags: tagsFor("key"),
  }, opts);

  const adminRole = new aws.iam.Role(`${name}-log-search-admin`, {
    description: `Master user of the ${domainName} OpenSearch domain; operators assume it`,
    // The account's own IAM policies decide which of its principals may assume the role; no other account can.
    assumeRolePolicy: accountId.apply((id) =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: "sts:AssumeRole" }] }),
    ),
    maxSessionDuration: 3600,
    tags: tagsFor("admin"),
  }, opts);

  const logGroups = DOMAIN_LOG_TYPES.map(
    (logType) =>
      [
        logType,
        new aws.cloudwatch.LogGroup(`${name}-log-search-${logType.toLowerCase().replace(/_/g, "-")}`, {
          name: `${logGroupPrefix}/${logType.toLowerCase().replace(/_/g, "-")}`,
          retentionInDays: settings.domainLogRetentionDays,
          kmsKeyId: key.arn,
          tags: tagsFor(logType.toLowerCase().replace(/_/g, "-")),
        }, opts),
      ] as const,
  );
  // OpenSearch writes into the groups as its service principal, for this domain only.
  const logPolicy = new aws.cloudwatch.LogResourcePolicy(`${name}-log-search-logs`, {
    policyName: `${domainName}-log-publishing`,
    policyDocument: pulumi.all([accountId, ...logGroups.map(([, group]) => group.arn)]).apply(([id, ...groupArns]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "es.amazonaws.com" },
            Action: ["logs:PutLogEvents", "logs:CreateLogStream"],
            Resource: groupArns.map((arn) => `${arn}:*`),
            Condition: { StringEquals: { "aws:SourceAccount": id }, ArnLike: { "aws:SourceArn": `arn:aws:es:${args.region}:${id}:domain/${domainName}` } },
          },
        ],
      }),
    ),
  }, opts);

  const domain = new aws.opensearch.Domain(`${name}-log-search`, {
    domainName,
    engineVersion: settings.engineVersion,
    clusterConfig: {
      instanceType: settings.dataInstanceType,
      instanceCount: size.dataNodes,
      zoneAwarenessEnabled: true,
      zoneAwarenessConfig: { availabilityZoneCount: zoneCount },
      dedicatedMasterEnabled: size.dedicatedMasters > 0,
      ...(size.dedicatedMasters > 0 ? { dedicatedMasterCount: size.dedicatedMasters, dedicatedMasterType: settings.dedicatedMasterType } : {}),
    },
    ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: size.volumeGb },
    encryptAtRest: { enabled: true, kmsKeyId: key.arn },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: settings.tlsSecurityPolicy },
    vpcOptions: { subnetIds: args.privateSubnetIds, securityGroupIds: [securityGroup.id] },
    advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: false, internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: adminRole.arn } },
    logPublishingOptions: logGroups.map(([logType, group]) => ({ logType, cloudwatchLogGroupArn: group.arn, enabled: true })),
    accessPolicies: pulumi.all([adminRole.arn, domainArn]).apply(([roleArn, arn]) => JSON.stringify(logSearchAccessPolicy(roleArn, arn))),
    tags: tagsFor("domain"),
  }, { ...opts, dependsOn: [logPolicy] });

  return { endpoint: domain.endpoint, domainArn: domain.arn, adminRoleArn: adminRole.arn, size };
}

/** Only the master role reaches the domain's HTTP API; fine-grained access control maps it to all_access. */
export function logSearchAccessPolicy(roleArn: string, domainArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "es:ESHttpPatch"], Resource: `${domainArn}/*` }],
  };
}

/**
 * The account administers the key through IAM; CloudWatch Logs may use it for the domain's log groups only (its
 * encryption context names the group). OpenSearch uses it through grants the account's principals create. In a key
 * policy "*" is the key itself.
 */
export function logSearchKeyPolicy({ accountId, region, logGroupPrefix }: { accountId: string; region: string; logGroupPrefix: string }) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: KEY_ACCOUNT_ACTIONS, Resource: "*" },
      {
        Sid: "LogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:${logGroupPrefix}/*` } },
      },
    ],
  };
}
