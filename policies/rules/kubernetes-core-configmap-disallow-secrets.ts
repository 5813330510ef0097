import type { ResourceValidationPolicy } from "@pulumi/policy";
import { plainCredential } from "../lib/credentials.js";
import { asRecord } from "./security-lib.js";

/** No credential in a ConfigMap's `data`: the same test as the ECS environment's; secrets go in a Secret. */
export const kubernetesCoreConfigmapDisallowSecrets: ResourceValidationPolicy = {
  name: "kubernetes-core-configmap-disallow-secrets",
  description: "No ConfigMap holds a credential (an app secret, a key named like a credential, a URL with a password): secrets go in a Secret.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "kubernetes:core/v1:ConfigMap") return;
    for (const [key, value] of Object.entries(asRecord(args.props.data))) {
      const reason = plainCredential(key, value);
      if (reason !== undefined) reportViolation(`ConfigMap ${args.name}: ${reason}: move it to a Secret.`);
    }
  },
};
