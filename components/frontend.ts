import * as pulumi from "@pulumi/pulumi";
import * as vercel from "@pulumiverse/vercel";
import type { SiteRecord } from "./cdn/index.js";
import type { StackTags } from "./tags.js";

export type VercelPlan = "hobby" | "pro" | "enterprise";

export interface FrontendArgs {
  domainName: string;
  plan: VercelPlan;
  /** Vercel regions the project's functions run in, nearest the API's regions first. */
  regions: string[];
  /** The API as the browser calls it: the CDN's public URL, never an origin. */
  apiUrl: string;
  provider: vercel.Provider;
  tags: StackTags;
  framework?: string;
  apiUrlVariable?: string;
}

export const frontendDefaults = {
  // The seed's front end is a Next.js app (dynamic imports, next/image).
  framework: "nextjs",
  // NEXT_PUBLIC_: Next.js inlines it into the browser bundle, where the API is called from.
  apiUrlVariable: "NEXT_PUBLIC_API_URL",
};

/** Vercel's documented targets for a custom domain: an A record at the apex, a CNAME elsewhere. */
export const VERCEL_APEX_ADDRESS = "76.76.21.21";
export const VERCEL_CNAME_TARGET = "cname.vercel-dns.com";

/** How many function regions each plan deploys to (one on Hobby, up to three on Pro), and whether it fails functions over to another region. */
export const VERCEL_PLAN_LIMITS: Record<VercelPlan, { maxRegions: number; functionFailover: boolean }> = {
  hobby: { maxRegions: 1, functionFailover: false },
  pro: { maxRegions: 3, functionFailover: false },
  enterprise: { maxRegions: Number.POSITIVE_INFINITY, functionFailover: true },
};

export function frontendArgProblems(args: FrontendArgs): string[] {
  const problems: string[] = [];
  const { maxRegions } = VERCEL_PLAN_LIMITS[args.plan];
  if (args.regions.length === 0) problems.push("regions: expected at least one Vercel region");
  if (args.regions.length > maxRegions) problems.push(`regions: Vercel's ${args.plan} plan deploys functions to at most ${maxRegions} region(s), found ${args.regions.join(", ")}`);
  if (!args.apiUrl.startsWith("https://")) problems.push(`apiUrl: the browser must call the API over HTTPS, found ${args.apiUrl}`);
  return problems;
}

/** The site's names: the apex serves, www redirects to it so that each page has one address. */
export function siteDomains(domainName: string): { domain: string; redirect?: string }[] {
  return [{ domain: domainName }, { domain: `www.${domainName}`, redirect: domainName }];
}

/** The Vercel project of the web front end, its production domains, and the API URL it calls. */
export class Frontend extends pulumi.ComponentResource {
  readonly projectId: pulumi.Output<string>;
  readonly domains: string[];
  /** What the public zone must say for the site's names to reach Vercel. */
  readonly dnsRecords: SiteRecord[];

  constructor(name: string, args: FrontendArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = frontendArgProblems(args);
    if (problems.length > 0) throw new Error(`Invalid Frontend ${name}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    super("francaisfluide:frontend:Frontend", name, {}, opts);
    const settings = { ...frontendDefaults, ...args };
    const childOpts = { parent: this, provider: args.provider };

    const project = new vercel.Project(`${name}-project`, {
      name: `${args.tags.project}-web`,
      framework: settings.framework,
      resourceConfig: { functionDefaultRegions: args.regions },
      functionFailover: VERCEL_PLAN_LIMITS[args.plan].functionFailover,
      environments: [{
        key: settings.apiUrlVariable,
        value: args.apiUrl,
        targets: ["production", "preview"],
        // A public URL, inlined into the browser bundle: nothing to hide.
        sensitive: false,
        comment: "The API behind the CDN",
      }],
      gitForkProtection: true,
      protectedSourcemaps: true,
    }, childOpts);
    this.projectId = project.id;

    const domains = siteDomains(args.domainName);
    for (const { domain, redirect } of domains) {
      new vercel.ProjectDomain(`${name}-${domain === args.domainName ? "apex" : "www"}-domain`, {
        projectId: project.id,
        domain,
        ...(redirect === undefined ? {} : { redirect, redirectStatusCode: 308 }),
      }, childOpts);
    }
    this.domains = domains.map(({ domain }) => domain);
    this.dnsRecords = domains.map(({ domain }) =>
      domain === args.domainName ? { name: domain, type: "A", content: VERCEL_APEX_ADDRESS } : { name: domain, type: "CNAME", content: VERCEL_CNAME_TARGET },
    );

    this.registerOutputs({ projectId: this.projectId, domains: this.domains, dnsRecords: this.dnsRecords });
  }
}
