import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const awsRdsInstanceEnableStorageEncryption: ResourceValidationPolicy = {
  name: "aws-rds-instance-enable-storage-encryption",
  description: "RDS instances encrypt their storage with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    if (instance.storageEncrypted !== true) reportViolation("RDS instance storage is not encrypted: set storageEncrypted to true.");
    else if (instance.kmsKeyId === undefined || instance.kmsKeyId === "") reportViolation("RDS instance storage is encrypted with the AWS-managed key: set kmsKeyId to the data tier's KMS key.");
  }),
};
