import { beforeAll, describe, expect, it } from "vitest";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../tools/offline/synthesize.js";
import { mockPhysicalId } from "../tools/offline/mock-state.js";
import { natGatewayZones, planSubnets } from "./network.js";

describe("planSubnets", () => {
  it("gives each zone a public and a private block that do not overlap", () => {
    expect(planSubnets("10.10.0.0/16", ["us-east-1a", "us-east-1b"])).toEqual([
      { availabilityZone: "us-east-1a", publicCidr: "10.10.0.0/20", privateCidr: "10.10.128.0/20" },
      { availabilityZone: "us-east-1b", publicCidr: "10.10.16.0/20", privateCidr: "10.10.144.0/20" },
    ]);
  });

  it("keeps existing subnets where they are when a zone is added", () => {
    const two = planSubnets("10.20.0.0/16", ["eu-west-1a", "eu-west-1b"]);
    const three = planSubnets("10.20.0.0/16", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(three.slice(0, 2)).toEqual(two);
  });

  it("refuses more zones than the layout holds, naming the VPC", () => {
    const zones = Array.from({ length: 9 }, (_, i) => `us-east-1${String.fromCharCode(97 + i)}`);
    expect(() => planSubnets("10.10.0.0/16", zones)).toThrow("Cannot lay out 9 availability zones in 10.10.0.0/16");
  });
});

describe("natGatewayZones", () => {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  it("spends nothing, one gateway, or one per zone", () => {
    expect(natGatewayZones("none", zones)).toEqual([]);
    expect(natGatewayZones("single", zones)).toEqual(["us-east-1a"]);
    expect(natGatewayZones("per-az", zones)).toEqual(zones);
  });
});

describe.each(["phase1", "phase2", "phase3", "phase4"])("the network of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });
  const ofType = (type: string) => preview.steps.filter((step) => step.newState.type === type);
  const regionOf = (step: PreviewDocument["steps"][number]) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];

  it("has one VPC per region, with the region's CIDR block", () => {
    const vpcs = ofType("aws:ec2/vpc:Vpc");
    expect(vpcs.map((vpc) => [regionOf(vpc), vpc.newState.inputs.cidrBlock]).sort()).toEqual(config.regions.map((r) => [r.name, r.vpcCidr]).sort());
  });

  it("has public and private subnets in at least two availability zones of every region", () => {
    for (const region of config.regions) {
      const subnets = ofType("aws:ec2/subnet:Subnet").filter((subnet) => regionOf(subnet) === region.name);
      for (const tier of ["public", "private"]) {
        const zones = new Set(subnets.filter((s) => (s.newState.inputs.tags as Record<string, string>).tier === tier).map((s) => s.newState.inputs.availabilityZone));
        expect(zones.size, `${tier} zones in ${region.name}`).toBeGreaterThanOrEqual(2);
        for (const zone of zones) expect(String(zone).startsWith(region.name)).toBe(true);
      }
    }
  });

  it("routes private egress through the NAT gateways the phase pays for", () => {
    const perRegion = natGatewayZones(config.network.natGateways, config.regions[0]?.availabilityZones ?? []).length;
    expect(ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(perRegion * config.regions.length);
    const privateTables = ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.urn.includes("-private-"));
    expect(privateTables).toHaveLength(config.regions.reduce((sum, region) => sum + region.availabilityZones.length, 0));
    for (const table of privateTables) {
      const routes = table.newState.inputs.routes as { natGatewayId?: string }[];
      if (config.network.natGateways === "none") expect(routes).toEqual([]);
      else expect(routes[0]?.natGatewayId).toMatch(/^nat-[0-9a-f]{17}$/);
    }
  });

  it("gives each region a backend tier, and with the ECS backend a load balancer tier open on 443 and 80 only, from which alone the backend is reachable on the app's port", () => {
    const groupId = (step: PreviewDocument["steps"][number]) => mockPhysicalId(step.newState.type, step.urn.split("::").at(-1) as string);
    const ingress = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    for (const region of config.regions) {
      const groups = ofType("aws:ec2/securityGroup:SecurityGroup").filter((group) => regionOf(group) === region.name);
      const loadBalancer = groups.find((group) => group.urn.endsWith(`-${region.name}-load-balancer-sg`));
      const backend = groups.find((group) => group.urn.endsWith(`-${region.name}-backend-sg`));
      expect(backend, `backend group in ${region.name}`).toBeDefined();
      if (config.compute.platform === "kubernetes") {
        // Kubernetes Services bring their own load balancers: no group open to the internet is left unused.
        expect(loadBalancer).toBeUndefined();
        expect(ingress.filter((rule) => rule.newState.inputs.cidrIpv4 === "0.0.0.0/0" || rule.newState.inputs.cidrIpv6 === "::/0")).toEqual([]);
        continue;
      }
      expect(loadBalancer, `load balancer group in ${region.name}`).toBeDefined();
      if (!loadBalancer || !backend) continue;
      const rulesOf = (group: typeof loadBalancer) =>
        ingress
          .filter((rule) => rule.newState.inputs.securityGroupId === groupId(group))
          .map(({ newState: { inputs } }) => [inputs.fromPort, inputs.toPort, inputs.cidrIpv4 ?? inputs.cidrIpv6 ?? inputs.referencedSecurityGroupId])
          .sort();
      expect(rulesOf(loadBalancer)).toEqual([[443, 443, "0.0.0.0/0"], [443, 443, "::/0"], [80, 80, "0.0.0.0/0"], [80, 80, "::/0"]]);
      expect(rulesOf(backend)).toEqual([[8080, 8080, groupId(loadBalancer)]]);
    }
  });

  it("resolves references between resources to concrete ids", () => {
    for (const subnet of ofType("aws:ec2/subnet:Subnet")) expect(subnet.newState.inputs.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
  });
});
