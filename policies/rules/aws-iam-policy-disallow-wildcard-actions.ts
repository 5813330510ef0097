import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord, asStrings, policyDocument } from "./security-lib.js";

/** Identity policies: `*` as Resource only for the actions below. */
const IDENTITY_POLICY_TYPES = new Set(["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"]);
/** Key policies: Resource `*` means the key itself, so only actions are checked. */
const KEY_POLICY_TYPES = new Set(["aws:kms/keyPolicy:KeyPolicy", "aws:kms/key:Key"]);

/**
 * Actions with no resource-level permission in the Service Authorization Reference, so `*` is their only Resource.
 * From what the stacks use: Chatbot renders an alarm's graph with cloudwatch:GetMetricData and
 * cloudwatch:GetMetricWidgetImage (phases 3-4, components/monitoring/alerting.ts).
 */
export const DEFAULT_RESOURCE_WILDCARD_ACTIONS = ["cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"];

interface Config {
  resourceWildcardActions: string[];
}

function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

export const awsIamPolicyDisallowWildcardActions: ResourceValidationPolicy = {
  name: "aws-iam-policy-disallow-wildcard-actions",
  description: "IAM and KMS key policies name their actions (no `*` or `<service>:*`), and grant `*` resources only to actions that have no resource-level permission.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      resourceWildcardActions: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_RESOURCE_WILDCARD_ACTIONS,
        description: "Actions without resource-level permissions, which may be granted on Resource `*` in identity policies.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const identity = IDENTITY_POLICY_TYPES.has(args.type);
    if (!identity && !KEY_POLICY_TYPES.has(args.type)) return;
    if (args.props.policy === undefined) return;
    const document = policyDocument(args.props.policy);
    if (document === undefined) {
      reportViolation("The policy document is not valid JSON.");
      return;
    }
    const { resourceWildcardActions } = args.getConfig<Config>();
    asArray(document.Statement).forEach((raw, index) => {
      const statement = asRecord(raw);
      if (statement.Effect !== "Allow") return;
      const label = typeof statement.Sid === "string" ? `Statement ${statement.Sid}` : `Statement ${index + 1}`;
      const actions = asStrings(statement.Action);
      const wildcards = actions.filter(isWildcardAction);
      if (wildcards.length > 0) reportViolation(`${label} allows the wildcard action ${wildcards.join(", ")}: name the actions.`);
      if (statement.NotAction !== undefined) reportViolation(`${label} allows NotAction: name the actions.`);
      if (identity && asStrings(statement.Resource).includes("*")) {
        const scopable = actions.filter((action) => !isWildcardAction(action) && !resourceWildcardActions.includes(action));
        if (scopable.length > 0) reportViolation(`${label} grants ${scopable.join(", ")} on Resource "*": name the resources (only ${resourceWildcardActions.join(", ")} may use "*").`);
      }
    });
  },
};
