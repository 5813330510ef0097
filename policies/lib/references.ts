import type { PolicyResource } from "@pulumi/policy";

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether `reference` (an identifier one resource's inputs give for another) names `target`: one of the target's
 * physical-name inputs, or, when the target is auto-named, its logical name with Pulumi's random hex suffix (as a
 * preview shows the id of a resource it has not created yet).
 */
export function refersTo(reference: unknown, target: Pick<PolicyResource, "name" | "props">, physicalNameKeys: string[]): boolean {
  if (typeof reference !== "string" || reference === "") return false;
  if (physicalNameKeys.some((key) => target.props[key] === reference)) return true;
  return new RegExp(`^${escaped(target.name)}-[0-9a-f]{7,8}$`).test(reference);
}

const AWS_REGION = /\b([a-z]{2}(?:-gov)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)\b/;

/**
 * The AWS region a resource lives in: its own `region` input (AWS provider 7), its provider's `region` (what the
 * Pulumi engine hands a policy), else the region its logical name carries (offline synthesis passes no providers,
 * and this project names every regional resource after its region).
 */
export function awsRegionOf(resource: Pick<PolicyResource, "name" | "props"> & { provider?: { props?: Record<string, unknown> } }): string | undefined {
  const own = resource.props.region ?? resource.provider?.props?.region;
  if (typeof own === "string" && own !== "") return own;
  return AWS_REGION.exec(resource.name)?.[1];
}

/** The region of an AWS ARN (`arn:aws:backup:eu-west-1:…`). */
export function regionOfArn(arn: unknown): string | undefined {
  return typeof arn === "string" ? arn.split(":")[3] || undefined : undefined;
}
