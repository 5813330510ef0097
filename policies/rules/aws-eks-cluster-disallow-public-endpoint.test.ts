import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { eksCluster } from "../testing/cluster-fixtures.js";
import { awsEksClusterDisallowPublicEndpoint as rule } from "./aws-eks-cluster-disallow-public-endpoint.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a private-only endpoint, fails a public one and the defaults (public, no private)", async () => {
    expect(await messages(rule, eksCluster())).toEqual([]);
    expect(await messages(rule, eksCluster({ endpointPublicAccess: true }))).toEqual(["EKS cluster API endpoint is public: set vpcConfig.endpointPublicAccess to false."]);
    expect(await messages(rule, eksCluster({ endpointPublicAccess: undefined, endpointPrivateAccess: undefined }))).toEqual([
      "EKS cluster API endpoint is public: set vpcConfig.endpointPublicAccess to false.",
      "EKS cluster API has no private endpoint: set vpcConfig.endpointPrivateAccess to true.",
    ]);
  });
});
