import { describe, expect, it } from "vitest";
import { apiOriginHostname, originZoneName, regionalApiHostname } from "../lib/origin.js";
import { failoverDefaults, failoverProblems } from "./failover.js";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const failover = (overrides: Partial<typeof failoverDefaults> & { targetSeconds?: number } = {}) => ({
  ...failoverDefaults,
  domainName: "francaisfluide.fr",
  originZoneId: "Z0123456789ABCDEFGHIJ",
  targetSeconds: 60,
  ...overrides,
});

describe("failoverProblems", () => {
  it("accepts the defaults against the seed's 60 s", () => {
    expect(failoverProblems(failover(), REGIONS)).toEqual([]);
  });

  it("names every field of the sum when it reaches the target", () => {
    expect(failoverProblems(failover({ targetSeconds: 45 }), REGIONS)).toEqual([
      "failover.healthCheckIntervalSeconds (10) × failover.healthCheckFailureThreshold (3) + failover.recordTtlSeconds (15) = 45 s: must stay under failover.targetSeconds (45)",
    ]);
  });

  it("refuses what Route 53 would refuse", () => {
    expect(failoverProblems(failover({ healthCheckIntervalSeconds: 5, healthCheckFailureThreshold: 0, healthCheckerRegions: ["us-east-1", "eu-central-1"] }), REGIONS)).toEqual([
      "failover.healthCheckIntervalSeconds: Route 53 checks every 10 or 30 s, found 5",
      "failover.healthCheckFailureThreshold: expected 1 to 10, found 0",
      "failover.healthCheckerRegions: expected at least three of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1, found us-east-1, eu-central-1",
    ]);
  });

  it("needs a second serving region to fail over to", () => {
    expect(failoverProblems(failover(), ["us-east-1"])).toEqual(["regions: failover needs at least two serving regions, found us-east-1"]);
  });
});

describe("origin hostnames", () => {
  it("live under a delegated origin subdomain of the public domain", () => {
    expect(originZoneName("francaisfluide.fr")).toBe("origin.francaisfluide.fr");
    expect(apiOriginHostname("francaisfluide.fr")).toBe("api.origin.francaisfluide.fr");
    expect(regionalApiHostname("francaisfluide.fr", "eu-west-1")).toBe("api-eu-west-1.origin.francaisfluide.fr");
  });
});
