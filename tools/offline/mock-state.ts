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
 * A stand-in for random.RandomPassword's `result`, which the provider would draw: it says it is fake and whose
 * it is, then fills the requested length with hex digits (letters, digits and "-" pass every password rule here).
 */
export function fakePassword(name: string, length: number): string {
  const marker = `offline-fake-password-${name}-`;
  let text = marker;
  for (let block = 0; text.length < length; block += 1) text += deterministicHex(`${name}#${block}`, 64);
  return text.slice(0, Math.max(length, marker.length));
}

/** Pulumi names these from the logical name plus a random suffix; dependants read the name, not the id. */
const AUTONAMED_BY_NAME = new Set(["aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup"]);

/** ElastiCache prefixes a global datastore's suffix with five letters of the region it was created in. */
function globalDatastorePrefix(region: string): string {
  return deterministicHex(`global-datastore::${region}`, 5).replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)] as string);
}

/**
 * ElastiCache's endpoint names: a configuration endpoint in cluster mode (what a secondary of a global
 * datastore inherits is told by its replicasPerNodeGroup), primary and reader endpoints otherwise.
 */
function replicationGroupEndpoints(id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const host = `${id}.${deterministicHex(`endpoint::${id}`, 6)}.${region}.cache.amazonaws.com`;
  const clusterMode = inputs.clusterMode === "enabled" || inputs.numNodeGroups !== undefined || inputs.replicasPerNodeGroup !== undefined;
  return clusterMode
    ? { configurationEndpointAddress: `clustercfg.${host}`, clusterEnabled: true }
    : { primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}`, clusterEnabled: false };
}

/**
 * What the cloud would have computed for a new resource: its id, ARN and the like, so
 * that inputs depending on other resources are concrete in the preview.
 */
export function mockResourceState(type: string, name: string, inputs: Record<string, unknown>, region: string | undefined): { id: string; state: Record<string, unknown> } {
  let id = mockPhysicalId(type, name);
  const state: Record<string, unknown> = { ...inputs };
  const awsRegion = region ?? "us-east-1";
  if (AUTONAMED_BY_NAME.has(type) && inputs.name === undefined) state.name = id;
  if (type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup") {
    id = `${globalDatastorePrefix(awsRegion)}-${String(inputs.globalReplicationGroupIdSuffix)}`;
    state.globalReplicationGroupId = id;
  }
  if (type === "aws:elasticache/replicationGroup:ReplicationGroup") {
    Object.assign(state, replicationGroupEndpoints(id, inputs, awsRegion), { port: inputs.port ?? 6379, replicationGroupId: id });
  }
  if (type === "random:index/randomPassword:RandomPassword") state.result = fakePassword(name, Number(inputs.length));
  if (type.startsWith("aws:")) {
    const [service, resource] = awsServiceAndResource(type);
    state.arn = `arn:aws:${service}:${awsRegion}:${OFFLINE_ACCOUNT_ID}:${resource}/${id}`;
    state.ownerId = OFFLINE_ACCOUNT_ID;
  }
  return { id, state };
}
