import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { refersTo } from "../lib/references.js";

const BUCKET = "aws:s3/bucket:Bucket";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * Every bucket has a server-side encryption configuration and a public access block with all four blocks on. The
 * configurations name their bucket by its id (`bucket` input), which the preview shows as the bucket's physical name
 * or, for an auto-named bucket, its logical name with Pulumi's random suffix.
 */
export const awsS3BucketEnableServerSideEncryption: StackValidationPolicy = {
  name: "aws-s3-bucket-enable-server-side-encryption",
  description: "Every S3 bucket has a server-side encryption configuration and a public access block that blocks public ACLs and policies.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const ofType = (type: string) => args.resources.filter((resource) => resource.type === type);
    const encryptions = ofType(ENCRYPTION);
    const blocks = ofType(PUBLIC_ACCESS_BLOCK);
    const belongsTo = (bucket: PolicyResource) => (configuration: PolicyResource) => refersTo(configuration.props.bucket, bucket, ["bucket"]);
    for (const bucket of ofType(BUCKET)) {
      const encryption = encryptions.filter(belongsTo(bucket));
      if (encryption.length === 0) reportViolation(`S3 bucket ${bucket.name} has no server-side encryption configuration: add a BucketServerSideEncryptionConfiguration.`, bucket.urn);
      else if (!encryption.some((configuration) => Array.isArray(configuration.props.rules) && configuration.props.rules.length > 0)) {
        reportViolation(`S3 bucket ${bucket.name} has a server-side encryption configuration without rules: set applyServerSideEncryptionByDefault.`, encryption[0]?.urn);
      }
      const own = blocks.filter(belongsTo(bucket));
      if (own.length === 0) reportViolation(`S3 bucket ${bucket.name} has no public access block: add a BucketPublicAccessBlock.`, bucket.urn);
      else if (!own.some((block) => BLOCKS.every((key) => block.props[key] === true))) {
        const off = BLOCKS.filter((key) => !own.some((block) => block.props[key] === true));
        reportViolation(`S3 bucket ${bucket.name}'s public access block leaves ${off.join(", ")} off: set all four to true.`, own[0]?.urn);
      }
    }
  },
};
