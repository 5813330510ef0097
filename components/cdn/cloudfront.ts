import { type CacheLayerName, SEED_CACHE_LAYERS } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import * as cloudflare from "../lib/cloudflare.js";
import * as pulumi from "@pulumi/pulumi";
import { privateLogBucket } from "../lib/log-bucket.js";
import { regionalApiHostname } from "../lib/origin.js";
import type { ResourceTags } from "../tags.js";
import { NEVER_CACHED_PATH_PREFIXES } from "./plan.js";

/** AWS managed policies, whose ids are the same in every account (CloudFront Developer Guide, managed policies). */
export const MANAGED_CACHE_POLICY_CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
export const MANAGED_ORIGIN_REQUEST_POLICY_ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** The regional load balancers' answers that send a GET to the secondary region; connection failures and timeouts always do. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

const ORIGIN_GROUP_ID = "api-regions";
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/** One cache behavior before it gets its cache policy's id: which paths, sent where, kept how long (absent: never). */
export interface CloudFrontBehavior {
  pathPattern: string;
  targetOriginId: string;
  allowedMethods: string[];
  /** The app's cache layer whose TTL the behavior keeps answers for; absent for what must never be cached. */
  cacheLayer?: CacheLayerName;
}

/**
 * The same split as the Cloudflare cache rules. Reads that may be cached go to the origin group, so they fail over;
 * CloudFront refuses POST on a behavior with an origin group (it fails over GET, HEAD and OPTIONS only), so
 * corrections, which are POSTs, go to the primary region's origin.
 */
export function cloudFrontBehaviors(primaryOriginId: string): CloudFrontBehavior[] {
  return [
    { pathPattern: "/api/v1/exercises*", targetOriginId: ORIGIN_GROUP_ID, allowedMethods: READ_METHODS, cacheLayer: "exercises" },
    { pathPattern: "/api/v1/explanations*", targetOriginId: ORIGIN_GROUP_ID, allowedMethods: READ_METHODS, cacheLayer: "explanations" },
    ...NEVER_CACHED_PATH_PREFIXES.map((prefix) => ({ pathPattern: `${prefix}*`, targetOriginId: primaryOriginId, allowedMethods: ALL_METHODS })),
  ];
}

/** What CloudFront would refuse, each naming the behavior. */
export function cloudFrontBehaviorProblems(behaviors: CloudFrontBehavior[]): string[] {
  return behaviors
    .filter((behavior) => behavior.targetOriginId === ORIGIN_GROUP_ID && behavior.allowedMethods.some((method) => !READ_METHODS.includes(method)))
    .map((behavior) => `${behavior.pathPattern}: a behavior sent to an origin group may allow only ${READ_METHODS.join(", ")}, found ${behavior.allowedMethods.join(", ")}`);
}

export interface CloudFrontSpec {
  name: string;
  parent: pulumi.Resource;
  /** us-east-1: CloudFront takes its viewer certificates from ACM there only. */
  awsProvider: aws.Provider;
  cloudflareProvider: cloudflare.Provider;
  zoneId: pulumi.Input<string>;
  domainName: string;
  hostname: string;
  /** Serving regions, primary first; the first two form the origin group. */
  regions: string[];
  logRetentionDays: number;
  tagsFor: (resourceName: string) => ResourceTags;
}

export interface CloudFrontApi {
  distributionId: pulumi.Output<string>;
  distributionDomainName: pulumi.Output<string>;
  hostname: string;
}

/**
 * CloudFront in front of the API beside Cloudflare, not behind it: its own name (`api-cf.<domain>`), DNS-only in
 * Cloudflare's zone, so it shares no proxy, WAF or cache with Cloudflare. When Cloudflare's edge fails, clients are
 * switched to this name (the front end's fallback API URL) and still reach a cached, failing-over API; when the
 * primary region fails, its origin group sends reads to the second region without waiting for any DNS change.
 */
