import { resource } from "./security-fixtures.js";

export const LOAD_BALANCER_GROUP = "sg-9f661b4621dcb3c24";
export const DATABASE_GROUP = "sg-a7dcce5022fa46971";

export const loadBalancer = (props: Record<string, unknown> = {}) =>
  resource("aws:lb/loadBalancer:LoadBalancer", "backend-us-east-1-alb", { internal: false, loadBalancerType: "application", securityGroups: [LOAD_BALANCER_GROUP], ...props });
export const ingressRule = (name: string, props: Record<string, unknown> = {}) =>
  resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp", securityGroupId: LOAD_BALANCER_GROUP, ...props });
export const securityGroup = (props: Record<string, unknown> = {}) => resource("aws:ec2/securityGroup:SecurityGroup", "database-us-east-1-sg", { vpcId: "vpc-1", ...props });
export const httpsListener = (props: Record<string, unknown> = {}) =>
  resource("aws:lb/listener:Listener", "backend-us-east-1-https", { port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }], ...props });
export const httpListener = (props: Record<string, unknown> = {}) =>
  resource("aws:lb/listener:Listener", "backend-us-east-1-http", { port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }], ...props });
