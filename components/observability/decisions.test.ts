import { describe, expect, it } from "vitest";
import { datadogTags, errorRateThresholdPercent, LOG_SEARCH_DEFAULTS, logDomainName, logSearchAccessPolicy, planLogSearchSize, sentrySlugs, syntheticLocations } from "./index.js";

const tags = { project: "francaisfluide", phase: "phase3", "cost-center": "francaisfluide-platform" };

describe("planLogSearchSize", () => {
  it("sizes a week of two log lines per request at the peak rate, replicated, with AWS's 1.45 overhead", () => {
    // 100 000 requests/min × 1440 min × 500 B = 72 GB a day; × 7 days × 2 copies × 1.45 = 1462 GB.
    expect(planLogSearchSize(100_000, 2)).toEqual({ dailyLogGb: 72, storageGb: 1462, dataNodes: 2, volumeGb: 740, dedicatedMasters: 0 });
  });

  it("adds data nodes in whole rounds of zones when one volume per zone no longer holds the logs", () => {
    const size = planLogSearchSize(200_000, 2);
    expect(size.dataNodes).toBe(4);
    expect(size.dataNodes * size.volumeGb).toBeGreaterThanOrEqual(size.storageGb);
    expect(size.volumeGb).toBeLessThanOrEqual(LOG_SEARCH_DEFAULTS.maxVolumeGb);
    expect(planLogSearchSize(200_000, 3).dataNodes % 3).toBe(0);
  });

  it("gives the domain dedicated masters only once it has enough data nodes to need them", () => {
    expect(planLogSearchSize(100_000, 3).dedicatedMasters).toBe(0);
    const large = planLogSearchSize(500_000, 3);
    expect(large.dataNodes).toBeGreaterThanOrEqual(LOG_SEARCH_DEFAULTS.dedicatedMastersFromDataNodes);
    expect(large.dedicatedMasters).toBe(3);
  });

  it("keeps a small phase at one node per zone and OpenSearch's 10 GB minimum volume", () => {
    expect(planLogSearchSize(100, 2)).toMatchObject({ dataNodes: 2, volumeGb: 10 });
  });
});

describe("logDomainName", () => {
  it("names the domain after the project and stack, and refuses a name OpenSearch would", () => {
    expect(logDomainName(tags)).toBe("francaisfluide-phase3-logs");
    expect(() => logDomainName({ ...tags, phase: "a-very-long-stack-name" })).toThrow(/not 3-28 lower-case letters/);
  });
});

describe("logSearchAccessPolicy", () => {
  it("lets only the master role call the domain's HTTP API, on that domain only", () => {
    const policy = logSearchAccessPolicy("arn:aws:iam::123456789012:role/admin", "arn:aws:es:us-east-1:123456789012:domain/logs");
    expect(policy.Statement).toEqual([expect.objectContaining({ Principal: { AWS: "arn:aws:iam::123456789012:role/admin" }, Resource: "arn:aws:es:us-east-1:123456789012:domain/logs/*" })]);
    expect(policy.Statement[0]?.Action.every((action) => action.startsWith("es:ESHttp") && !action.includes("*"))).toBe(true);
  });
});

describe("syntheticLocations", () => {
  it("probes near each serving region, Ohio for us-east-1 which Datadog has no location in, and from Paris", () => {
    expect(syntheticLocations(["us-east-1", "eu-west-1", "ap-southeast-1"])).toEqual(["aws:us-east-2", "aws:eu-west-1", "aws:ap-southeast-1", "aws:eu-west-3"]);
    expect(syntheticLocations(["eu-west-3"])).toEqual(["aws:eu-west-3"]);
  });

  it("refuses a region it knows no location near, naming it", () => {
    expect(() => syntheticLocations(["il-central-1"])).toThrow(/near il-central-1/);
  });
});

describe("errorRateThresholdPercent", () => {
  it("is the uptime target's error budget times the burn rate", () => {
    expect(errorRateThresholdPercent(99.99, 14.4)).toBe(0.144);
    expect(errorRateThresholdPercent(99.9, 6)).toBe(0.6);
    expect(() => errorRateThresholdPercent(100, 14.4)).toThrow(/strictly between 0 and 100/);
  });
});

describe("tags and slugs", () => {
  it("gives Datadog the four stack keys as key:value strings, and Sentry a slug per stack", () => {
    expect(datadogTags(tags)).toEqual(["project:francaisfluide", "phase:phase3", "component:monitoring", "cost-center:francaisfluide-platform"]);
    expect(sentrySlugs(tags)).toEqual({ team: "francaisfluide-phase3", project: "francaisfluide-api-phase3" });
  });
});