export function buildCloudFront(spec: CloudFrontSpec): CloudFrontApi {
  const [primaryRegion, secondaryRegion] = spec.regions;
  if (primaryRegion === undefined || secondaryRegion === undefined) {
    throw new Error(`CloudFront's origin failover needs two serving regions, found ${spec.regions.join(", ") || "none"}`);
  }
  const behaviors = cloudFrontBehaviors(primaryRegion);
  const problems = cloudFrontBehaviorProblems(behaviors);
  if (problems.length > 0) throw new Error(`CloudFront behaviors CloudFront would refuse:\n${problems.join("\n")}`);

  const awsOpts = { parent: spec.parent, provider: spec.awsProvider };
  const cloudflareOpts = { parent: spec.parent, provider: spec.cloudflareProvider };

  const certificate = new aws.acm.Certificate(`${spec.name}-cloudfront-certificate`, {
    domainName: spec.hostname,
    validationMethod: "DNS",
    keyAlgorithm: "EC_prime256v1",
    tags: spec.tagsFor("cloudfront-certificate"),
  }, awsOpts);
  // One name, so one validation option; its record goes in Cloudflare's zone, which serves the public domain.
  const validationOption = certificate.domainValidationOptions.apply((options) => {
    const option = options.find((candidate) => candidate.domainName === spec.hostname);
    if (!option) throw new Error(`ACM gave no DNS validation option for ${spec.hostname}`);
    return { name: option.resourceRecordName.replace(/\.$/, ""), type: option.resourceRecordType, content: option.resourceRecordValue.replace(/\.$/, "") };
  });
  const validationRecord = new cloudflare.DnsRecord(`${spec.name}-cloudfront-certificate-validation`, {
    zoneId: spec.zoneId,
    name: validationOption.name,
    type: validationOption.type,
    content: validationOption.content,
    ttl: 60,
    proxied: false,
    comment: `ACM validation of ${spec.hostname}`,
  }, cloudflareOpts);
  const validation = new aws.acm.CertificateValidation(`${spec.name}-cloudfront-certificate-validation`, {
    certificateArn: certificate.arn,
    validationRecordFqdns: [validationRecord.name],
  }, awsOpts);

  const cachePolicyIds = Object.fromEntries(
    behaviors.flatMap(({ cacheLayer }) => (cacheLayer ? [cacheLayer] : [])).map((layer) => {
      const ttlSeconds = SEED_CACHE_LAYERS[layer].ttlMs / 1000;
      // min = default = max: the app's TTL whatever the origin says, as Cloudflare's override_origin edge TTL.
      const policy = new aws.cloudfront.CachePolicy(`${spec.name}-${layer}-cache-policy`, {
        comment: `API ${layer}: kept ${ttlSeconds} s, as the app's ${layer} cache`,
        minTtl: ttlSeconds,
        defaultTtl: ttlSeconds,
        maxTtl: ttlSeconds,
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig: { headerBehavior: "none" },
          queryStringsConfig: { queryStringBehavior: "all" },
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        },
      }, awsOpts);
      return [layer, policy.id] as const;
    }),
  );
  const behaviorPolicies = (behavior: CloudFrontBehavior) =>
    behavior.cacheLayer
      ? { cachePolicyId: cachePolicyIds[behavior.cacheLayer] as pulumi.Output<string> }
      // Host stays the origin's own name, which its certificate carries: CloudFront checks it, as Cloudflare does.
      : { cachePolicyId: MANAGED_CACHE_POLICY_CACHING_DISABLED, originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY_ALL_VIEWER_EXCEPT_HOST };

  const logBucket = buildLogBucket(spec, awsOpts);

  const distribution = new aws.cloudfront.Distribution(`${spec.name}-cloudfront`, {
    enabled: true,
    comment: `${spec.hostname}: the API beside Cloudflare, failing over from ${primaryRegion} to ${secondaryRegion}`,
    aliases: [spec.hostname],
    httpVersion: "http2and3",
    isIpv6Enabled: true,
    priceClass: "PriceClass_All",
    origins: [primaryRegion, secondaryRegion].map((region) => ({
      originId: region,
      domainName: regionalApiHostname(spec.domainName, region),
      // Two quick attempts: a dead region costs a GET at most ten seconds before the secondary answers.
      connectionAttempts: 2,
      connectionTimeout: 5,
      customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
    })),
    originGroups: [{
      originId: ORIGIN_GROUP_ID,
      failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES },
      members: [{ originId: primaryRegion }, { originId: secondaryRegion }],
    }],
    defaultCacheBehavior: {
      targetOriginId: primaryRegion,
      allowedMethods: ALL_METHODS,
      cachedMethods: ["GET", "HEAD"],
      viewerProtocolPolicy: "https-only",
      compress: true,
      ...behaviorPolicies({ pathPattern: "*", targetOriginId: primaryRegion, allowedMethods: ALL_METHODS }),
    },
    orderedCacheBehaviors: behaviors.map((behavior) => ({
      pathPattern: behavior.pathPattern,
      targetOriginId: behavior.targetOriginId,
      allowedMethods: behavior.allowedMethods,
      cachedMethods: ["GET", "HEAD"],
      viewerProtocolPolicy: "https-only",
      compress: true,
      ...behaviorPolicies(behavior),
    })),
    viewerCertificate: { acmCertificateArn: validation.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    restrictions: { geoRestriction: { restrictionType: "none", locations: [] } },
    loggingConfig: { bucket: logBucket.bucketDomainName, prefix: "api/", includeCookies: false },
    tags: spec.tagsFor("cloudfront"),
  }, { ...awsOpts, dependsOn: logBucket.ready });

  new cloudflare.DnsRecord(`${spec.name}-cloudfront-record`, {
    zoneId: spec.zoneId,
    name: spec.hostname,
    type: "CNAME",
    content: distribution.domainName,
    ttl: 300,
    // DNS only: proxied, every request would cross Cloudflare first and CloudFront would fail with it.
    proxied: false,
    comment: "The API through CloudFront, beside Cloudflare",
  }, cloudflareOpts);

  return { distributionId: distribution.id, distributionDomainName: distribution.domainName, hostname: spec.hostname };
}

/**
 * CloudFront's standard logs: encrypted at rest, never public, expired after the retention. CloudFront delivers
 * them by granting itself the bucket's ACL, so the bucket keeps ACLs (BucketOwnerPreferred) and owns what it gets.
 */
function buildLogBucket(spec: CloudFrontSpec, opts: pulumi.CustomResourceOptions) {
  const { bucket, encryption, publicAccess, ownership, lifecycle } = privateLogBucket(
    { name: `${spec.name}-cloudfront-logs`, tags: spec.tagsFor("cloudfront-logs"), retentionDays: spec.logRetentionDays, objectOwnership: "BucketOwnerPreferred", bucketKeyEnabled: true },
    opts,
  );
  return { bucketDomainName: bucket.bucketDomainName, ready: [encryption, publicAccess, ownership, lifecycle] };
}
