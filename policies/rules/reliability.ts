import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Placeholder until the reliability rules land: their module replaces this one. */
export const reliabilityRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
