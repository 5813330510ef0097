import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { formatIpv4, parseCidr } from "./lib/cidr.js";
import { resourceTags, type ResourceTags, type StackTags } from "./tags.js";

export type NatGatewayMode = "none" | "single" | "per-az";

export interface RegionNetworkSpec {
  region: string;
  vpcCidr: string;
  availabilityZones: string[];
  provider: aws.Provider;
}

export interface NetworkArgs {
  regions: RegionNetworkSpec[];
  natGateways: NatGatewayMode;
  /** The port the app's containers listen on: the only one the load balancer tier may reach in the backend tier. */
  backendPort: number;
  /**
   * Whether the backend sits behind load balancers of our own (ALBs) that need the load balancer tier. Kubernetes
   * Services create their NLBs and rules themselves; an unused group open to the internet is not left behind.
   */
  loadBalancerTier: boolean;
  tags: StackTags;
}

export interface RegionNetwork {
  vpcId: pulumi.Output<string>;
  publicSubnetIds: pulumi.Output<string>[];
  privateSubnetIds: pulumi.Output<string>[];
  natGatewayCount: number;
  vpcCidr: string;
  /** The public tier: the load balancers, reachable from the internet on 443 and on 80 for the HTTPS redirect; absent without one. */
  loadBalancerSecurityGroupId?: pulumi.Output<string>;
  /** The app tier: reachable from the load balancer tier on the app's port only; the data tier admits this group. */
  backendSecurityGroupId: pulumi.Output<string>;
}

export interface SubnetPlan {
  availabilityZone: string;
  publicCidr: string;
  privateCidr: string;
}

/**
 * Splits the VPC into sixteen equal blocks: public subnets take the first eight, private
 * subnets the last eight, one block per zone, so adding a zone never renumbers a subnet.
 */
export function planSubnets(vpcCidr: string, availabilityZones: string[]): SubnetPlan[] {
  const [base, prefixBits] = parseCidr(vpcCidr);
  if (availabilityZones.length > 8) {
    throw new Error(`Cannot lay out ${availabilityZones.length} availability zones in ${vpcCidr}: at most 8 zones fit the public/private split`);
  }
  const subnetBits = prefixBits + 4;
  if (subnetBits > 28) throw new Error(`VPC ${vpcCidr} is too small to split into 16 subnets: use at least a /24`);
  const blockSize = 2 ** (32 - subnetBits);
  return availabilityZones.map((availabilityZone, i) => ({
    availabilityZone,
    publicCidr: `${formatIpv4(base + i * blockSize)}/${subnetBits}`,
    privateCidr: `${formatIpv4(base + (8 + i) * blockSize)}/${subnetBits}`,
  }));
}

export function natGatewayZones(mode: NatGatewayMode, availabilityZones: string[]): string[] {
  if (mode === "none") return [];
  if (mode === "single") return availabilityZones.slice(0, 1);
  return availabilityZones;
}

/**
 * One VPC per region of the phase, with public and private subnets in every listed zone.
 * Private subnets always exist (databases and caches live there); their egress is what the
 * phase can afford: none, one NAT gateway, or one per zone.
 */
