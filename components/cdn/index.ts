import type * as aws from "@pulumi/aws";
import * as cloudflare from "../lib/cloudflare.js";
import * as pulumi from "@pulumi/pulumi";
import { originZoneName, publicApiHostname, regionalApiHostname } from "../lib/origin.js";
import { resourceTags, type StackTags } from "../tags.js";
import { buildCloudFront, type CloudFrontApi } from "./cloudfront.js";
import { type ApiLoadBalancer, buildApiLoadBalancer } from "./load-balancer.js";
import { apiRateLimit, CLOUDFLARE_PLAN_LIMITS, type CloudflarePlan, edgeCacheRules, type EdgeRule, managedWafRules, monitorTiming, rateLimitRules, ZONE_SETTINGS } from "./plan.js";

/** A DNS record another block needs in the public zone (the front end's names), as that block's provider documents it. */
export interface SiteRecord {
  name: string;
  type: "A" | "CNAME";
  content: string;
}

export interface EdgeCdnArgs {
  domainName: string;
  plan: CloudflarePlan;
  accountId: string;
  /** Serving regions, primary first. More than one puts a Cloudflare load balancer on the API. */
  regions: string[];
  /** The name servers of Route 53's `origin.<domain>` zone (components/origin-dns.ts). */
  originNameServers: pulumi.Input<string[]>;
  /** Most requests per minute the phase is sized for: the rate limit is a share of it. */
  apiRequestsPerMinute: number;
  siteRecords: SiteRecord[];
  /** With multi-region failover: how fast the load balancer must give up on a failed region. */
  failoverTargetSeconds?: number;
  /** CloudFront beside Cloudflare, with a us-east-1 provider for its certificate. */
  cloudFront?: { provider: aws.Provider; hostname?: string; logRetentionDays?: number };
  provider: cloudflare.Provider;
  tags: StackTags;
}

/** Route 53 gives every hosted zone four name servers. */
export const ROUTE53_NAME_SERVER_COUNT = 4;

export const cloudFrontDefaults = { logRetentionDays: 90 };

const RESERVED_LABELS = ["api", "api-cf", "origin"];

/** Arguments that contradict each other, each naming its field. */
export function edgeCdnArgProblems(args: EdgeCdnArgs): string[] {
  const problems: string[] = [];
  if (args.regions.length === 0) problems.push("regions: expected at least one serving region");
  if (args.cloudFront && args.regions.length < 2) problems.push(`cloudFront: origin failover needs two regions, found ${args.regions.join(", ") || "none"}`);
  const clashes = args.siteRecords.filter((record) => RESERVED_LABELS.some((label) => record.name === `${label}.${args.domainName}`));
  for (const record of clashes) problems.push(`siteRecords: ${record.name} is the API's or the origins' name`);
  for (const record of args.siteRecords) {
    if (record.name !== args.domainName && !record.name.endsWith(`.${args.domainName}`)) problems.push(`siteRecords: ${record.name} is outside ${args.domainName}`);
  }
  return problems;
}

/**
 * Cloudflare in front of the API and the public domain: the zone and its settings, the delegation of the origin
 * zone to Route 53, the API's proxied name (one origin, or a load balancer over the regions), cache rules that
 * follow the app's cache, the managed WAF and a rate limit where the plan has them; CloudFront beside it on demand.
 */
