import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Placeholder until the security rules land: their module replaces this one. */
export const securityRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
