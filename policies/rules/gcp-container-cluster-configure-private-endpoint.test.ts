import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { gkeCluster } from "../testing/cluster-fixtures.js";
import { gcpContainerClusterConfigurePrivateEndpoint as rule } from "./gcp-container-cluster-configure-private-endpoint.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a private cluster, fails a public endpoint and a cluster without privateClusterConfig", async () => {
    expect(await messages(rule, gkeCluster())).toEqual([]);
    expect(await messages(rule, gkeCluster({ enablePrivateEndpoint: false }))).toEqual(["GKE cluster control plane has a public endpoint: set privateClusterConfig.enablePrivateEndpoint to true."]);
    expect(await messages(rule, gkeCluster(null))).toEqual([
      "GKE cluster control plane has a public endpoint: set privateClusterConfig.enablePrivateEndpoint to true.",
      "GKE cluster nodes have public addresses: set privateClusterConfig.enablePrivateNodes to true.",
    ]);
  });
});
