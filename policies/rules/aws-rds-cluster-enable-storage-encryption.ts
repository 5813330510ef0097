import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const awsRdsClusterEnableStorageEncryption: ResourceValidationPolicy = {
  name: "aws-rds-cluster-enable-storage-encryption",
  description: "Aurora clusters encrypt their storage with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Cluster, (cluster, _args, reportViolation) => {
    if (cluster.storageEncrypted !== true) reportViolation("Aurora cluster storage is not encrypted: set storageEncrypted to true.");
    else if (cluster.kmsKeyId === undefined || cluster.kmsKeyId === "") reportViolation("Aurora cluster storage is encrypted with the AWS-managed key: set kmsKeyId to the data tier's KMS key.");
  }),
};
