import type { PreviewDocumentLike, PreviewStepLike } from "../diff/model.js";
import { parseCatalog, type Catalog } from "./catalog.js";

/** Crafted preview steps for the estimator's tests: providers with a region, components, resources under them. */
const STACK = "phase1";
const urn = (qualifiedType: string, name: string) => `urn:pulumi:${STACK}::francaisfluide::${qualifiedType}::${name}`;
export const STACK_URN = urn("pulumi:pulumi:Stack", `francaisfluide-${STACK}`);

export function awsProvider(region: string): PreviewStepLike {
  return { urn: urn("pulumi:providers:aws", `aws-${region}`), newState: { type: "pulumi:providers:aws", custom: true, parent: STACK_URN, inputs: { region } } };
}

/** A Kubernetes provider for an EKS cluster: its region is only in its kubeconfig's API server host. */
export function eksKubernetesProvider(region: string): PreviewStepLike {
  const kubeconfig = JSON.stringify({ clusters: [{ cluster: { server: `https://0A1B2C3D.gr7.${region}.eks.amazonaws.com` } }] });
  return { urn: urn("pulumi:providers:kubernetes", `eks-${region}`), newState: { type: "pulumi:providers:kubernetes", custom: true, parent: STACK_URN, inputs: { kubeconfig } } };
}

export function component(type: string, name: string): PreviewStepLike {
  return { urn: urn(type, name), newState: { type, custom: false, parent: STACK_URN, inputs: {} } };
}

export function resource(type: string, name: string, inputs: Record<string, unknown>, options: { region?: string; parent?: PreviewStepLike; provider?: PreviewStepLike } = {}): PreviewStepLike {
  const parentType = options.parent?.newState?.type;
  const providerStep = options.provider ?? (options.region ? awsProvider(options.region) : undefined);
  const provider = providerStep ? { provider: `${providerStep.urn}::0f598a6b-provider-id` } : {};
  return {
    urn: urn(parentType ? `${parentType}$${type}` : type, name),
    ...provider,
    newState: { type, custom: true, parent: options.parent?.urn ?? STACK_URN, inputs },
  } as PreviewStepLike;
}

export function document(...steps: PreviewStepLike[]): PreviewDocumentLike {
  return { stack: STACK, steps: [{ urn: STACK_URN, newState: { type: "pulumi:pulumi:Stack", custom: false, inputs: {} } }, ...steps] };
}

/** A small catalog with round prices, so that each expected figure can be worked out by hand. */
export const TEST_CATALOG_YAML = `
date: "2026-01-15"
currency: USD
prices:
  - { id: rds-postgres/db.t4g.small, region: eu-west-3, unit: hour, usd: 0.04, source: "https://aws.amazon.com/rds/postgresql/pricing/", verified: false }
  - { id: rds-storage/gp3, region: eu-west-3, unit: GB-month, usd: 0.1, source: "https://aws.amazon.com/rds/postgresql/pricing/", verified: false }
  - { id: aurora-postgres/db.t4g.medium, region: eu-west-3, unit: hour, usd: 0.1, source: "https://aws.amazon.com/rds/aurora/pricing/", verified: false }
  - { id: aurora-storage, region: eu-west-3, unit: GB-month, usd: 0.2, source: "https://aws.amazon.com/rds/aurora/pricing/", verified: false }
  - { id: elasticache-valkey/cache.t4g.small, region: eu-west-3, unit: hour, usd: 0.02, source: "https://aws.amazon.com/elasticache/pricing/", verified: false }
  - { id: fargate-linux-x86/vcpu, region: eu-west-3, unit: vCPU-hour, usd: 0.05, source: "https://aws.amazon.com/fargate/pricing/", verified: false }
  - { id: fargate-linux-x86/memory, region: eu-west-3, unit: GB-hour, usd: 0.005, source: "https://aws.amazon.com/fargate/pricing/", verified: false }
  - { id: fargate-ephemeral-storage, region: eu-west-3, unit: GB-hour, usd: 0.0001, source: "https://aws.amazon.com/fargate/pricing/", verified: false }
  - { id: alb-hour, region: eu-west-3, unit: hour, usd: 0.025, source: "https://aws.amazon.com/elasticloadbalancing/pricing/", verified: false }
  - { id: alb-lcu-hour, region: eu-west-3, unit: LCU-hour, usd: 0.01, source: "https://aws.amazon.com/elasticloadbalancing/pricing/", verified: false }
  - { id: nlb-hour, region: eu-west-3, unit: hour, usd: 0.02, source: "https://aws.amazon.com/elasticloadbalancing/pricing/", verified: false }
  - { id: nlb-lcu-hour, region: eu-west-3, unit: LCU-hour, usd: 0.005, source: "https://aws.amazon.com/elasticloadbalancing/pricing/", verified: false }
  - { id: nat-gateway-hour, region: eu-west-3, unit: hour, usd: 0.05, source: "https://aws.amazon.com/vpc/pricing/", verified: false }
  - { id: public-ipv4-hour, unit: hour, usd: 0.005, source: "https://aws.amazon.com/vpc/pricing/", verified: false }
  - { id: ec2/c7i.8xlarge, region: eu-west-3, unit: hour, usd: 1.5, source: "https://aws.amazon.com/ec2/pricing/on-demand/", verified: false }
  - { id: ebs-gp3, region: eu-west-3, unit: GB-month, usd: 0.1, source: "https://aws.amazon.com/ebs/pricing/", verified: false }
  - { id: cloudwatch-logs-ingestion, region: eu-west-3, unit: GB, usd: 0.5, source: "https://aws.amazon.com/cloudwatch/pricing/", verified: false }
  - { id: cloudwatch-logs-storage, region: eu-west-3, unit: GB-month, usd: 0.03, source: "https://aws.amazon.com/cloudwatch/pricing/", verified: false }
  - { id: cloudflare-plan/enterprise, unit: month, usd: 500, source: "https://www.cloudflare.com/plans/", verified: false, kind: assumption, note: "no list price" }
assumptions:
  - { id: hours-per-month, value: 730, unit: hour, why: "a month" }
  - { id: bytes-per-request, value: 4000, unit: byte, why: "test" }
  - { id: bytes-logged-per-request, value: 500, unit: byte, why: "test" }
  - { id: other-log-group-gb-per-month, value: 1, unit: GB, why: "test" }
  - { id: log-bucket-gb, value: 10, unit: GB, why: "test" }
  - { id: cloudfront-request-share, value: 0.01, unit: ratio, why: "test" }
  - { id: vercel-pro-seats, value: 1, unit: user, why: "test" }
free:
  - { type: "aws:ec2/vpc:Vpc", why: "VPCs have no charge" }
  - { type: "pulumi:providers:*", why: "provider configuration" }
`;

export function testCatalog(): Catalog {
  return parseCatalog(TEST_CATALOG_YAML, "test catalog");
}
