import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { originZoneName } from "./lib/origin.js";
import { resourceTags, type StackTags } from "./tags.js";

export interface OriginDnsArgs {
  domainName: string;
  /** Route 53 is global; its zone lives with the primary region's provider. */
  provider: aws.Provider;
  tags: StackTags;
}

/**
 * The Route 53 zone `origin.<domain>`, delegated from the public zone: the backend aliases each region's load
 * balancer and validates its certificate here, the failover answers from here, and the CDN publishes its name
 * servers as the subdomain's NS records.
 */
export class OriginDns extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly zoneName: string;
  readonly nameServers: pulumi.Output<string[]>;

  constructor(name: string, args: OriginDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("francaisfluide:cdn:OriginDns", name, {}, opts);
    this.zoneName = originZoneName(args.domainName);
    const zone = new aws.route53.Zone(`${name}-zone`, {
      name: this.zoneName,
      comment: "Origin names of the serving regions, delegated from the public zone",
      forceDestroy: false,
      tags: resourceTags(args.tags, "cdn", `${args.tags.project}-${args.tags.phase}-origin-zone`),
    }, { parent: this, provider: args.provider });
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
    this.registerOutputs({ zoneId: this.zoneId, zoneName: this.zoneName, nameServers: this.nameServers });
  }
}
