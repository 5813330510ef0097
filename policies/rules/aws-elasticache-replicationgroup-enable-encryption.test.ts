import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { replicationGroup } from "../testing/data-fixtures.js";
import { awsElasticacheReplicationgroupEnableEncryption as rule } from "./aws-elasticache-replicationgroup-enable-encryption.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a cache encrypted at rest with KMS and requiring TLS, fails the others", async () => {
    expect(await messages(rule, replicationGroup())).toEqual([]);
    expect(await messages(rule, replicationGroup({ atRestEncryptionEnabled: false, transitEncryptionEnabled: false }))).toEqual([
      "The cache is not encrypted at rest: set atRestEncryptionEnabled to true.",
      "The cache accepts plain-text connections: set transitEncryptionEnabled to true.",
    ]);
    expect(await messages(rule, replicationGroup({ kmsKeyId: undefined, transitEncryptionMode: "preferred" }))).toEqual([
      "The cache is encrypted at rest with the AWS-managed key: set kmsKeyId.",
      "The cache's transit encryption mode is preferred: set it to required.",
    ]);
  });

  it("lets a global datastore member inherit the primary's encryption, but not go without a regional key", async () => {
    const member = { atRestEncryptionEnabled: undefined, transitEncryptionEnabled: undefined, transitEncryptionMode: undefined, globalReplicationGroupId: "ldgnf-cache" };
    expect(await messages(rule, replicationGroup(member))).toEqual([]);
    expect(await messages(rule, replicationGroup({ ...member, kmsKeyId: undefined }))).toEqual(["The global datastore member has no regional KMS key: set kmsKeyId."]);
  });
});