export class EdgeCdn extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly apiHostname: string;
  readonly apiUrl: string;
  readonly loadBalancer?: ApiLoadBalancer;
  readonly cloudFront?: CloudFrontApi;

  constructor(name: string, args: EdgeCdnArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = edgeCdnArgProblems(args);
    if (problems.length > 0) throw new Error(`Invalid EdgeCdn ${name}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    super("francaisfluide:cdn:EdgeCdn", name, {}, opts);
    const childOpts = { parent: this, provider: args.provider };
    const limits = CLOUDFLARE_PLAN_LIMITS[args.plan];
    this.apiHostname = publicApiHostname(args.domainName);
    this.apiUrl = `https://${this.apiHostname}`;

    const zone = new cloudflare.Zone(`${name}-zone`, { account: { id: args.accountId }, name: args.domainName, type: "full" }, childOpts);
    this.zoneId = zone.id;
    if (limits.selfServe) {
      new cloudflare.ZoneSubscription(`${name}-plan`, { zoneId: zone.id, ratePlan: { id: args.plan }, frequency: "monthly" }, childOpts);
    }
    for (const [settingId, value] of Object.entries(ZONE_SETTINGS)) {
      new cloudflare.ZoneSetting(`${name}-${settingId.replace(/_/g, "-")}`, { zoneId: zone.id, settingId, value }, childOpts);
    }

    const record = (recordName: string, recordArgs: Omit<cloudflare.DnsRecordArgs, "zoneId">) =>
      new cloudflare.DnsRecord(`${name}-${recordName}`, { zoneId: zone.id, ...recordArgs }, childOpts);

    const originZone = originZoneName(args.domainName);
    for (let index = 0; index < ROUTE53_NAME_SERVER_COUNT; index += 1) {
      record(`origin-ns-${index + 1}`, {
        name: originZone,
        type: "NS",
        content: pulumi.output(args.originNameServers).apply((servers) => {
          if (servers.length !== ROUTE53_NAME_SERVER_COUNT) throw new Error(`The origin zone ${originZone} has ${servers.length} name servers, expected ${ROUTE53_NAME_SERVER_COUNT}`);
          return servers[index] as string;
        }),
        ttl: 3600,
        proxied: false,
        comment: "Delegates the origin names to Route 53",
      });
    }

    for (const site of args.siteRecords) {
      const label = site.name === args.domainName ? "apex" : site.name.slice(0, -(args.domainName.length + 1));
      // DNS only: Vercel serves the site from its own edge with its own certificates, which it renews over HTTP.
      record(`site-${label}`, { name: site.name, type: site.type, content: site.content, ttl: 1, proxied: false, comment: "The web front end on Vercel" });
    }

    const primaryRegion = args.regions[0] as string;
    if (args.regions.length > 1) {
      this.loadBalancer = buildApiLoadBalancer({
        name,
        parent: this,
        provider: args.provider,
        accountId: args.accountId,
        zoneId: zone.id,
        domainName: args.domainName,
        apiHostname: this.apiHostname,
        regions: args.regions,
        timing: monitorTiming(args.plan, args.failoverTargetSeconds),
      });
    } else {
      const origin = regionalApiHostname(args.domainName, primaryRegion);
      record("api", { name: this.apiHostname, type: "CNAME", content: origin, ttl: 1, proxied: true, comment: `The API, proxied to ${primaryRegion}` });
      // The region's load balancer holds a certificate for its own name: Host, and with it SNI, must carry that name.
      this.ruleset(name, "origin", "API origin", "http_request_origin", zone.id, childOpts, [{
        description: `Send the API to ${origin} under its own name`,
        expression: `http.host eq "${this.apiHostname}"`,
        action: "route",
        actionParameters: { hostHeader: origin },
      }]);
    }

    this.ruleset(name, "cache-rules", "API cache rules", "http_request_cache_settings", zone.id, childOpts, edgeCacheRules(this.apiHostname, args.plan));
    if (limits.managedWaf) this.ruleset(name, "managed-waf", "Managed WAF", "http_request_firewall_managed", zone.id, childOpts, managedWafRules());
    if (limits.rateLimitByHost) {
      this.ruleset(name, "rate-limit", "API rate limit", "http_ratelimit", zone.id, childOpts, rateLimitRules(this.apiHostname, apiRateLimit({ requestsPerMinute: args.apiRequestsPerMinute }, args.plan)));
    }

    if (args.cloudFront) {
      const cloudFront = { ...cloudFrontDefaults, ...args.cloudFront };
      this.cloudFront = buildCloudFront({
        name,
        parent: this,
        awsProvider: cloudFront.provider,
        cloudflareProvider: args.provider,
        zoneId: zone.id,
        domainName: args.domainName,
        hostname: cloudFront.hostname ?? `api-cf.${args.domainName}`,
        regions: args.regions,
        logRetentionDays: cloudFront.logRetentionDays,
        tagsFor: (resourceName) => resourceTags(args.tags, "cdn", `${args.tags.project}-${args.tags.phase}-${resourceName}`),
      });
    }

    this.registerOutputs({
      zoneId: this.zoneId,
      apiHostname: this.apiHostname,
      apiUrl: this.apiUrl,
      loadBalancer: this.loadBalancer,
      cloudFront: this.cloudFront,
    });
  }

  /** One entry-point ruleset per phase: Cloudflare allows one per zone and phase. */
  private ruleset(name: string, purpose: string, title: string, phase: string, zoneId: pulumi.Input<string>, opts: pulumi.CustomResourceOptions, rules: EdgeRule[]) {
    return new cloudflare.Ruleset(`${name}-${purpose}`, { zoneId, kind: "zone", phase, name: title, rules }, opts);
  }
}
