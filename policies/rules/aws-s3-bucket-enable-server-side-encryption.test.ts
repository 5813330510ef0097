import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { bucket, bucketEncryption, bucketPublicAccessBlock } from "../testing/storage-fixtures.js";
import { awsS3BucketEnableServerSideEncryption as rule } from "./aws-s3-bucket-enable-server-side-encryption.js";

const ID = "backend-us-east-1-access-logs-3f2a9c1";
const reported = async (...resources: Parameters<typeof runStackPolicy>[1]) => (await runStackPolicy(rule, resources)).map(({ message, urn }) => [message, urn?.split("::").at(-1)]);

describe(rule.name, () => {
  it("passes an auto-named bucket and a named one, each with encryption and all four public access blocks", async () => {
    expect(await reported(bucket(), bucketEncryption(ID), bucketPublicAccessBlock(ID), bucket("named", { bucket: "francaisfluide-named" }), bucketEncryption("francaisfluide-named"), bucketPublicAccessBlock("francaisfluide-named"))).toEqual([]);
  });

  it("fails a bucket without encryption or block, one whose configurations name another bucket, and a block left partly off", async () => {
    expect(await reported(bucket())).toEqual([
      ["S3 bucket backend-us-east-1-access-logs has no server-side encryption configuration: add a BucketServerSideEncryptionConfiguration.", "backend-us-east-1-access-logs"],
      ["S3 bucket backend-us-east-1-access-logs has no public access block: add a BucketPublicAccessBlock.", "backend-us-east-1-access-logs"],
    ]);
    expect(await reported(bucket(), bucketEncryption("other-bucket-3f2a9c1"), bucketPublicAccessBlock(ID, { blockPublicPolicy: false, restrictPublicBuckets: undefined }))).toEqual([
      ["S3 bucket backend-us-east-1-access-logs has no server-side encryption configuration: add a BucketServerSideEncryptionConfiguration.", "backend-us-east-1-access-logs"],
      ["S3 bucket backend-us-east-1-access-logs's public access block leaves blockPublicPolicy, restrictPublicBuckets off: set all four to true.", `${ID}-pab`],
    ]);
    expect(await reported(bucket(), bucketEncryption(ID, { rules: [] }), bucketPublicAccessBlock(ID))).toEqual([
      ["S3 bucket backend-us-east-1-access-logs has a server-side encryption configuration without rules: set applyServerSideEncryptionByDefault.", `${ID}-sse`],
    ]);
  });
});
