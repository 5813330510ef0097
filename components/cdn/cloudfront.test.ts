import { describe, expect, it } from "vitest";
import { cloudFrontBehaviorProblems, cloudFrontBehaviors } from "./cloudfront.js";

describe("cloudFrontBehaviors", () => {
  it("sends cacheable reads to the origin group and corrections, which are POSTs, to the primary region", () => {
    expect(cloudFrontBehaviors("us-east-1").map(({ pathPattern, targetOriginId, cacheLayer }) => [pathPattern, targetOriginId, cacheLayer])).toEqual([
      ["/api/v1/exercises*", "api-regions", "exercises"],
      ["/api/v1/explanations*", "api-regions", "explanations"],
      ["/api/v1/corrections*", "us-east-1", undefined],
      ["/v2/check*", "us-east-1", undefined],
    ]);
    expect(cloudFrontBehaviorProblems(cloudFrontBehaviors("us-east-1"))).toEqual([]);
  });

  it("flags a behavior that would send a POST to the origin group, which CloudFront refuses", () => {
    expect(cloudFrontBehaviorProblems([{ pathPattern: "/api/v1/corrections*", targetOriginId: "api-regions", allowedMethods: ["GET", "HEAD", "POST"] }])).toEqual([
      "/api/v1/corrections*: a behavior sent to an origin group may allow only GET, HEAD, OPTIONS, found GET, HEAD, POST",
    ]);
  });
});
