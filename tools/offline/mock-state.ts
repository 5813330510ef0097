import { createHash } from "node:crypto";

/** The account id offline previews pretend to run in (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

export function deterministicHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

const ID_PREFIXES: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
};

/** Same type and name, same id: two offline runs of one stack must print identical documents. */
export function mockPhysicalId(type: string, name: string): string {
  const prefix = ID_PREFIXES[type];
  return prefix === undefined ? `${name}-${deterministicHex(`${type}::${name}`, 8)}` : `${prefix}${deterministicHex(`${type}::${name}`, 17)}`;
}

/** "aws:ec2/vpc:Vpc" → ["ec2", "vpc"] */
function awsServiceAndResource(type: string): [service: string, resource: string] {
  const [, module = "", resource = ""] = type.split(":");
  return [module.split("/")[0] ?? module, resource.toLowerCase()];
}

/**
 * Attributes the cloud computes for some types beyond an id and an ARN, which other blocks read: database
 * endpoints, ports, the managed master secret, and a generated password (a placeholder, never a real one).
 */
function computedAttributes(type: string, id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const arnPrefix = `arn:aws:rds:${region}:${OFFLINE_ACCOUNT_ID}`;
  const hostSuffix = `${deterministicHex(id, 12)}.${region}.rds.amazonaws.com`;
  const managedSecret = () =>
    inputs.manageMasterUserPassword === true
      ? { masterUserSecrets: [{ secretArn: `arn:aws:secretsmanager:${region}:${OFFLINE_ACCOUNT_ID}:secret:rds!${id}-${deterministicHex(id, 6)}`, kmsKeyId: inputs.masterUserSecretKmsKeyId, secretStatus: "active" }] }
      : {};
  switch (type) {
    case "aws:rds/instance:Instance": {
      const identifier = String(inputs.identifier ?? id);
      const port = (inputs.port as number | undefined) ?? 5432;
      return { arn: `${arnPrefix}:db:${identifier}`, address: `${identifier}.${hostSuffix}`, endpoint: `${identifier}.${hostSuffix}:${port}`, port, ...managedSecret() };
    }
    case "aws:rds/cluster:Cluster": {
      const identifier = String(inputs.clusterIdentifier ?? id);
      return {
        arn: `${arnPrefix}:cluster:${identifier}`,
        endpoint: `${identifier}.cluster-${hostSuffix}`,
        readerEndpoint: `${identifier}.cluster-ro-${hostSuffix}`,
        port: (inputs.port as number | undefined) ?? 5432,
        ...managedSecret(),
      };
    }
    case "aws:rds/clusterInstance:ClusterInstance":
      return { arn: `${arnPrefix}:db:${String(inputs.identifier ?? id)}` };
    case "aws:rds/globalCluster:GlobalCluster": {
      const identifier = String(inputs.globalClusterIdentifier ?? id);
      return { arn: `arn:aws:rds::${OFFLINE_ACCOUNT_ID}:global-cluster:${identifier}`, endpoint: `${identifier}.global-${deterministicHex(id, 12)}.global.rds.amazonaws.com` };
    }
    case "random:index/randomPassword:RandomPassword":
      return { result: "offline-placeholder-password" };
    default:
      return {};
  }
}

/**
 * What the cloud would have computed for a new resource: its id, ARN and the like, so
 * that inputs depending on other resources are concrete in the preview.
 */
export function mockResourceState(type: string, name: string, inputs: Record<string, unknown>, region: string | undefined): { id: string; state: Record<string, unknown> } {
  const id = mockPhysicalId(type, name);
  const state: Record<string, unknown> = { ...inputs };
  if (type.startsWith("aws:")) {
    const [service, resource] = awsServiceAndResource(type);
    state.arn = `arn:aws:${service}:${region ?? "us-east-1"}:${OFFLINE_ACCOUNT_ID}:${resource}/${id}`;
    state.ownerId = OFFLINE_ACCOUNT_ID;
    // The provider's autonaming: the resource's name and a random suffix, where the program gives no name.
    state.name ??= `${name}-${deterministicHex(`name::${type}::${name}`, 7)}`;
  }
  Object.assign(state, computedAttributes(type, id, inputs, region ?? "us-east-1"));
  return { id, state };
}
