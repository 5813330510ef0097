/** IAM and KMS policy documents of the backend, as plain JSON-ready values built from resolved ARNs. */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Principal?: Record<string, string>;
  Action: string[];
  /** Absent in a trust policy only. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

const document = (statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** Who may assume a task's roles: ECS tasks of this account only (the confused-deputy guard of the ECS guide). */
export function ecsTasksTrustPolicy(accountId: string): PolicyDocument {
  return document([
    {
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

const ECR_REPOSITORY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/;

/**
 * What pulling the image takes: nothing from a public registry (ghcr.io), and from ECR a token (an action with no
 * resource-level permissions, so "*" is its only resource) and the layers of that one repository.
 */
export function imagePullStatements(repository: string): PolicyStatement[] {
  const ecr = ECR_REPOSITORY.exec(repository);
  if (!ecr) return [];
  const [, account, region, name] = ecr;
  return [
    { Sid: "EcrToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: `arn:aws:ecr:${region}:${account}:repository/${name}` },
  ];
}

export interface ExecutionPolicyInput {
  imageRepository: string;
  logGroupArn: string;
  /** Exactly the secrets the container definitions inject. */
  secretArns: string[];
  /** Exactly the keys those secrets are encrypted with. */
  kmsKeyArns: string[];
}

/** The ECS agent's rights for one region's tasks: pull the image, write its log group, read and decrypt exactly the injected secrets. */
export function executionRolePolicy(input: ExecutionPolicyInput): PolicyDocument {
  const unique = (values: string[]) => [...new Set(values)].sort();
  return document([
    ...imagePullStatements(input.imageRepository),
    // Stream names are the agent's (prefix/container/task id): the group's streams are the narrowest resource.
    { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${input.logGroupArn}:log-stream:*` },
    { Sid: "ReadInjectedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: unique(input.secretArns) },
    { Sid: "DecryptInjectedSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: unique(input.kmsKeyArns) },
  ]);
}

/** What the account's administrators may do with the key: its life cycle and use, listed (no kms:*). */
export const KEY_ACCOUNT_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
];

/**
 * The backend key's policy. The account statement lets IAM policies grant its use (the execution role's
 * kms:Decrypt, Secrets Manager on behalf of whoever writes the token); CloudWatch Logs, which encrypts as a
 * service, gets its own statement bound to the one log group. In a key policy "*" is the key itself.
 */
export function backendKeyPolicy(input: { accountId: string; region: string; logGroupName: string }): PolicyDocument {
  return document([
    { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${input.accountId}:root` }, Action: KEY_ACCOUNT_ACTIONS, Resource: "*" },
    {
      Sid: "LogGroup",
      Effect: "Allow",
      Principal: { Service: `logs.${input.region}.amazonaws.com` },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${input.region}:${input.accountId}:log-group:${input.logGroupName}` } },
    },
  ]);
}
