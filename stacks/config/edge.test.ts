import { describe, expect, it } from "vitest";
import { type EdgeKeys, edgeProblems, nestCdn, nestFrontend } from "./edge.js";

const THREE_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const keysOf = (overrides: Partial<EdgeKeys> = {}, regions = THREE_REGIONS): EdgeKeys & { regions: string[] } => ({
  domainName: "francaisfluide.fr",
  cdnPlan: "enterprise",
  cdnCloudFront: true,
  cloudflareAccountId: "0f598a6babd8fed00f598a6babd8fed0",
  frontendPlan: "enterprise",
  frontendEdgeRegions: ["iad1", "sfo1", "lhr1"],
  vercelTeamId: "team_francaisfluide0000000000",
  regions,
  ...overrides,
});

describe("edgeProblems", () => {
  it("accepts the stacks' shapes, from hobby without a team to enterprise with CloudFront", () => {
    expect(edgeProblems(keysOf())).toEqual([]);
    expect(edgeProblems(keysOf({ cdnPlan: "free", cdnCloudFront: false, frontendPlan: "hobby", frontendEdgeRegions: ["iad1"], vercelTeamId: undefined }, ["us-east-1"]))).toEqual([]);
  });

  it("caps the function regions at the Vercel plan's", () => {
    expect(edgeProblems(keysOf({ frontendPlan: "hobby", vercelTeamId: undefined }))).toEqual([
      { key: "frontendEdgeRegions", message: "lists 3 regions, but frontendPlan hobby deploys functions to at most 1" },
    ]);
    expect(edgeProblems(keysOf({ frontendEdgeRegions: ["iad1", "iad1"] }))).toEqual([{ key: "frontendEdgeRegions", message: "lists a region twice: iad1, iad1" }]);
  });

  it("needs a team on Vercel's paid plans and refuses one on hobby", () => {
    expect(edgeProblems(keysOf({ frontendPlan: "pro", vercelTeamId: undefined }))).toEqual([
      { key: "vercelTeamId", message: "is required with frontendPlan pro: Vercel's paid plans belong to a team" },
    ]);
    expect(edgeProblems(keysOf({ frontendPlan: "hobby", frontendEdgeRegions: ["iad1"] }))).toEqual([
      { key: "vercelTeamId", message: "has no meaning with frontendPlan hobby, a personal account without a team: remove it" },
    ]);
  });

  it("needs two regions for CloudFront's origin failover", () => {
    expect(edgeProblems(keysOf({}, ["us-east-1"]))).toEqual([{ key: "cdnCloudFront", message: "needs at least two regions for CloudFront's origin failover, found us-east-1" }]);
  });
});

describe("nestCdn and nestFrontend", () => {
  it("carry the account and the team, and leave the team out when there is none", () => {
    expect(nestCdn(keysOf()).accountId).toBe("0f598a6babd8fed00f598a6babd8fed0");
    expect(nestFrontend(keysOf())).toEqual({ plan: "enterprise", edgeRegions: ["iad1", "sfo1", "lhr1"], teamId: "team_francaisfluide0000000000" });
    expect(nestFrontend(keysOf({ vercelTeamId: undefined }))).not.toHaveProperty("teamId");
  });
});
