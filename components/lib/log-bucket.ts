import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface LogBucketArgs {
  /** The logical name every part of the bucket shares. */
  name: string;
  tags: Record<string, string>;
  /** Days before a log object expires. */
  retentionDays: number;
  /**
   * Who owns delivered objects: BucketOwnerEnforced (no ACLs) where the delivering service writes with a bucket
   * policy (load balancers), BucketOwnerPreferred where it grants itself the bucket's ACL (CloudFront).
   */
  objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
  /** S3 Bucket Keys cut the requests to the encryption service; harmless for SSE-S3, kept where a caller set it. */
  bucketKeyEnabled?: boolean;
}

/**
 * A bucket for an AWS service's own logs: never public, expired after the retention, encrypted with S3-managed keys
 * (SSE-S3), since neither load balancer nor CloudFront log delivery can write with a customer-managed KMS key.
 */
export function privateLogBucket(args: LogBucketArgs, opts: pulumi.CustomResourceOptions) {
  const bucket = new aws.s3.Bucket(args.name, { forceDestroy: false, tags: args.tags }, opts);
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(args.name, {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, ...(args.bucketKeyEnabled ? { bucketKeyEnabled: true } : {}) }],
  }, opts);
  const publicAccess = new aws.s3.BucketPublicAccessBlock(args.name, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  }, opts);
  const ownership = new aws.s3.BucketOwnershipControls(args.name, { bucket: bucket.id, rule: { objectOwnership: args.objectOwnership } }, opts);
  const lifecycle = new aws.s3.BucketLifecycleConfiguration(args.name, {
    bucket: bucket.id,
    rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: args.retentionDays } }],
  }, opts);
  return { bucket, encryption, publicAccess, ownership, lifecycle };
}
