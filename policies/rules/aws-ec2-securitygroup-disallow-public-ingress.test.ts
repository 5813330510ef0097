import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { DATABASE_GROUP, ingressRule, loadBalancer, securityGroup } from "../testing/network-fixtures.js";
import { awsEc2SecuritygroupDisallowPublicIngress as rule } from "./aws-ec2-securitygroup-disallow-public-ingress.js";

describe(rule.name, () => {
  it("lets a load balancer's group open 443 and 80 to the world, over IPv4 and IPv6", async () => {
    const resources = [loadBalancer(), ingressRule("https-ipv4"), ingressRule("http-ipv6", { cidrIpv4: undefined, cidrIpv6: "::/0", fromPort: 80, toPort: 80 }), ingressRule("db", { cidrIpv4: undefined, referencedSecurityGroupId: "sg-x", securityGroupId: DATABASE_GROUP, fromPort: 5432, toPort: 5432 })];
    expect(await runStackPolicy(rule, resources)).toEqual([]);
  });

  it("fails the world on 5432 of the database's group, another port of the load balancer's, an inline rule, and a group no load balancer uses", async () => {
    const resources = [
      loadBalancer(),
      ingressRule("db-world", { securityGroupId: DATABASE_GROUP, fromPort: 5432, toPort: 5432 }),
      ingressRule("lb-ssh", { cidrIpv4: undefined, cidrIpv6: "::/0", fromPort: 22, toPort: 22 }),
      securityGroup({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
    ];
    expect((await runStackPolicy(rule, resources)).map(({ message, urn }) => [message, urn?.split("::").at(-1)])).toEqual([
      ["Ingress rule db-world opens port 5432 to 0.0.0.0/0: no load balancer uses this group.", "db-world"],
      ["Ingress rule lb-ssh opens port 22 to ::/0: a load balancer may open only ports 443, 80.", "lb-ssh"],
      ["Security group database-us-east-1-sg opens every port to 0.0.0.0/0: no load balancer uses this group.", "database-us-east-1-sg"],
    ]);
    expect(await runStackPolicy(rule, [ingressRule("https-ipv4")])).toHaveLength(1);
  });
});
