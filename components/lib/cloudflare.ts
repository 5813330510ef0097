/**
 * The Cloudflare resources the program uses, imported from their own modules. The package's index names about 780
 * modules, and Node's ESM loader scans all of it for named exports: 0.3 to 0.7 s per process, a sixth of the whole
 * offline preview, for the ten classes below (which the index itself loads from these same files).
 */
export { DnsRecord, type DnsRecordArgs } from "@pulumi/cloudflare/dnsRecord.js";
export { LoadBalancer } from "@pulumi/cloudflare/loadBalancer.js";
export { LoadBalancerMonitor } from "@pulumi/cloudflare/loadBalancerMonitor.js";
export { LoadBalancerPool } from "@pulumi/cloudflare/loadBalancerPool.js";
export { Provider } from "@pulumi/cloudflare/provider.js";
export { Ruleset } from "@pulumi/cloudflare/ruleset.js";
export { Zone } from "@pulumi/cloudflare/zone.js";
export { ZoneSetting } from "@pulumi/cloudflare/zoneSetting.js";
export { ZoneSubscription } from "@pulumi/cloudflare/zoneSubscription.js";
