import { resource } from "./security-fixtures.js";

/** An auto-named bucket and its configurations, naming it by the id the preview shows for it. */
export const bucket = (name = "backend-us-east-1-access-logs", props: Record<string, unknown> = {}) => resource("aws:s3/bucket:Bucket", name, { forceDestroy: false, ...props });
export const bucketEncryption = (bucketId: string, props: Record<string, unknown> = {}) =>
  resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${bucketId}-sse`, { bucket: bucketId, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], ...props });
export const bucketPublicAccessBlock = (bucketId: string, props: Record<string, unknown> = {}) =>
  resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${bucketId}-pab`, { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...props });
