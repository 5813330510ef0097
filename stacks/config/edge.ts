import { z } from "zod";

// Lower-case labels of letters, digits and inner hyphens, at least two of them, the last alphabetic (RFC 1123).
const dnsName = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "expected a lower-case DNS name such as francaisfluide.fr");

export const edgeKeyShape = {
  domainName: dnsName,
  cdnPlan: z.enum(["free", "pro", "business", "enterprise"]),
  cdnCloudFront: z.boolean(),
  frontendPlan: z.enum(["hobby", "pro", "enterprise"]),
  frontendEdgeRegions: z.array(z.string().regex(/^[a-z]{3}\d$/, "expected a Vercel region such as iad1")).min(1),
};

export type EdgeKeys = z.output<z.ZodObject<typeof edgeKeyShape>>;

/** Cloudflare in front of everything; CloudFront beside it when `cloudFront` is on. */
export interface CdnConfig {
  /** The public domain, whose DNS Cloudflare serves; names the AWS side needs are derived from it. */
  domainName: string;
  plan: "free" | "pro" | "business" | "enterprise";
  cloudFront: boolean;
}

/** The Vercel project serving the web front end. */
export interface FrontendConfig {
  plan: "hobby" | "pro" | "enterprise";
  edgeRegions: string[];
}

export function nestCdn(keys: EdgeKeys): CdnConfig {
  return { domainName: keys.domainName, plan: keys.cdnPlan, cloudFront: keys.cdnCloudFront };
}

export function nestFrontend(keys: EdgeKeys): FrontendConfig {
  return { plan: keys.frontendPlan, edgeRegions: keys.frontendEdgeRegions };
}
