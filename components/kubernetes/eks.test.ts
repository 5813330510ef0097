import { describe, expect, it } from "vitest";
import { eksKubeconfig, nodeSizeFor, planNodeGroups, podsPerNode } from "./eks.js";

const SEED_POD = { vcpu: 8, memoryGb: 16 };

describe("node sizing", () => {
  it("counts whole pods beside the node's reservation", () => {
    expect(podsPerNode({ vcpu: 16, memoryGb: 32 }, SEED_POD)).toBe(1);
    expect(podsPerNode({ vcpu: 32, memoryGb: 64 }, SEED_POD)).toBe(3);
    expect(podsPerNode({ vcpu: 32, memoryGb: 32 }, SEED_POD)).toBe(1);
  });

  it("picks the smallest compute-optimized size that packs the seed's pods to 75 %", () => {
    expect(nodeSizeFor(SEED_POD)).toEqual({ size: "8xlarge", shape: { vcpu: 32, memoryGb: 64 }, podsPerNode: 3 });
    expect(nodeSizeFor({ vcpu: 4, memoryGb: 8 }).size).toBe("4xlarge");
    expect(() => nodeSizeFor({ vcpu: 96, memoryGb: 192 })).toThrow("No compute-optimized node size packs pods of 96 vCPU / 192 GB");
  });
});

describe("planNodeGroups", () => {
  it("holds the floor on on-demand nodes in every zone and the burst on spot nodes of several families", () => {
    const plan = planNodeGroups({ pod: SEED_POD, replicaFloor: 4, replicaMax: 20, zones: 3 });
    expect(plan.podsPerNode).toBe(3);
    expect(plan.onDemand).toEqual({ instanceTypes: ["c7i.8xlarge", "c6i.8xlarge"], minSize: 3, desiredSize: 3, maxSize: 7 });
    expect(plan.spot).toEqual({ instanceTypes: ["c7i.8xlarge", "c6i.8xlarge", "c7a.8xlarge", "c6a.8xlarge", "c5a.8xlarge"], minSize: 0, desiredSize: 0, maxSize: 6 });
    // Together the groups fit the HPA's maximum; on-demand alone still does if spot capacity runs dry.
    expect((plan.onDemand.maxSize) * plan.podsPerNode).toBeGreaterThanOrEqual(20);
  });

  it("needs more on-demand nodes than zones once the floor outgrows one node per zone", () => {
    expect(planNodeGroups({ pod: SEED_POD, replicaFloor: 12, replicaMax: 20, zones: 3 }).onDemand.minSize).toBe(4);
  });
});

describe("eksKubeconfig", () => {
  it("authenticates with aws eks get-token for the cluster's name and region, with no credential inside", () => {
    const config = JSON.parse(eksKubeconfig({ name: "ff-phase4-eu-west-1", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthorityData: "Q0E=", region: "eu-west-1" }));
    expect(config.clusters[0].cluster).toEqual({ server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "certificate-authority-data": "Q0E=" });
    expect(config.users[0].user.exec).toMatchObject({ command: "aws", args: ["eks", "get-token", "--cluster-name", "ff-phase4-eu-west-1", "--region", "eu-west-1", "--output", "json"] });
    expect(config.users[0].user.token).toBeUndefined();
    expect(config["current-context"]).toBe("ff-phase4-eu-west-1");
  });
});
