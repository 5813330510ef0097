import { describe, expect, it } from "vitest";
import { GKE_NETWORK, gkeKubeconfig, gkeNetworkProblems } from "./gke.js";

describe("gkeNetworkProblems", () => {
  it("accepts the phase's AWS VPCs and names an AWS VPC the GKE ranges would collide with", () => {
    expect(gkeNetworkProblems(["10.10.0.0/16", "10.20.0.0/16", "10.30.0.0/16"])).toEqual([]);
    expect(gkeNetworkProblems(["10.40.0.0/16"])).toEqual([`GKE range ${GKE_NETWORK.nodesCidr} overlaps the AWS VPC 10.40.0.0/16: the clouds could not be joined without renumbering`]);
    expect(gkeNetworkProblems(["10.46.0.0/16"])).toHaveLength(1);
  });
});

describe("gkeKubeconfig", () => {
  it("reaches the private endpoint over HTTPS and authenticates through gke-gcloud-auth-plugin", () => {
    const config = JSON.parse(gkeKubeconfig({ name: "ff-phase4", endpoint: "172.16.0.34", clusterCaCertificate: "Q0E=" }));
    expect(config.clusters[0].cluster.server).toBe("https://172.16.0.34");
    expect(config.users[0].user.exec).toEqual({ apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true, interactiveMode: "Never" });
  });
});
