import type { StackValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord, asStrings } from "./security-lib.js";

const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const WORLD = new Set(["0.0.0.0/0", "::/0"]);

interface Config {
  loadBalancerPublicPorts: number[];
}

function portRange(rule: Record<string, unknown>): [number, number] {
  const protocol = String(rule.ipProtocol ?? rule.protocol ?? "");
  if (protocol === "-1" || protocol === "all") return [0, 65535];
  return [Number(rule.fromPort ?? 0), Number(rule.toPort ?? rule.fromPort ?? 65535)];
}

function describePorts([from, to]: [number, number]): string {
  return from === to ? `port ${from}` : from === 0 && to === 65535 ? "every port" : `ports ${from}-${to}`;
}

/**
 * No ingress open to the internet, except the load balancers' HTTPS (and HTTP, which only redirects) ports. Which
 * groups belong to a load balancer comes from the load balancers' `securityGroups`, matched against the ingress
 * rules' `securityGroupId` (both are the group ids as the preview shows them), so no group resource needs an id.
 */
export const awsEc2SecuritygroupDisallowPublicIngress: StackValidationPolicy = {
  name: "aws-ec2-securitygroup-disallow-public-ingress",
  description: "No security group accepts traffic from 0.0.0.0/0 or ::/0, except a load balancer's group on 443 and 80.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      loadBalancerPublicPorts: { type: "array", items: { type: "integer" }, default: [443, 80], description: "Ports a load balancer's group may open to the internet." },
    },
  },
  validateStack: (args, reportViolation) => {
    const { loadBalancerPublicPorts } = args.getConfig<Config>();
    const loadBalancerGroups = new Set(args.resources.filter((resource) => resource.type === LOAD_BALANCER).flatMap((resource) => asStrings(resource.props.securityGroups)));
    const check = (rule: Record<string, unknown>, groupId: string | undefined, urn: string, what: string) => {
      const sources = [...asStrings(rule.cidrIpv4), ...asStrings(rule.cidrIpv6), ...asStrings(rule.cidrBlocks), ...asStrings(rule.ipv6CidrBlocks)].filter((cidr) => WORLD.has(cidr));
      if (sources.length === 0) return;
      const ports = portRange(rule);
      const allowed = groupId !== undefined && loadBalancerGroups.has(groupId) && ports[0] === ports[1] && loadBalancerPublicPorts.includes(ports[0]);
      if (allowed) return;
      const reason = groupId !== undefined && loadBalancerGroups.has(groupId) ? `a load balancer may open only ports ${loadBalancerPublicPorts.join(", ")}` : "no load balancer uses this group";
      reportViolation(`${what} opens ${describePorts(ports)} to ${sources.join(" and ")}: ${reason}.`, urn);
    };
    for (const resource of args.resources) {
      if (resource.type === INGRESS_RULE) {
        const groupId = typeof resource.props.securityGroupId === "string" ? resource.props.securityGroupId : undefined;
        check(resource.props, groupId, resource.urn, `Ingress rule ${resource.name}`);
      } else if (resource.type === SECURITY_GROUP) {
        // A group's own id is not among its inputs: inline rules are matched by the load balancers' ids only if the preview gives one.
        const groupId = typeof resource.props.id === "string" ? resource.props.id : undefined;
        for (const rule of asArray(resource.props.ingress)) check(asRecord(rule), groupId, resource.urn, `Security group ${resource.name}`);
      }
    }
  },
};
