import { z } from "zod";
import { VERCEL_PLAN_LIMITS } from "../../components/frontend.js";
import type { Problem } from "./errors.js";
import type { NetworkKeys } from "./network.js";

// Lower-case labels of letters, digits and inner hyphens, at least two of them, the last alphabetic (RFC 1123).
const dnsName = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "expected a lower-case DNS name such as francaisfluide.fr");

const FRONTEND_PLANS = ["hobby", "pro", "enterprise"] as const;
type FrontendPlan = (typeof FRONTEND_PLANS)[number];

export const edgeKeyShape = {
  domainName: dnsName,
  cdnPlan: z.enum(["free", "pro", "business", "enterprise"]),
  cdnCloudFront: z.boolean(),
  // Cloudflare's v6 API creates zones, load-balancer pools and monitors inside an account, named by this id.
  cloudflareAccountId: z.string().regex(/^[0-9a-f]{32}$/, "expected a Cloudflare account id: 32 lower-case hex digits, from the dashboard's account overview"),
  frontendPlan: z.enum(FRONTEND_PLANS),
  frontendEdgeRegions: z.array(z.string().regex(/^[a-z]{3}\d$/, "expected a Vercel region such as iad1")).min(1),
  vercelTeamId: z.string().regex(/^team_[A-Za-z0-9]{24}$/, "expected a Vercel team id such as team_ followed by 24 letters and digits, from the team's settings").optional(),
};

export type EdgeKeys = z.output<z.ZodObject<typeof edgeKeyShape>>;

/** Cloudflare in front of everything; CloudFront beside it when `cloudFront` is on. */
export interface CdnConfig {
  /** The public domain, whose DNS Cloudflare serves; names the AWS side needs are derived from it. */
  domainName: string;
  plan: "free" | "pro" | "business" | "enterprise";
  cloudFront: boolean;
  accountId: string;
}

/** The Vercel project serving the web front end. */
export interface FrontendConfig {
  plan: FrontendPlan;
  edgeRegions: string[];
  /** Absent on hobby, which is a personal account without a team. */
  teamId?: string;
}

export function edgeProblems(keys: EdgeKeys & Pick<NetworkKeys, "regions">): Problem<keyof EdgeKeys>[] {
  const problems: Problem<keyof EdgeKeys>[] = [];
  const { maxRegions } = VERCEL_PLAN_LIMITS[keys.frontendPlan];
  if (keys.frontendEdgeRegions.length > maxRegions) {
    problems.push({ key: "frontendEdgeRegions", message: `lists ${keys.frontendEdgeRegions.length} regions, but frontendPlan ${keys.frontendPlan} deploys functions to at most ${maxRegions}` });
  }
  if (new Set(keys.frontendEdgeRegions).size !== keys.frontendEdgeRegions.length) {
    problems.push({ key: "frontendEdgeRegions", message: `lists a region twice: ${keys.frontendEdgeRegions.join(", ")}` });
  }
  if (keys.frontendPlan === "hobby" && keys.vercelTeamId !== undefined) {
    problems.push({ key: "vercelTeamId", message: "has no meaning with frontendPlan hobby, a personal account without a team: remove it" });
  }
  if (keys.frontendPlan !== "hobby" && keys.vercelTeamId === undefined) {
    problems.push({ key: "vercelTeamId", message: `is required with frontendPlan ${keys.frontendPlan}: Vercel's paid plans belong to a team` });
  }
  if (keys.cdnCloudFront && keys.regions.length < 2) {
    problems.push({ key: "cdnCloudFront", message: `needs at least two regions for CloudFront's origin failover, found ${keys.regions.join(", ")}` });
  }
  return problems;
}

export function nestCdn(keys: EdgeKeys): CdnConfig {
  return { domainName: keys.domainName, plan: keys.cdnPlan, cloudFront: keys.cdnCloudFront, accountId: keys.cloudflareAccountId };
}

export function nestFrontend(keys: EdgeKeys): FrontendConfig {
  return { plan: keys.frontendPlan, edgeRegions: keys.frontendEdgeRegions, ...(keys.vercelTeamId === undefined ? {} : { teamId: keys.vercelTeamId }) };
}
