import type * as pulumi from "@pulumi/pulumi";

/**
 * The public domain's DNS is Cloudflare's (the CDN block). The names of the origins behind it live in a subdomain
 * delegated to Route 53, `origin.<domain>`: only a Route 53 zone can alias AWS load balancers, validate their ACM
 * certificates by itself, and answer from Route 53's health checks.
 */
export const originZoneName = (domainName: string) => `origin.${domainName}`;
/** The API's public name: proxied by Cloudflare, the URL the front end and LanguageTool clients call. */
export const publicApiHostname = (domainName: string) => `api.${domainName}`;
/** The health-checked name that answers with the nearest healthy region (phase 4's failover). */
export const apiOriginHostname = (domainName: string) => `api.${originZoneName(domainName)}`;
/** Where each serving region's load balancer answers, with a certificate for that name. */
export const regionalApiHostname = (domainName: string, region: string) => `api-${region}.${originZoneName(domainName)}`;

/** The app's readiness route: 503 as soon as a dependency it needs to serve is down. */
export const READINESS_PATH = "/health/ready";

/** One region's entry point for the API, as the CDN, the failover health checks and the monitoring see it. */
export interface RegionalOrigin {
  region: string;
  /** `regionalApiHostname(domain, region)`, aliased to the load balancer in the origin zone. */
  hostname: string;
  loadBalancerDnsName: pulumi.Output<string>;
}
