import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { rdsInstance } from "../testing/security-fixtures.js";
import { awsRdsInstanceEnableStorageEncryption as rule } from "./aws-rds-instance-enable-storage-encryption.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes an instance encrypted with a KMS key, fails an unencrypted one or one on the AWS-managed key", async () => {
    expect(await messages(rule, rdsInstance())).toEqual([]);
    expect(await messages(rule, rdsInstance({ storageEncrypted: false }))).toEqual(["RDS instance storage is not encrypted: set storageEncrypted to true."]);
    expect(await messages(rule, rdsInstance({ kmsKeyId: undefined }))).toEqual(["RDS instance storage is encrypted with the AWS-managed key: set kmsKeyId to the data tier's KMS key."]);
  });
});
