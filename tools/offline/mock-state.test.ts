import { describe, expect, it } from "vitest";
import { fakePassword, mockResourceState } from "./mock-state.js";

describe("mockResourceState", () => {
  it("gives random.RandomPassword a result of the requested length that says it is fake and whose it is", () => {
    const { state } = mockResourceState("random:index/randomPassword:RandomPassword", "cache-auth-token", { length: 64, overrideSpecial: "!&#$^<>-" }, undefined);
    expect(state.result).toHaveLength(64);
    expect(state.result).toMatch(/^offline-fake-password-cache-auth-token-[0-9a-f]+$/);
    expect(mockResourceState("random:index/randomPassword:RandomPassword", "cache-auth-token", { length: 64 }, undefined).state.result).toBe(state.result);
    expect(fakePassword("other", 64)).not.toBe(state.result);
    expect(fakePassword("short", 8)).toBe("offline-fake-password-short-");
  });

  it("gives a replication group the endpoints ElastiCache would: a configuration endpoint in cluster mode only", () => {
    const single = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-us-east-1", { numCacheClusters: 2 }, "us-east-1");
    expect(single.state).toMatchObject({ port: 6379, clusterEnabled: false, replicationGroupId: single.id });
    expect(single.state.primaryEndpointAddress).toMatch(new RegExp(`^master\\.${single.id}\\.[0-9a-f]{6}\\.us-east-1\\.cache\\.amazonaws\\.com$`));
    expect(single.state.readerEndpointAddress).toMatch(/^replica\./);
    expect(single.state.configurationEndpointAddress).toBeUndefined();

    const sharded = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-eu-west-1", { numNodeGroups: 2, replicasPerNodeGroup: 1 }, "eu-west-1");
    expect(sharded.state.configurationEndpointAddress).toMatch(/^clustercfg\.cache-eu-west-1-[0-9a-f]{8}\.[0-9a-f]{6}\.eu-west-1\.cache\.amazonaws\.com$/);
    expect(sharded.state.primaryEndpointAddress).toBeUndefined();
    // A global datastore's secondary cannot restate numNodeGroups: its replicas per node group say cluster mode.
    const secondary = mockResourceState("aws:elasticache/replicationGroup:ReplicationGroup", "cache-ap-southeast-1", { replicasPerNodeGroup: 1 }, "ap-southeast-1");
    expect(secondary.state.clusterEnabled).toBe(true);
  });

  it("names a global datastore with a five-letter regional prefix and the suffix, as its id", () => {
    const { id, state } = mockResourceState("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "cache-global", { globalReplicationGroupIdSuffix: "francaisfluide-phase4" }, "us-east-1");
    expect(id).toMatch(/^[a-z]{5}-francaisfluide-phase4$/);
    expect(state.globalReplicationGroupId).toBe(id);
    expect(state.arn).toBe(`arn:aws:elasticache:us-east-1:123456789012:globalreplicationgroup/${id}`);
  });

  it("gives autonamed ElastiCache groups a name, which their dependants reference", () => {
    const { id, state } = mockResourceState("aws:elasticache/subnetGroup:SubnetGroup", "cache-us-east-1", { subnetIds: [] }, "us-east-1");
    expect(state.name).toBe(id);
    expect(mockResourceState("aws:elasticache/parameterGroup:ParameterGroup", "pg", { name: "given", family: "valkey8" }, "us-east-1").state.name).toBe("given");
  });
});
