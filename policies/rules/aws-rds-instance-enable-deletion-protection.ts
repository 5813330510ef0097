import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/** Data safety: from phase deletionProtectionFromPhase (3) a stray `pulumi destroy` or console click must not take this down. */
export const awsRdsInstanceEnableDeletionProtection: ResourceValidationPolicy = {
  name: "aws-rds-instance-enable-deletion-protection",
  description: "RDS instances have deletionProtection from phase deletionProtectionFromPhase (3) on.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["phase"], { deletionProtectionFromPhase: { type: "integer", default: 3 } }),
  validateResource: validateResourceOfType(aws.rds.Instance, (resource, args, reportViolation) => {
    const { phase, deletionProtectionFromPhase } = args.getConfig<StackFacts & { deletionProtectionFromPhase: number }>();
    if (phase < deletionProtectionFromPhase) args.notApplicable(`phase ${phase} is before phase ${deletionProtectionFromPhase}`);
    if (resource.deletionProtection !== true) reportViolation(`deletionProtection is not enabled: required from phase ${deletionProtectionFromPhase}, and this is phase ${phase}`);
  }),
};
