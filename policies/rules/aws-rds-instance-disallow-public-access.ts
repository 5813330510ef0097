import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const awsRdsInstanceDisallowPublicAccess: ResourceValidationPolicy = {
  name: "aws-rds-instance-disallow-public-access",
  description: "RDS and Aurora instances have no public address.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
      if (instance.publiclyAccessible === true) reportViolation("RDS instance is publicly accessible: set publiclyAccessible to false.");
    }),
    validateResourceOfType(aws.rds.ClusterInstance, (instance, _args, reportViolation) => {
      if (instance.publiclyAccessible === true) reportViolation("Aurora cluster instance is publicly accessible: set publiclyAccessible to false.");
    }),
  ],
};