export class Network extends pulumi.ComponentResource {
  readonly regions: Record<string, RegionNetwork>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("francaisfluide:network:Network", name, {}, opts);
    this.regions = Object.fromEntries(args.regions.map((spec) => [spec.region, this.buildRegion(name, spec, args)]));
    this.registerOutputs({ regions: this.regions });
  }

  private buildRegion(name: string, spec: RegionNetworkSpec, args: NetworkArgs): RegionNetwork {
    const prefix = `${name}-${spec.region}`;
    const tags = (resourceName: string) => resourceTags(args.tags, "network", `${args.tags.project}-${args.tags.phase}-${resourceName}`);
    const opts = { parent: this, provider: spec.provider };

    const vpc = new aws.ec2.Vpc(`${prefix}-vpc`, {
      cidrBlock: spec.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tags(`${spec.region}-vpc`),
    }, opts);
    const internetGateway = new aws.ec2.InternetGateway(`${prefix}-igw`, { vpcId: vpc.id, tags: tags(`${spec.region}-igw`) }, opts);
    const publicRouteTable = new aws.ec2.RouteTable(`${prefix}-public-rt`, {
      vpcId: vpc.id,
      routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
      tags: tags(`${spec.region}-public-rt`),
    }, opts);

    const plan = planSubnets(spec.vpcCidr, spec.availabilityZones);
    const subnetInZone = (tier: "public" | "private", zone: string, cidrBlock: string, routeTable: aws.ec2.RouteTable) => {
      const subnet = new aws.ec2.Subnet(`${prefix}-${tier}-${zone}`, {
        vpcId: vpc.id,
        cidrBlock,
        availabilityZone: zone,
        mapPublicIpOnLaunch: tier === "public",
        tags: { ...tags(`${tier}-${zone}`), tier },
      }, opts);
      new aws.ec2.RouteTableAssociation(`${prefix}-${tier}-${zone}-rta`, { subnetId: subnet.id, routeTableId: routeTable.id }, opts);
      return subnet;
    };
    const publicSubnets = plan.map((subnet) => subnetInZone("public", subnet.availabilityZone, subnet.publicCidr, publicRouteTable));

    const natZones = natGatewayZones(args.natGateways, spec.availabilityZones);
    const natGateways = new Map(
      natZones.map((zone) => {
        const publicSubnet = publicSubnets[spec.availabilityZones.indexOf(zone)] as aws.ec2.Subnet;
        const address = new aws.ec2.Eip(`${prefix}-nat-${zone}-eip`, { domain: "vpc", tags: tags(`nat-${zone}-eip`) }, opts);
        const gateway = new aws.ec2.NatGateway(`${prefix}-nat-${zone}`, {
          allocationId: address.id,
          subnetId: publicSubnet.id,
          tags: tags(`nat-${zone}`),
        }, { ...opts, dependsOn: [internetGateway] });
        return [zone, gateway] as const;
      }),
    );

    const privateRouteTables: aws.ec2.RouteTable[] = [];
    const privateSubnets = plan.map((subnet) => {
      const gateway = natGateways.get(subnet.availabilityZone) ?? natGateways.values().next().value;
      const routeTable = new aws.ec2.RouteTable(`${prefix}-private-${subnet.availabilityZone}-rt`, {
        vpcId: vpc.id,
        routes: gateway ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: gateway.id }] : [],
        tags: tags(`private-${subnet.availabilityZone}-rt`),
      }, opts);
      privateRouteTables.push(routeTable);
      return subnetInZone("private", subnet.availabilityZone, subnet.privateCidr, routeTable);
    });

    // A gateway endpoint is free and keeps image layers (ECR stores them in S3) off the NAT's per-GB bill.
    new aws.ec2.VpcEndpoint(`${prefix}-s3-endpoint`, {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${spec.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: privateRouteTables.map((table) => table.id),
      tags: tags(`${spec.region}-s3-endpoint`),
    }, opts);

    const tiers = this.tierSecurityGroups(prefix, vpc, spec, args, tags, opts);

    return {
      vpcId: vpc.id,
      publicSubnetIds: publicSubnets.map((subnet) => subnet.id),
      privateSubnetIds: privateSubnets.map((subnet) => subnet.id),
      natGatewayCount: natGateways.size,
      vpcCidr: spec.vpcCidr,
      ...(tiers.loadBalancer ? { loadBalancerSecurityGroupId: tiers.loadBalancer.id } : {}),
      backendSecurityGroupId: tiers.backend.id,
    };
  }

  /**
   * One security group per tier that faces traffic, so each later block admits a group rather than an address
   * range: the data tier's groups (database, cache) admit the backend group only.
   */
  private tierSecurityGroups(
    prefix: string,
    vpc: aws.ec2.Vpc,
    spec: RegionNetworkSpec,
    args: NetworkArgs,
    tags: (resourceName: string) => ResourceTags,
    opts: pulumi.CustomResourceOptions,
  ) {
    const group = (tier: string, description: string) =>
      new aws.ec2.SecurityGroup(`${prefix}-${tier}-sg`, { vpcId: vpc.id, description, tags: tags(`${spec.region}-${tier}-sg`) }, opts);
    const backend = group("backend", "App containers: the app port from the load balancers");
    const loadBalancer = args.loadBalancerTier ? this.loadBalancerTier(prefix, vpc, spec, args, backend, tags, opts) : undefined;
    // The app calls out over HTTPS (image pulls, Secrets Manager, error tracking) and to the data tier, whose
    // own groups decide whom they admit.
    new aws.vpc.SecurityGroupEgressRule(`${prefix}-backend-egress`, {
      securityGroupId: backend.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description: "outbound: HTTPS to AWS APIs and the data tier",
      tags: tags(`${spec.region}-backend-egress`),
    }, opts);
    return { loadBalancer, backend };
  }

  /** The load balancers' group: 443 and 80 (for the redirect) from the internet, and the app port to the backend only. */
  private loadBalancerTier(
    prefix: string,
    vpc: aws.ec2.Vpc,
    spec: RegionNetworkSpec,
    args: NetworkArgs,
    backend: aws.ec2.SecurityGroup,
    tags: (resourceName: string) => ResourceTags,
    opts: pulumi.CustomResourceOptions,
  ): aws.ec2.SecurityGroup {
    const loadBalancer = new aws.ec2.SecurityGroup(`${prefix}-load-balancer-sg`, {
      vpcId: vpc.id,
      description: "Load balancers: HTTPS from the internet, HTTP only to redirect to HTTPS",
      tags: tags(`${spec.region}-load-balancer-sg`),
    }, opts);
    for (const [port, purpose] of [[443, "https"], [80, "http-redirect"]] as const) {
      for (const [family, range] of [["ipv4", { cidrIpv4: "0.0.0.0/0" }], ["ipv6", { cidrIpv6: "::/0" }]] as const) {
        new aws.vpc.SecurityGroupIngressRule(`${prefix}-load-balancer-${purpose}-${family}`, {
          securityGroupId: loadBalancer.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...range,
          description: `${purpose} from the internet`,
          tags: tags(`${spec.region}-load-balancer-${purpose}-${family}`),
        }, opts);
      }
    }
    new aws.vpc.SecurityGroupEgressRule(`${prefix}-load-balancer-to-backend`, {
      securityGroupId: loadBalancer.id,
      ipProtocol: "tcp",
      fromPort: args.backendPort,
      toPort: args.backendPort,
      referencedSecurityGroupId: backend.id,
      description: "to the app containers",
      tags: tags(`${spec.region}-load-balancer-to-backend`),
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${prefix}-backend-from-load-balancer`, {
      securityGroupId: backend.id,
      ipProtocol: "tcp",
      fromPort: args.backendPort,
      toPort: args.backendPort,
      referencedSecurityGroupId: loadBalancer.id,
      description: "the app port from the load balancers",
      tags: tags(`${spec.region}-backend-from-load-balancer`),
    }, opts);
    return loadBalancer;
  }
}
