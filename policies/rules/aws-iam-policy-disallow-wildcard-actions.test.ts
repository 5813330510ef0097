import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { keyPolicy, rolePolicy, statement } from "../testing/iam-fixtures.js";
import { awsIamPolicyDisallowWildcardActions as rule } from "./aws-iam-policy-disallow-wildcard-actions.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes named actions on named resources, key policies on their own key, and metric reads on *", async () => {
    expect(await messages(rule, rolePolicy())).toEqual([]);
    expect(await messages(rule, keyPolicy())).toEqual([]);
    expect(await messages(rule, rolePolicy([statement({ Sid: "Render", Action: ["cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"], Resource: "*" })]))).toEqual([]);
  });

  it("fails * and service:* actions, and scopable actions on *", async () => {
    expect(await messages(rule, rolePolicy([statement({ Action: "*", Resource: "arn:aws:s3:::bucket" })]))).toEqual(["Statement 1 allows the wildcard action *: name the actions."]);
    expect(await messages(rule, keyPolicy([statement({ Sid: "Admin", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" })]))).toEqual(["Statement Admin allows the wildcard action kms:*: name the actions."]);
    expect(await messages(rule, rolePolicy([statement({ Sid: "Secrets", Action: ["secretsmanager:GetSecretValue"], Resource: "*" })]))).toEqual([
      'Statement Secrets grants secretsmanager:GetSecretValue on Resource "*": name the resources (only cloudwatch:GetMetricData, cloudwatch:GetMetricWidgetImage may use "*").',
    ]);
    expect(await messages(rule, rolePolicy([statement({ Sid: "Secrets", Action: ["secretsmanager:GetSecretValue"], Resource: "*" })]), { [rule.name]: { resourceWildcardActions: ["secretsmanager:GetSecretValue"] } })).toEqual([]);
  });
});
