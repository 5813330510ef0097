import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/** From 99.9 % uptime a single-zone database is one AZ outage from downtime: a standby in a second zone is mandatory. */
export const awsRdsInstanceEnableMultiAz: ResourceValidationPolicy = {
  name: "aws-rds-instance-enable-multi-az",
  description: "RDS instances run Multi-AZ from the uptime target multiAzFromUptimePercent (99.9 %) up.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["uptimeTargetPercent"], { multiAzFromUptimePercent: { type: "number", default: 99.9 } }),
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
    const { uptimeTargetPercent, multiAzFromUptimePercent } = args.getConfig<StackFacts & { multiAzFromUptimePercent: number }>();
    if (uptimeTargetPercent < multiAzFromUptimePercent) args.notApplicable(`uptime target ${uptimeTargetPercent} % is under ${multiAzFromUptimePercent} %`);
    if (instance.multiAz !== true) reportViolation(`RDS instance is not Multi-AZ: required from ${multiAzFromUptimePercent} % uptime, and this stack targets ${uptimeTargetPercent} %`);
  }),
};
