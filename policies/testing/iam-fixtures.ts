import { resource } from "./security-fixtures.js";

export const statement = (fields: Record<string, unknown>) => ({ Effect: "Allow", ...fields });
const document = (statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

export const rolePolicy = (statements: Record<string, unknown>[] = [statement({ Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/app:log-stream:*" })]) =>
  resource("aws:iam/rolePolicy:RolePolicy", "backend-task", { role: "backend-task", policy: document(statements) });
export const keyPolicy = (statements: Record<string, unknown>[] = [statement({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" })]) =>
  resource("aws:kms/keyPolicy:KeyPolicy", "database-key-policy", { keyId: "key-1", policy: document(statements) });
