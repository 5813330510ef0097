import { SEED_CACHE_LAYERS } from "@francaisfluide/app/config";
import { beforeAll, describe, expect, it } from "vitest";
import { mockResourceState } from "../../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type PreviewStep, type StackPreview } from "../../tools/offline/synthesize.js";
import { READINESS_PATH } from "../lib/origin.js";
import { type EdgeCdnArgs, edgeCdnArgProblems } from "./index.js";
import { FAILOVER_STATUS_CODES, MANAGED_CACHE_POLICY_CACHING_DISABLED } from "./cloudfront.js";
import { apiRateLimit, CLOUDFLARE_MANAGED_RULESET_ID } from "./plan.js";

const COMPONENT = "francaisfluide:cdn:EdgeCdn$";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the CDN of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  const ofType = (type: string): PreviewStep[] => preview.steps.filter((step) => step.urn.includes(COMPONENT) && step.newState.type === type);
  const inputs = (step: PreviewStep | undefined) => (step?.newState.inputs ?? {}) as Record<string, unknown>;
  const records = () => ofType("cloudflare:index/dnsRecord:DnsRecord").map(inputs);
  const ruleset = (phase: string) => ofType("cloudflare:index/ruleset:Ruleset").filter((step) => inputs(step).phase === phase);
  let domain: string;
  let api: string;
  const regionalHost = (region: string) => `api-${region}.origin.${domain}`;

  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
    domain = config.cdn.domainName;
    api = `api.${domain}`;
  });

  it("puts the domain's zone in the stack's account, on the stack's plan, through the Cloudflare provider", () => {
    const zones = ofType("cloudflare:index/zone:Zone");
    expect(zones.map(inputs)).toEqual([{ account: { id: config.cdn.accountId }, name: domain, type: "full" }]);
    expect(zones[0]?.newState.provider).toMatch(/::cloudflare::/);
    const subscriptions = ofType("cloudflare:index/zoneSubscription:ZoneSubscription").map((step) => inputs(step).ratePlan);
    // Enterprise is a contract Cloudflare sets up; the self-serve plans are the program's to set.
    expect(subscriptions).toEqual(config.cdn.plan === "enterprise" ? [] : [{ id: config.cdn.plan }]);
  });

  it("sets HTTPS only, TLS 1.2 at least, TLS 1.3, HTTP/3, Brotli and strict origin certificates", () => {
    const settings = Object.fromEntries(ofType("cloudflare:index/zoneSetting:ZoneSetting").map((step) => [inputs(step).settingId, inputs(step).value]));
    expect(settings).toEqual({ always_use_https: "on", min_tls_version: "1.2", tls_1_3: "on", http3: "on", brotli: "on", ssl: "strict" });
  });

  it("delegates origin.<domain> to exactly the name servers Route 53 gives the origin zone", () => {
    const originZone = preview.steps.find((step) => step.newState.type === "aws:route53/zone:Zone");
    const zoneName = originZone?.urn.split("::").pop() as string;
    const { state } = mockResourceState("aws:route53/zone:Zone", zoneName, inputs(originZone), config.regions[0]?.name);
    const delegation = records().filter((record) => record.type === "NS");
    expect(delegation.map((record) => record.name)).toEqual(Array(4).fill(`origin.${domain}`));
    expect(delegation.map((record) => record.content)).toEqual(state.nameServers);
    for (const record of delegation) expect(record.proxied).toBe(false);
  });

  it("sends the site's names to Vercel unproxied, for Vercel's own edge and certificates", () => {
    const site = records().filter((record) => record.name === domain || record.name === `www.${domain}`);
    expect(site.map(({ name, type, content, proxied }) => ({ name, type, content, proxied }))).toEqual([
      { name: domain, type: "A", content: "76.76.21.21", proxied: false },
      { name: `www.${domain}`, type: "CNAME", content: "cname.vercel-dns.com", proxied: false },
    ]);
  });

  it("keeps exercises and explanations at the edge for the app's TTLs where the plan allows, and never corrections", () => {
    const [cacheRules] = ruleset("http_request_cache_settings");
    const rules = inputs(cacheRules).rules as { expression: string; actionParameters: { cache: boolean; edgeTtl?: { default: number } } }[];
    const ttlOf = (path: string) => rules.find((rule) => rule.expression.includes(path) && rule.actionParameters.cache)?.actionParameters.edgeTtl?.default;
    expect(ttlOf("/api/v1/explanations")).toBe(SEED_CACHE_LAYERS.explanations.ttlMs / 1000);
    // Free keeps nothing at the edge under two hours: the exercises' hour is left to the app's cache there.
    expect(ttlOf("/api/v1/exercises")).toBe(config.cdn.plan === "free" ? undefined : SEED_CACHE_LAYERS.exercises.ttlMs / 1000);
    const last = rules.at(-1);
    expect(last?.actionParameters).toEqual({ cache: false });
    expect(last?.expression).toContain(`starts_with(http.request.uri.path, "/api/v1/corrections")`);
    expect(last?.expression).toContain(`starts_with(http.request.uri.path, "/v2/check")`);
    for (const rule of rules) expect(rule.expression).toContain(`http.host eq "${api}"`);
  });

  it("runs the managed WAF and the API's rate limit from phase 2, where the plan has them, sized from the requests/min target", () => {
    const waf = ruleset("http_request_firewall_managed");
    const rateLimit = ruleset("http_ratelimit");
    if (stack === "phase1") {
      expect(config.cdn.plan).toBe("free");
      expect([waf.length, rateLimit.length]).toEqual([0, 0]);
      return;
    }
    expect((inputs(waf[0]).rules as { actionParameters: { id: string } }[]).map((rule) => rule.actionParameters.id)).toEqual([CLOUDFLARE_MANAGED_RULESET_ID]);
    const [rule] = inputs(rateLimit[0]).rules as { expression: string; ratelimit: { period: number; requestsPerPeriod: number } }[];
    const expected = apiRateLimit({ requestsPerMinute: config.targets.requestsPerMinute.max }, config.cdn.plan);
    expect(rule?.expression).toBe(`http.host eq "${api}"`);
    expect(rule?.ratelimit).toMatchObject({ period: 60, requestsPerPeriod: expected.requestsPerPeriod });
    expect(expected.requestsPerPeriod).toBe(config.targets.requestsPerMinute.max / 20);
  });

  it("proxies the API to its one region under the region's name, or balances it over one pool per region from phase 3", () => {
    const apiRecords = records().filter((record) => record.name === api);
    const loadBalancers = ofType("cloudflare:index/loadBalancer:LoadBalancer").map(inputs);
    const pools = ofType("cloudflare:index/loadBalancerPool:LoadBalancerPool").map(inputs);
    const monitors = ofType("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor").map(inputs);
    const regions = config.regions.map((region) => region.name);
    if (regions.length === 1) {
      expect(["phase1", "phase2"]).toContain(stack);
      expect(apiRecords).toEqual([expect.objectContaining({ type: "CNAME", content: regionalHost(regions[0] as string), proxied: true })]);
      const [originRule] = inputs(ruleset("http_request_origin")[0]).rules as { action: string; actionParameters: unknown }[];
      expect(originRule).toMatchObject({ action: "route", actionParameters: { hostHeader: regionalHost(regions[0] as string) } });
      expect([loadBalancers.length, pools.length, monitors.length]).toEqual([0, 0, 0]);
      return;
    }
    expect(["phase3", "phase4"]).toContain(stack);
    expect(apiRecords).toEqual([]);
    expect(ruleset("http_request_origin")).toEqual([]);
    expect(pools.map((pool) => (pool.origins as { address: string; header: { hosts: string[] } }[]).map((origin) => [origin.address, origin.header.hosts]))).toEqual(
      [...regions].sort().map((region) => [[regionalHost(region), [regionalHost(region)]]]),
    );
    expect(monitors).toEqual([expect.objectContaining({ type: "https", path: READINESS_PATH, expectedCodes: "200", allowInsecure: false })]);
    expect(loadBalancers).toEqual([expect.objectContaining({ name: api, proxied: true, steeringPolicy: "dynamic_latency" })]);
    expect((loadBalancers[0]?.defaultPools as string[]).length).toBe(regions.length);
    expect(loadBalancers[0]?.fallbackPool).toBe((loadBalancers[0]?.defaultPools as string[])[0]);
    if (config.disasterRecovery.failoverTargetSeconds !== undefined) {
      const monitor = monitors[0] as { interval: number; consecutiveDown: number; timeout: number };
      expect(monitor.interval * monitor.consecutiveDown + monitor.timeout).toBeLessThan(config.disasterRecovery.failoverTargetSeconds);
    }
  });

  it("adds CloudFront with origin failover between the first two regions in phase 4 only", () => {
    const distributions = ofType("aws:cloudfront/distribution:Distribution");
    expect(distributions.length).toBe(config.cdn.cloudFront ? 1 : 0);
    expect(config.cdn.cloudFront).toBe(stack === "phase4");
    if (!config.cdn.cloudFront) return;
    const [primary, secondary] = config.regions.map((region) => region.name) as [string, string];
    const distribution = inputs(distributions[0]) as {
      aliases: string[];
      origins: { originId: string; domainName: string; customOriginConfig: { originProtocolPolicy: string; originSslProtocols: string[] } }[];
      originGroups: { originId: string; failoverCriteria: { statusCodes: number[] }; members: { originId: string }[] }[];
      defaultCacheBehavior: { targetOriginId: string; viewerProtocolPolicy: string; cachePolicyId: string };
      orderedCacheBehaviors: { pathPattern: string; targetOriginId: string; viewerProtocolPolicy: string; allowedMethods: string[]; cachePolicyId: string }[];
      viewerCertificate: { acmCertificateArn: string; minimumProtocolVersion: string; sslSupportMethod: string };
      loggingConfig: { bucket: string };
    };
    expect(distribution.aliases).toEqual([`api-cf.${domain}`]);
    expect(distribution.origins.map((origin) => [origin.originId, origin.domainName])).toEqual([[primary, regionalHost(primary)], [secondary, regionalHost(secondary)]]);
    for (const origin of distribution.origins) expect(origin.customOriginConfig).toMatchObject({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] });
    expect(distribution.originGroups).toEqual([{ originId: "api-regions", failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES }, members: [{ originId: primary }, { originId: secondary }] }]);
    expect(distribution.viewerCertificate).toMatchObject({ minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" });
    expect(distribution.viewerCertificate.acmCertificateArn).toMatch(/^arn:aws:acm:us-east-1:/);
    for (const behavior of [distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors]) expect(behavior.viewerProtocolPolicy).toBe("https-only");

    const policies = Object.fromEntries(ofType("aws:cloudfront/cachePolicy:CachePolicy").map((step) => [step.urn.split("::").pop(), inputs(step)]));
    const behavior = (pattern: string) => distribution.orderedCacheBehaviors.find((candidate) => candidate.pathPattern === pattern);
    for (const layer of ["exercises", "explanations"] as const) {
      expect(behavior(`/api/v1/${layer}*`)).toMatchObject({ targetOriginId: "api-regions", allowedMethods: ["GET", "HEAD", "OPTIONS"] });
      const ttl = SEED_CACHE_LAYERS[layer].ttlMs / 1000;
      expect(policies[`cdn-${layer}-cache-policy`]).toMatchObject({ minTtl: ttl, defaultTtl: ttl, maxTtl: ttl });
    }
    for (const pattern of ["/api/v1/corrections*", "/v2/check*"]) expect(behavior(pattern)).toMatchObject({ targetOriginId: primary, cachePolicyId: MANAGED_CACHE_POLICY_CACHING_DISABLED });
    expect(distribution.defaultCacheBehavior.cachePolicyId).toBe(MANAGED_CACHE_POLICY_CACHING_DISABLED);

    const [certificate] = ofType("aws:acm/certificate:Certificate");
    expect(certificate?.newState.provider).toMatch(/::aws-us-east-1::/);
    const certificateInputs = inputs(certificate);
    const { state } = mockResourceState("aws:acm/certificate:Certificate", certificate?.urn.split("::").pop() as string, certificateInputs, "us-east-1");
    const [option] = state.domainValidationOptions as { resourceRecordName: string; resourceRecordValue: string }[];
    const validationRecord = records().find((record) => record.name === option?.resourceRecordName.replace(/\.$/, ""));
    expect(validationRecord).toMatchObject({ type: "CNAME", content: option?.resourceRecordValue.replace(/\.$/, ""), proxied: false });
    expect(inputs(ofType("aws:acm/certificateValidation:CertificateValidation")[0]).validationRecordFqdns).toEqual([validationRecord?.name]);

    expect(records().find((record) => record.name === `api-cf.${domain}`)).toMatchObject({ type: "CNAME", content: expect.stringMatching(/\.cloudfront\.net$/), proxied: false });
    expect(distribution.loggingConfig.bucket).toMatch(/\.s3\.amazonaws\.com$/);
    const [encryption] = ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    expect(inputs(encryption).rules).toEqual([expect.objectContaining({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })]);
    expect(inputs(ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0])).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  });
});

describe("edgeCdnArgProblems", () => {
  const args = {
    domainName: "francaisfluide.fr",
    regions: ["us-east-1"],
    siteRecords: [{ name: "francaisfluide.fr", type: "A", content: "76.76.21.21" }],
  } as EdgeCdnArgs;

  it("accepts one region and the site's own names", () => {
    expect(edgeCdnArgProblems(args)).toEqual([]);
  });

  it("names the field of each contradiction: CloudFront on one region, a site record on the API's name or outside the domain", () => {
    expect(
      edgeCdnArgProblems({
        ...args,
        cloudFront: {} as EdgeCdnArgs["cloudFront"],
        siteRecords: [{ name: "api.francaisfluide.fr", type: "CNAME", content: "x" }, { name: "example.com", type: "A", content: "192.0.2.1" }],
      }),
    ).toEqual([
      "cloudFront: origin failover needs two regions, found us-east-1",
      "siteRecords: api.francaisfluide.fr is the API's or the origins' name",
      "siteRecords: example.com is outside francaisfluide.fr",
    ]);
  });
});
