import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { backupVault } from "../testing/data-fixtures.js";
import { awsBackupVaultConfigureKmsKey as rule } from "./aws-backup-vault-configure-kms-key.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a vault with a customer-managed key, fails one without", async () => {
    expect(await messages(rule, backupVault())).toEqual([]);
    expect(await messages(rule, backupVault({ kmsKeyArn: undefined }))).toEqual(["The backup vault uses the AWS-managed key: set kmsKeyArn to a customer-managed key."]);
  });
});
