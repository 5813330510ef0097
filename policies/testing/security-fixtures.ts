import type { PreviewResource } from "../../tools/policy/engine.js";

/** A resource as the preview shows it, named after its type. */
export function resource(type: string, name: string, props: Record<string, unknown>): PreviewResource {
  return { type, name, urn: `urn:pulumi:phase1::francaisfluide::${type}::${name}`, props };
}

const KEY = "arn:aws:kms:us-east-1:123456789012:key/database-us-east-1-key-24fe2006";
export const rdsInstance = (props: Record<string, unknown> = {}) =>
  resource("aws:rds/instance:Instance", "database-main", { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY, publiclyAccessible: false, ...props });
export const rdsCluster = (props: Record<string, unknown> = {}) =>
  resource("aws:rds/cluster:Cluster", "database-shard-1", { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: KEY, ...props });
export const rdsClusterInstance = (props: Record<string, unknown> = {}) => resource("aws:rds/clusterInstance:ClusterInstance", "database-shard-1-writer", { publiclyAccessible: false, ...props });
