import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord } from "./security-lib.js";

/** Every EBS volume a launch template maps is encrypted (`encrypted` is a string in the provider's schema: "true"). */
export const awsEc2LaunchtemplateEnableVolumeEncryption: ResourceValidationPolicy = {
  name: "aws-ec2-launchtemplate-enable-volume-encryption",
  description: "Every EBS volume of an EC2 launch template's block device mappings is encrypted.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, reportViolation) => {
    for (const mapping of asArray(template.blockDeviceMappings).map(asRecord)) {
      if (mapping.ebs === undefined) continue;
      const encrypted = asRecord(mapping.ebs).encrypted;
      if (encrypted !== "true" && encrypted !== true) reportViolation(`Launch template volume ${String(mapping.deviceName ?? "(no device name)")} is not encrypted: set ebs.encrypted to "true".`);
    }
  }),
};
