import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const awsElasticacheReplicationgroupEnableEncryption: ResourceValidationPolicy = {
  name: "aws-elasticache-replicationgroup-enable-encryption",
  description: "Caches encrypt at rest with a customer-managed KMS key and require TLS in transit.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, reportViolation) => {
    // A secondary member of a global datastore takes its encryption settings from the primary (AWS refuses them on
    // the member), so only its regional key is its own; the primary is checked as any group.
    if (group.globalReplicationGroupId !== undefined && group.globalReplicationGroupId !== "") {
      if (group.kmsKeyId === undefined || group.kmsKeyId === "") reportViolation("The global datastore member has no regional KMS key: set kmsKeyId.");
      return;
    }
    if (group.atRestEncryptionEnabled !== true) reportViolation("The cache is not encrypted at rest: set atRestEncryptionEnabled to true.");
    else if (group.kmsKeyId === undefined || group.kmsKeyId === "") reportViolation("The cache is encrypted at rest with the AWS-managed key: set kmsKeyId.");
    if (group.transitEncryptionEnabled !== true) reportViolation("The cache accepts plain-text connections: set transitEncryptionEnabled to true.");
    else if (group.transitEncryptionMode !== undefined && group.transitEncryptionMode !== "required") reportViolation(`The cache's transit encryption mode is ${String(group.transitEncryptionMode)}: set it to required.`);
  }),
};
