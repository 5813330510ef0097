import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { reliabilityRules } from "./reliability.js";
import { securityRules } from "./security.js";

/** Every rule of the pack, in the pack's order: what `policies/index.ts` serves and `npm run policy` runs offline. */
export const allRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [...securityRules, ...reliabilityRules];
