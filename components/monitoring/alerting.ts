import { KEY_ACCOUNT_ACTIONS, type PolicyDocument } from "../backend/iam.js";

const document = (statements: PolicyDocument["Statement"]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/**
 * The alert topics' key. SNS encrypts with it, and whoever publishes to an encrypted topic needs the key: CloudWatch
 * (`cloudwatch.amazonaws.com`) for the alarms, and in the billing region AWS Budgets (`budgets.amazonaws.com`) for
 * the cost alerts. Cost Anomaly Detection (`costalerts.amazonaws.com`) gets nothing: its weekly report goes by
 * e-mail (it publishes to SNS only for immediate alerts), so a grant would be unused. Each service only for this
 * account (the confused-deputy guard); the account statement lets IAM policies administer the key. In a key
 * policy "*" is the key itself.
 */
export function alertKeyPolicy(input: { accountId: string; budgets: boolean }): PolicyDocument {
  const publisher = (sid: string, service: string) => ({
    Sid: sid,
    Effect: "Allow" as const,
    Principal: { Service: service },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": input.accountId } },
  });
  return document([
    { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${input.accountId}:root` }, Action: KEY_ACCOUNT_ACTIONS, Resource: "*" },
    publisher("CloudWatchAlarms", "cloudwatch.amazonaws.com"),
    ...(input.budgets ? [publisher("Budgets", "budgets.amazonaws.com")] : []),
  ]);
}

/**
 * A cost topic's policy: the account keeps its default rights, and AWS Budgets may publish for this account's
 * budgets only (a topic policy replaces SNS's default one, so both are stated).
 */
export function costTopicPolicy(input: { accountId: string; topicArn: string }): PolicyDocument {
  return document([
    {
      Sid: "Account",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${input.accountId}:root` },
      Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
      Resource: input.topicArn,
    },
    {
      Sid: "Budgets",
      Effect: "Allow",
      Principal: { Service: "budgets.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: input.topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": input.accountId }, ArnLike: { "aws:SourceArn": `arn:aws:budgets::${input.accountId}:*` } },
    },
  ]);
}

/** Who may assume the Chatbot channel's role: AWS Chatbot, for this account only. */
export function chatbotTrustPolicy(accountId: string): PolicyDocument {
  return document([
    { Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: ["sts:AssumeRole"], Condition: { StringEquals: { "aws:SourceAccount": accountId } } },
  ]);
}

/**
 * What the channel's role lets Chatbot read: the alarm and its graph, to render a notification (the "notification
 * permissions" of the Chatbot guide, without the Describe/Get/List wildcards). DescribeAlarms takes the account's
 * alarm ARNs; the metric reads take no resource narrower than "*".
 */
export function chatbotNotificationPolicy(accountId: string): PolicyDocument {
  return document([
    { Sid: "DescribeAlarms", Effect: "Allow", Action: ["cloudwatch:DescribeAlarms"], Resource: `arn:aws:cloudwatch:*:${accountId}:alarm:*` },
    { Sid: "RenderGraphs", Effect: "Allow", Action: ["cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"], Resource: "*" },
  ]);
}

/** The managed policy that caps what anyone in the channel may do through Chatbot: read CloudWatch, nothing else. */
export const CHATBOT_GUARDRAIL_POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess";
