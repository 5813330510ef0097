import { resource } from "./security-fixtures.js";

export const replicationGroup = (props: Record<string, unknown> = {}) =>
  resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache-us-east-1", {
    atRestEncryptionEnabled: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cache",
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    ...props,
  });
export const backupVault = (props: Record<string, unknown> = {}) => resource("aws:backup/vault:Vault", "disaster-recovery-vault", { name: "vault", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/vault", ...props });
export const searchDomain = (props: Record<string, unknown> = {}) =>
  resource("aws:opensearch/domain:Domain", "observability-log-search", {
    encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/search" },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    ...props,
  });
