import { z } from "zod";

export const edgeKeyShape = {
  cdnPlan: z.enum(["free", "pro", "business", "enterprise"]),
  cdnCloudFront: z.boolean(),
  frontendPlan: z.enum(["hobby", "pro", "enterprise"]),
  frontendEdgeRegions: z.array(z.string().regex(/^[a-z]{3}\d$/, "expected a Vercel region such as iad1")).min(1),
};

export type EdgeKeys = z.output<z.ZodObject<typeof edgeKeyShape>>;

/** Cloudflare in front of everything; CloudFront beside it when `cloudFront` is on. */
export interface CdnConfig {
  plan: "free" | "pro" | "business" | "enterprise";
  cloudFront: boolean;
}

/** The Vercel project serving the web front end. */
export interface FrontendConfig {
  plan: "hobby" | "pro" | "enterprise";
  edgeRegions: string[];
}

export function nestCdn(keys: EdgeKeys): CdnConfig {
  return { plan: keys.cdnPlan, cloudFront: keys.cdnCloudFront };
}

export function nestFrontend(keys: EdgeKeys): FrontendConfig {
  return { plan: keys.frontendPlan, edgeRegions: keys.frontendEdgeRegions };
}
