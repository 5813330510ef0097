import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { rdsCluster } from "../testing/security-fixtures.js";
import { awsRdsClusterEnableStorageEncryption as rule } from "./aws-rds-cluster-enable-storage-encryption.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a cluster encrypted with a KMS key, fails an unencrypted one", async () => {
    expect(await messages(rule, rdsCluster())).toEqual([]);
    expect(await messages(rule, rdsCluster({ storageEncrypted: undefined }))).toEqual(["Aurora cluster storage is not encrypted: set storageEncrypted to true."]);
    expect(await messages(rule, rdsCluster({ kmsKeyId: "" }))).toEqual(["Aurora cluster storage is encrypted with the AWS-managed key: set kmsKeyId to the data tier's KMS key."]);
  });
});
