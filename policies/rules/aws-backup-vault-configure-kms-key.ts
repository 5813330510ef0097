import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const awsBackupVaultConfigureKmsKey: ResourceValidationPolicy = {
  name: "aws-backup-vault-configure-kms-key",
  description: "Backup vaults encrypt recovery points with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.backup.Vault, (vault, _args, reportViolation) => {
    if (vault.kmsKeyArn === undefined || vault.kmsKeyArn === "") reportViolation("The backup vault uses the AWS-managed key: set kmsKeyArn to a customer-managed key.");
  }),
};
