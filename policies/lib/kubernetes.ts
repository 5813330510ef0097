import type { PolicyResource } from "@pulumi/policy";

interface Metadata {
  name?: string;
  namespace?: string;
}
const metadataOf = (resource: PolicyResource): Metadata => (resource.props.metadata ?? {}) as Metadata;
const providerOf = (resource: PolicyResource): string | undefined => (resource as { provider?: { urn?: string } }).provider?.urn;

export const isDeployment = (resource: PolicyResource) => /^kubernetes:apps\/v1:Deployment$/.test(resource.type);
export const isHpa = (resource: PolicyResource) => /^kubernetes:autoscaling\/v\d+(beta\d+)?:HorizontalPodAutoscaler$/.test(resource.type);

export interface HpaSpec {
  minReplicas?: number;
  maxReplicas?: number;
  scaleTargetRef?: { kind?: string; name?: string };
}

/**
 * The HorizontalPodAutoscalers that scale a Deployment: same namespace, a `scaleTargetRef` naming it, and the same
 * cluster when the engine says which (its provider); offline, where no provider is known, every candidate counts.
 */
export function autoscalersOf(deployment: PolicyResource, resources: PolicyResource[]): HpaSpec[] {
  const { name, namespace = "default" } = metadataOf(deployment);
  return resources
    .filter(isHpa)
    .filter((hpa) => (metadataOf(hpa).namespace ?? "default") === namespace && providerOf(hpa) === providerOf(deployment))
    .map((hpa) => (hpa.props.spec ?? {}) as HpaSpec)
    .filter((spec) => spec.scaleTargetRef?.kind === "Deployment" && spec.scaleTargetRef.name === name);
}
