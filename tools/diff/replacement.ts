/**
 * Input properties whose change makes the provider replace the resource (delete and create) rather than update
 * it in place. The provider's schema (`replaceOnChanges`/ForceNew) is not readable offline: `@pulumi/aws` ships
 * JavaScript and type declarations only, the schema lives in the provider plugin, which no machine here has. So
 * this documented list is the source; a type absent from it is assumed to update in place. `"*"` means every
 * input (an ECS task definition is immutable: any change registers a new revision).
 */
export const REPLACEMENT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "aws:rds/instance:Instance": ["engine", "identifier", "dbName", "storageEncrypted", "kmsKeyId", "availabilityZone", "username"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId"],
  "aws:ec2/vpc:Vpc": ["cidrBlock"],
  "aws:ec2/natGateway:NatGateway": ["allocationId", "subnetId", "connectivityType"],
  "aws:elasticache/replicationGroup:ReplicationGroup": ["atRestEncryptionEnabled", "kmsKeyId", "replicationGroupId"],
  "aws:elasticache/cluster:Cluster": ["clusterId", "engine"],
  "aws:ecs/taskDefinition:TaskDefinition": ["*"],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix"],
};

/** Whether a change at this path (`inputs.<property>…`, or the resource's provider) forces a replacement. */
export function forcesReplacement(type: string, path: string): boolean {
  if (path === "provider") return true;
  const match = /^inputs(?:\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\])/.exec(path);
  if (!match) return false;
  const property = match[1] ?? JSON.parse(`"${match[2] ?? ""}"`);
  const properties = REPLACEMENT_PROPERTIES[type] ?? [];
  return properties.includes("*") || properties.includes(property);
}
